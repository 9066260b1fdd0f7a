import type { CompiledModel } from "./compile-model.js";
import { largestDayCost } from "./day-costs.js";
import { roomBlockedAt } from "./move-deltas.js";
import { payStep } from "./pay.js";
import { changeChoice, poolStep } from "./pools.js";
import { type ScoreBreakdown, weightedSoft } from "./score-breakdown.js";

/**
 * The incremental state of a timetable. `place`/`unplace` update every counter in O(groups of the
 * event), so the score of a move is known without re-scoring (delta scoring); nothing is allocated.
 * `instOption` is an index into the event's instructor options (-1: none).
 */
export class SolverState {
  readonly period: Int32Array;
  readonly room: Int32Array;
  readonly inst: Int32Array;
  /** Events per (room, period) and the XOR of their ids + 1: with a count of 1, the occupant. */
  readonly roomCnt: Int32Array;
  readonly roomXor: Int32Array;
  /** With time bands (B > 1): events per (room, period, band), which is what room clashes count. */
  readonly roomBandCnt: Int32Array;
  /** With time bands: events per (instructor, period, band), which instructor clashes count. */
  readonly instBandCnt: Int32Array;
  readonly courseCnt: Int32Array;
  readonly groupCnt: Int32Array;
  readonly instCnt: Int32Array;
  readonly courseDay: Int32Array;
  readonly courseDays: Int32Array;
  readonly courseRoom: Int32Array;
  readonly courseRooms: Int32Array;
  readonly courseInst: Int32Array;
  readonly courseInsts: Int32Array;
  /**
   * Events the search placed (not fixed) per (instructor, period) when the model counts days
   * (`countDays`), and periods taken per instructor limit.
   */
  readonly instFreeCnt: Int32Array;
  /** With pay (`instPay`): the pay of the events per (instructor, period), before the cap. */
  readonly paySum: Float64Array;
  /**
   * Per instructor, the periods in which the search placed their events plus their clashes: the
   * workload's n (counted with `countDays`), so a double-booked day counts as two.
   */
  readonly instLoad: Int32Array;
  readonly limitCnt: Int32Array;
  readonly poolUse: Int32Array;
  /** Per pool choice of a course, the index of its chosen option in the choice's list. */
  readonly choice: Int32Array;
  /** The events placed in each period (P rows of E slots) and each event's slot in its row. */
  readonly periodEvents: Int32Array;
  readonly periodSize: Int32Array;
  readonly slot: Int32Array;

  unplaced: number;
  roomClashes = 0;
  courseClashes = 0;
  groupClashes = 0;
  instructorClashes = 0;
  instructorBlocked = 0;
  roomBlocked = 0;
  instructorLimit = 0;
  poolOver = 0;
  outOfOrder = 0;
  roomCapacity = 0;
  roomWaste = 0;
  minDays = 0;
  compactness = 0;
  roomStability = 0;
  instructorStability = 0;
  instructorCost = 0;
  instructorLoad = 0;
  periodCost = 0;
  poolRank = 0;

  constructor(readonly m: CompiledModel) {
    const { E, P, R, C, G, I, D } = m;
    this.period = new Int32Array(E).fill(-1);
    this.room = new Int32Array(E).fill(-1);
    this.inst = new Int32Array(E).fill(-1);
    this.roomCnt = new Int32Array(R * P);
    this.roomXor = new Int32Array(R * P);
    this.roomBandCnt = new Int32Array(m.B > 1 ? R * P * m.B : 0);
    this.instBandCnt = new Int32Array(m.B > 1 ? I * P * m.B : 0);
    this.courseCnt = new Int32Array(C * P);
    this.groupCnt = new Int32Array(G * P);
    this.instCnt = new Int32Array(I * P);
    this.courseDay = new Int32Array(C * D);
    this.courseDays = new Int32Array(C);
    this.courseRoom = new Int32Array(C * R);
    this.courseRooms = new Int32Array(C);
    this.courseInst = new Int32Array(C * I);
    this.courseInsts = new Int32Array(C);
    this.instFreeCnt = new Int32Array(m.countDays ? I * P : 0);
    this.instLoad = new Int32Array(I);
    this.paySum = new Float64Array(m.instPay ? I * P : 0);
    this.limitCnt = new Int32Array(m.W);
    this.poolUse = new Int32Array(m.Q * P);
    this.choice = new Int32Array(m.K);
    this.periodEvents = new Int32Array(P * E);
    this.periodSize = new Int32Array(P);
    this.slot = new Int32Array(E).fill(-1);
    this.unplaced = E;
    for (let c = 0; c < C; c++) this.minDays += m.courseMinDays[c]!;
  }

  hard(): number {
    return (
      this.unplaced +
      this.roomClashes +
      this.courseClashes +
      this.groupClashes +
      this.instructorClashes +
      this.instructorBlocked +
      this.roomBlocked +
      this.instructorLimit +
      this.poolOver +
      this.outOfOrder
    );
  }

  soft(): number {
    return weightedSoft(this.m, this);
  }

  breakdown(): ScoreBreakdown {
    return {
      hard: this.hard(),
      soft: this.soft(),
      unplaced: this.unplaced,
      roomClashes: this.roomClashes,
      courseClashes: this.courseClashes,
      groupClashes: this.groupClashes,
      instructorClashes: this.instructorClashes,
      instructorBlocked: this.instructorBlocked,
      roomBlocked: this.roomBlocked,
      instructorLimit: this.instructorLimit,
      poolOver: this.poolOver,
      outOfOrder: this.outOfOrder,
      poolRank: this.poolRank,
      roomCapacity: this.roomCapacity,
      roomWaste: this.roomWaste,
      minDays: this.minDays,
      compactness: this.compactness,
      roomStability: this.roomStability,
      instructorStability: this.instructorStability,
      instructorCost: this.instructorCost,
      instructorLoad: this.instructorLoad,
      periodCost: this.periodCost,
    };
  }

  /**
   * How many isolated events a compact group gains when its count at period p (index k = g*P+p)
   * changes by `step` (+1 or -1), read before the change: only p and its same-day neighbours can
   * change, and a neighbour only when p turns empty or non-empty.
   */
  isolationChange(k: number, p: number, step: 1 | -1): number {
    const m = this.m;
    const cnt = this.groupCnt;
    const n = cnt[k]!;
    const prev = m.hasPrev[p] ? cnt[k - 1]! : 0;
    const next = m.hasNext[p] ? cnt[k + 1]! : 0;
    const alone = prev === 0 && next === 0 ? step : 0;
    if (step === 1 ? n > 0 : n > 1) return alone;
    // p turns non-empty (step 1) or empty (step -1): a neighbour with nobody on its other side
    // stops (or starts) being isolated.
    let change = alone;
    if (prev > 0 && !(m.hasPrev[p - 1] && cnt[k - 2]! > 0)) change -= step * prev;
    if (next > 0 && !(m.hasNext[p + 1] && cnt[k + 2]! > 0)) change -= step * next;
    return change;
  }

  /**
   * Periods over their caps gained when an instructor's (k = i*P+p) period p starts (step 1) or
   * stops (step -1) holding an event the search placed; applies the change to the limits' counts.
   */
  limitStep(k: number, step: 1 | -1): number {
    const m = this.m;
    let change = 0;
    const end = m.limitStart[k + 1]!;
    for (let j = m.limitStart[k]!; j < end; j++) {
      const w = m.limitList[j]!;
      const before = this.limitCnt[w]!;
      this.limitCnt[w] = before + step;
      const max = m.limitMax[w]!;
      change += (before + step > max ? before + step - max : 0) - (before > max ? before - max : 0);
    }
    return change;
  }

  /** Gives pool choice j the option at index `to` of its list: every placed event of its course moves its units. */
  setChoice(j: number, to: number): void {
    changeChoice(this.m, this, j, to);
  }

  /** Pairs of event e and its ordered neighbours that are out of order (unplaced ones never are). */
  private orderAt(e: number): number {
    const m = this.m;
    const p = this.period[e]!;
    const prev = m.eventPrev[e]!;
    const next = m.eventNext[e]!;
    let n = 0;
    if (prev >= 0 && this.period[prev]! >= p) n++;
    if (next >= 0 && this.period[next]! >= 0 && p >= this.period[next]!) n++;
    return n;
  }

  /** Adds `change` to instructor i's workload periods (n), whose cost is n(n − 1)/2. */
  private loadStep(i: number, change: number): void {
    if (change === 0) return;
    const n = this.instLoad[i]!;
    this.instLoad[i] = n + change;
    this.instructorLoad += ((n + change) * (n + change - 1) - n * (n - 1)) / 2;
  }

  /** Replaces the whole assignment (every event, fixed ones included, and the pool choices) with the given one. */
  assign(period: Int32Array, room: Int32Array, inst: Int32Array, choice?: Int32Array): void {
    const E = this.m.E;
    for (let e = 0; e < E; e++) this.unplace(e);
    if (choice) for (let j = 0; j < this.m.K; j++) this.setChoice(j, choice[j]!);
    for (let e = 0; e < E; e++) if (period[e]! >= 0) this.place(e, period[e]!, room[e]!, inst[e]!);
  }

  place(e: number, p: number, r: number, o: number): void {
    const m = this.m;
    const P = m.P;
    this.period[e] = p;
    this.room[e] = r;
    this.inst[e] = o;
    this.unplaced--;
    const n = this.periodSize[p]!++;
    this.periodEvents[p * m.E + n] = e;
    this.slot[e] = n;
    const c = m.eventCourse[e]!;
    if (this.courseCnt[c * P + p]!++ > 0) this.courseClashes++;
    const gEnd = m.courseGroupStart[c + 1]!;
    for (let i = m.courseGroupStart[c]!; i < gEnd; i++) {
      const g = m.courseGroupList[i]!;
      const k = g * P + p;
      if (m.groupCompact[g]) this.compactness += this.isolationChange(k, p, 1);
      if (this.groupCnt[k]!++ > 0) this.groupClashes++;
    }
    if (r >= 0) {
      const k = r * P + p;
      if (m.B === 1) {
        if (this.roomCnt[k]!++ > 0) this.roomClashes++;
      } else {
        this.roomCnt[k]!++;
        this.roomClashes += bandStep(this.roomBandCnt, k * m.B, m.eventRoomBands[e]!, 1);
      }
      if (m.roomBlockRow) this.roomBlocked += roomBlockedAt(m, e, r, p);
      this.roomXor[k]! ^= e + 1;
      const over = m.eventSize[e]! - m.roomCapacity[r]!;
      if (over > 0) this.roomCapacity += over;
      else this.roomWaste -= over;
      if (this.courseRoom[c * m.R + r]!++ === 0 && ++this.courseRooms[c]! > 1) this.roomStability++;
    }
    if (this.courseDay[c * m.D + m.periodDay[p]!]!++ === 0 && ++this.courseDays[c]! <= m.courseMinDays[c]!)
      this.minDays--;
    if (o >= 0) {
      const j = m.instStart[e]! + o;
      const i = m.instList[j]!;
      const clashes =
        m.B === 1
          ? this.instCnt[i * P + p]!++ > 0
            ? 1
            : 0
          : bandStep(this.instBandCnt, (i * P + p) * m.B, m.eventInstBands[e]!, 1);
      if (m.B > 1) this.instCnt[i * P + p]!++;
      this.instructorClashes += clashes;
      const row = m.instBlockRow[j]!;
      if (row >= 0) this.instructorBlocked += m.blocked[row * P + p]!;
      if (m.countDays) {
        const newDay = !m.eventFixed[e] && this.instFreeCnt[i * P + p]!++ === 0;
        if (newDay && m.W > 0) this.instructorLimit += this.limitStep(i * P + p, 1);
        this.loadStep(i, (newDay ? 1 : 0) + clashes);
      }
      this.instructorCost += m.instCost[j]!;
      if (m.instDayCost) {
        const others = largestDayCost(m, this, i, p, e);
        this.instructorCost += Math.max(others, m.instDayCost[j]!) - others;
      }
      if (m.instPay)
        this.instructorCost += payStep(m, this.paySum, i, p, m.instPay[j]!) + clashes * m.clashPay[i]!;
      if (this.courseInst[c * m.I + i]!++ === 0 && ++this.courseInsts[c]! > 1) this.instructorStability++;
    }
    if (m.periodCost) this.periodCost += m.periodCost[e * P + p]!;
    if (m.Q > 0) this.poolOver += poolStep(m, this, e, p, 1);
    if (m.eventPrev[e]! >= 0 || m.eventNext[e]! >= 0) this.outOfOrder += this.orderAt(e);
  }

  unplace(e: number): void {
    const m = this.m;
    const P = m.P;
    const p = this.period[e]!;
    if (p < 0) return;
    if (m.eventPrev[e]! >= 0 || m.eventNext[e]! >= 0) this.outOfOrder -= this.orderAt(e);
    const r = this.room[e]!;
    const o = this.inst[e]!;
    this.period[e] = -1;
    this.room[e] = -1;
    this.inst[e] = -1;
    this.unplaced++;
    const last = --this.periodSize[p]!;
    const at = this.slot[e]!;
    const moved = this.periodEvents[p * m.E + last]!;
    this.periodEvents[p * m.E + at] = moved;
    this.slot[moved] = at;
    this.slot[e] = -1;
    const c = m.eventCourse[e]!;
    if (--this.courseCnt[c * P + p]! > 0) this.courseClashes--;
    const gEnd = m.courseGroupStart[c + 1]!;
    for (let i = m.courseGroupStart[c]!; i < gEnd; i++) {
      const g = m.courseGroupList[i]!;
      const k = g * P + p;
      if (m.groupCompact[g]) this.compactness += this.isolationChange(k, p, -1);
      if (--this.groupCnt[k]! > 0) this.groupClashes--;
    }
    if (r >= 0) {
      const k = r * P + p;
      if (m.B === 1) {
        if (--this.roomCnt[k]! > 0) this.roomClashes--;
      } else {
        this.roomCnt[k]!--;
        this.roomClashes += bandStep(this.roomBandCnt, k * m.B, m.eventRoomBands[e]!, -1);
      }
      if (m.roomBlockRow) this.roomBlocked -= roomBlockedAt(m, e, r, p);
      this.roomXor[k]! ^= e + 1;
      const over = m.eventSize[e]! - m.roomCapacity[r]!;
      if (over > 0) this.roomCapacity -= over;
      else this.roomWaste += over;
      if (--this.courseRoom[c * m.R + r]! === 0 && this.courseRooms[c]!-- > 1) this.roomStability--;
    }
    if (--this.courseDay[c * m.D + m.periodDay[p]!]! === 0 && this.courseDays[c]!-- <= m.courseMinDays[c]!)
      this.minDays++;
    if (o >= 0) {
      const j = m.instStart[e]! + o;
      const i = m.instList[j]!;
      const clashes =
        m.B === 1
          ? --this.instCnt[i * P + p]! > 0
            ? -1
            : 0
          : bandStep(this.instBandCnt, (i * P + p) * m.B, m.eventInstBands[e]!, -1);
      if (m.B > 1) this.instCnt[i * P + p]!--;
      this.instructorClashes += clashes;
      const row = m.instBlockRow[j]!;
      if (row >= 0) this.instructorBlocked -= m.blocked[row * P + p]!;
      if (m.countDays) {
        const dayEnds = !m.eventFixed[e] && --this.instFreeCnt[i * P + p]! === 0;
        if (dayEnds && m.W > 0) this.instructorLimit += this.limitStep(i * P + p, -1);
        this.loadStep(i, (dayEnds ? -1 : 0) + clashes);
      }
      this.instructorCost -= m.instCost[j]!;
      if (m.instDayCost) {
        const others = largestDayCost(m, this, i, p, -1);
        this.instructorCost += others - Math.max(others, m.instDayCost[j]!);
      }
      if (m.instPay)
        this.instructorCost += payStep(m, this.paySum, i, p, -m.instPay[j]!) + clashes * m.clashPay[i]!;
      if (--this.courseInst[c * m.I + i]! === 0 && this.courseInsts[c]!-- > 1) this.instructorStability--;
    }
    if (m.periodCost) this.periodCost -= m.periodCost[e * P + p]!;
    if (m.Q > 0) this.poolOver += poolStep(m, this, e, p, -1);
  }

  /** Whether room r is held in period p during any band event e would hold it in. */
  roomTaken(e: number, r: number, p: number): boolean {
    const m = this.m;
    const k = r * m.P + p;
    if (m.B === 1 || this.roomCnt[k] === 0) return this.roomCnt[k]! > 0;
    for (let mask = m.eventRoomBands[e]!, b = 0; mask !== 0; mask >>>= 1, b++)
      if (mask & 1 && this.roomBandCnt[k * m.B + b]! > 0) return true;
    return false;
  }

  /** The single event in (room, period), or -1 when the slot is empty or shared. */
  occupant(r: number, p: number): number {
    const k = r * this.m.P + p;
    return this.roomCnt[k] === 1 ? this.roomXor[k]! - 1 : -1;
  }
}

/**
 * Adds (+1) or removes (-1) an event holding the bands of `mask` in the band counts starting at
 * `at` (a resource's row for one period); returns the change in clashes (one per band held by more
 * than one event, per extra event).
 */
function bandStep(counts: Int32Array, at: number, mask: number, step: 1 | -1): number {
  let change = 0;
  for (let b = 0; mask !== 0; mask >>>= 1, b++) {
    if ((mask & 1) === 0) continue;
    if (step === 1) {
      if (counts[at + b]!++ > 0) change++;
    } else if (--counts[at + b]! > 0) change--;
  }
  return change;
}
