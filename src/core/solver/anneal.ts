import type { CompiledModel } from "./model.js";
import type { Random } from "./random.js";
import type { SolverState } from "./state.js";

/**
 * The moves of the local search, each applied to the state (delta scoring happens in
 * `place`/`unplace`) and undone when the annealing rejects it:
 * - move: an event to another period and/or room (a room-only move keeps the period); when the
 *   target room-period holds exactly one other event that may take the vacated place, the two swap;
 * - instructor: another of the event's instructor options;
 * - Kempe chain: the events of two periods that are connected by a conflict (same course, shared
 *   group, same instructor) exchange periods, so a feasible timetable stays free of those clashes
 *   while a whole block of lectures changes day or time; an event whose room is taken in its new
 *   period takes the cheapest free room (or, with `kempeRooms`, sharing a room links events too,
 *   which keeps rooms but grows chains to whole periods).
 * Scratch arrays are allocated once; the inner loop allocates nothing.
 */
export class Moves {
  private readonly queue: Int32Array;
  private readonly mark: Int32Array;
  private stamp = 0;
  private readonly savedPeriod: Int32Array;
  private readonly savedRoom: Int32Array;
  private readonly savedInst: Int32Array;
  private readonly groupMark: Int32Array;
  private groupStamp = 0;
  private chainLength = 0;
  /** The last simple move, for `undo`. */
  private e1 = -1;
  private e2 = -1;
  private p0 = -1;
  private r0 = -1;
  private o0 = -1;
  private p1 = -1;
  private r1 = -1;
  private o2 = -1;
  private kind: 0 | 1 = 0;
  /** True when the last move was only evaluated (dHard/dSoft): `commit` applies it. */
  deferred = false;
  dHard = 0;
  dSoft = 0;
  /** Share of room choices that take the room of another event of the same course. */
  sameCourseRoom = 0.5;
  /** Share of period choices next to an event of the same group. */
  nextToMate = 0;
  /** Whether events sharing a room belong to the same Kempe chain (rooms stay clash-free). */
  kempeRooms = false;
  /**
   * Whether a Kempe chain that does not follow rooms re-matches them: an event arriving in a
   * period where its room is taken gets the free room that costs least (capacity, stability).
   */
  kempeRematch = true;

  constructor(
    private readonly m: CompiledModel,
    private readonly s: SolverState,
    private readonly rng: Random,
  ) {
    this.queue = new Int32Array(m.E);
    this.mark = new Int32Array(m.E);
    this.savedPeriod = new Int32Array(m.E);
    this.savedRoom = new Int32Array(m.E);
    this.savedInst = new Int32Array(m.E);
    this.groupMark = new Int32Array(m.G);
  }

  /** A random move (or swap, or instructor change) of event e; false when it would change nothing. */
  simple(e: number, roomOnly: number, instructorChange: number): boolean {
    const m = this.m;
    const s = this.s;
    const rng = this.rng;
    const P = m.P;
    const p0 = s.period[e]!;
    const r0 = s.room[e]!;
    const o0 = s.inst[e]!;
    const nOptions = m.instStart[e + 1]! - m.instStart[e]!;
    const nRooms = m.roomStart[e + 1]! - m.roomStart[e]!;
    let p1 = p0;
    let r1 = r0;
    let o1 = o0;
    const u = rng.next();
    if (nOptions > 1 && u < instructorChange) {
      o1 = rng.int(nOptions);
      if (o1 === o0) return false;
    } else if (nRooms > 1 && u < (nOptions > 1 ? instructorChange : 0) + roomOnly) {
      r1 = this.pickRoom(e);
      if (r1 === r0) return false;
    } else {
      p1 = rng.next() < this.nextToMate ? this.periodNextToMate(e) : -1;
      if (p1 < 0) {
        const nPeriods = m.periodStart[e + 1]! - m.periodStart[e]!;
        p1 = m.periodList[m.periodStart[e]! + rng.int(nPeriods)]!;
      }
      if (nRooms > 1 && rng.next() < 0.5) r1 = this.pickRoom(e);
      if (p1 === p0 && r1 === r0) return false;
    }
    let e2 = -1;
    if (r1 >= 0 && (p1 !== p0 || r1 !== r0)) {
      const k = r1 * P + p1;
      if (s.roomCnt[k] === 1) {
        const other = s.roomXor[k]! - 1;
        if (
          other !== e &&
          !m.eventFixed[other] &&
          r0 >= 0 &&
          m.periodAllowed[other * P + p0] &&
          m.roomAllowed[other * m.R + r0]
        )
          e2 = other;
      }
    }
    if (p1 === p0 && o1 === o0) return this.evaluateRoomChange(e, e2, p0, r0, r1);
    // Events of ordered courses are moved and scored by the state (their order is not in the deltas).
    const ordered = m.courseOrdered[m.eventCourse[e]!] || (e2 >= 0 && m.courseOrdered[m.eventCourse[e2]!]);
    if (o1 === o0 && p0 >= 0 && (r0 >= 0 || r1 < 0) && !ordered)
      return this.evaluatePeriodChange(e, e2, p0, r0, p1, r1);
    this.deferred = false;
    this.kind = 0;
    this.e1 = e;
    this.e2 = e2;
    this.p0 = p0;
    this.r0 = r0;
    this.o0 = o0;
    this.p1 = p1;
    this.r1 = r1;
    s.unplace(e);
    if (e2 >= 0) {
      this.o2 = s.inst[e2]!;
      s.unplace(e2);
    }
    s.place(e, p1, r1, o1);
    if (e2 >= 0) s.place(e2, p0, r0, this.o2);
    return true;
  }

  /**
   * A period just before or after an event of one of e's groups (same day), allowed for e; -1 when
   * the draw finds none. It aims moves at compact days.
   */
  private periodNextToMate(e: number): number {
    const m = this.m;
    const rng = this.rng;
    const c = m.eventCourse[e]!;
    const gStart = m.courseGroupStart[c]!;
    const nGroups = m.courseGroupStart[c + 1]! - gStart;
    if (nGroups === 0) return -1;
    const g = m.courseGroupList[gStart + rng.int(nGroups)]!;
    const eStart = m.groupEventStart[g]!;
    const x = m.groupEventList[eStart + rng.int(m.groupEventStart[g + 1]! - eStart)]!;
    const px = this.s.period[x]!;
    if (px < 0 || x === e) return -1;
    const before = rng.next() < 0.5;
    const p = before ? (m.hasPrev[px] ? px - 1 : -1) : m.hasNext[px] ? px + 1 : -1;
    return p >= 0 && m.periodAllowed[e * m.P + p] ? p : -1;
  }

  /**
   * A room for event e: half the time the room of another event of its course (so courses settle
   * into one room), otherwise any room of its domain.
   */
  private pickRoom(e: number): number {
    const m = this.m;
    const rng = this.rng;
    if (rng.next() < this.sameCourseRoom) {
      const c = m.eventCourse[e]!;
      const start = m.courseEventStart[c]!;
      const n = m.courseEventStart[c + 1]! - start;
      const other = m.courseEventList[start + rng.int(n)]!;
      const r = this.s.room[other]!;
      if (r >= 0 && other !== e && m.roomAllowed[e * m.R + r]) return r;
    }
    return m.roomList[m.roomStart[e]! + rng.int(m.roomStart[e + 1]! - m.roomStart[e]!)]!;
  }

  /**
   * A room-only move (or a room swap with the occupant, in the same period) is only evaluated:
   * nothing but capacity, room clashes and room stability can change, so its delta is computed
   * from the counters and the state changes only on `commit`.
   */
  private evaluateRoomChange(e: number, e2: number, p: number, r0: number, r1: number): boolean {
    const m = this.m;
    const s = this.s;
    const size = m.eventSize[e]!;
    const c = m.eventCourse[e]!;
    let dCap = over(size, m.roomCapacity[r1]!) - over(size, m.roomCapacity[r0]!);
    let dWaste = over(m.roomCapacity[r1]!, size) - over(m.roomCapacity[r0]!, size);
    let dHard = 0;
    let dStab = 0;
    if (e2 < 0) {
      dHard = (s.roomCnt[r0 * m.P + p]! > 1 ? -1 : 0) + (s.roomCnt[r1 * m.P + p]! >= 1 ? 1 : 0);
      dStab = this.stabilityDelta(c, r0, r1);
    } else {
      const size2 = m.eventSize[e2]!;
      dCap += over(size2, m.roomCapacity[r0]!) - over(size2, m.roomCapacity[r1]!);
      dWaste += over(m.roomCapacity[r0]!, size2) - over(m.roomCapacity[r1]!, size2);
      const c2 = m.eventCourse[e2]!;
      if (c2 !== c) dStab = this.stabilityDelta(c, r0, r1) + this.stabilityDelta(c2, r1, r0);
    }
    this.deferred = true;
    this.kind = 0;
    this.e1 = e;
    this.e2 = e2;
    this.p0 = p;
    this.r0 = r0;
    this.p1 = p;
    this.r1 = r1;
    this.dHard = dHard;
    this.dSoft =
      m.weights.roomCapacity * dCap + (m.weights.roomWaste ?? 0) * dWaste + m.weights.roomStability * dStab;
    return true;
  }

  /**
   * A move to another period (and maybe room), or a swap with the occupant of the target slot, is
   * only evaluated: the delta is computed from the counters (the state changes only on `commit`),
   * so a rejected move costs no place/unplace. In a swap the rooms' occupancy does not change, and
   * what the two events' courses, groups and instructors share cancels out.
   */
  private evaluatePeriodChange(
    e: number,
    e2: number,
    p0: number,
    r0: number,
    p1: number,
    r1: number,
  ): boolean {
    const m = this.m;
    const s = this.s;
    const P = m.P;
    const c = m.eventCourse[e]!;
    const size = m.eventSize[e]!;
    let dHard = 0;
    let dComp = 0;
    let dDays = 0;
    let dCap = 0;
    let dWaste = 0;
    let dStab = 0;
    let dPeriodCost = 0;
    const ie = this.instructorOf(e);
    if (e2 < 0) {
      if (r0 >= 0) dHard -= s.roomCnt[r0 * P + p0]! > 1 ? 1 : 0;
      if (r1 >= 0) {
        dHard += s.roomCnt[r1 * P + p1]! >= 1 ? 1 : 0;
        dCap = over(size, m.roomCapacity[r1]!) - (r0 >= 0 ? over(size, m.roomCapacity[r0]!) : 0);
        dWaste = over(m.roomCapacity[r1]!, size) - (r0 >= 0 ? over(m.roomCapacity[r0]!, size) : 0);
        if (r1 !== r0) dStab = this.stabilityDelta(c, r0, r1);
      }
      dHard += this.courseMoveHard(c, p0, p1);
      const gEnd = m.courseGroupStart[c + 1]!;
      for (let i = m.courseGroupStart[c]!; i < gEnd; i++) {
        const g = m.courseGroupList[i]!;
        dHard += this.groupMoveHard(g, p0, p1);
        if (m.groupCompact[g]) dComp += this.groupMoveCompactness(g, p0, p1);
      }
      dDays = this.daysMoveDelta(c, p0, p1);
      if (ie >= 0) dHard += this.instMoveHard(ie, p0, p1) + this.limitMoveHard(e, ie, p0, p1);
      if (m.periodCost) dPeriodCost = m.periodCost[e * P + p1]! - m.periodCost[e * P + p0]!;
      if (m.Q > 0) dHard += this.poolMoveHard(e, p0, p1, -1);
    } else {
      const c2 = m.eventCourse[e2]!;
      const size2 = m.eventSize[e2]!;
      dCap =
        over(size, m.roomCapacity[r1]!) -
        over(size, m.roomCapacity[r0]!) +
        over(size2, m.roomCapacity[r0]!) -
        over(size2, m.roomCapacity[r1]!);
      dWaste =
        over(m.roomCapacity[r1]!, size) -
        over(m.roomCapacity[r0]!, size) +
        over(m.roomCapacity[r0]!, size2) -
        over(m.roomCapacity[r1]!, size2);
      if (c2 !== c) {
        if (r1 !== r0) dStab = this.stabilityDelta(c, r0, r1) + this.stabilityDelta(c2, r1, r0);
        dHard += this.courseMoveHard(c, p0, p1) + this.courseMoveHard(c2, p1, p0);
        dDays = this.daysMoveDelta(c, p0, p1) + this.daysMoveDelta(c2, p1, p0);
        // A group of both courses keeps its counts: only the groups of one of them change.
        const mark = this.groupMark;
        const own = ++this.groupStamp;
        const shared = ++this.groupStamp;
        const gEnd = m.courseGroupStart[c + 1]!;
        for (let i = m.courseGroupStart[c]!; i < gEnd; i++) mark[m.courseGroupList[i]!] = own;
        const g2End = m.courseGroupStart[c2 + 1]!;
        for (let i = m.courseGroupStart[c2]!; i < g2End; i++) {
          const g = m.courseGroupList[i]!;
          if (mark[g] === own) {
            mark[g] = shared;
            continue;
          }
          dHard += this.groupMoveHard(g, p1, p0);
          if (m.groupCompact[g]) dComp += this.groupMoveCompactness(g, p1, p0);
        }
        for (let i = m.courseGroupStart[c]!; i < gEnd; i++) {
          const g = m.courseGroupList[i]!;
          if (mark[g] === shared) continue;
          dHard += this.groupMoveHard(g, p0, p1);
          if (m.groupCompact[g]) dComp += this.groupMoveCompactness(g, p0, p1);
        }
      }
      const i2 = this.instructorOf(e2);
      if (ie !== i2) {
        if (ie >= 0) dHard += this.instMoveHard(ie, p0, p1) + this.limitMoveHard(e, ie, p0, p1);
        if (i2 >= 0) dHard += this.instMoveHard(i2, p1, p0) + this.limitMoveHard(e2, i2, p1, p0);
      }
      if (m.periodCost)
        dPeriodCost =
          m.periodCost[e * P + p1]! -
          m.periodCost[e * P + p0]! +
          m.periodCost[e2 * P + p0]! -
          m.periodCost[e2 * P + p1]!;
      if (m.Q > 0) dHard += this.poolMoveHard(e, p0, p1, e2);
    }
    const w = m.weights;
    this.deferred = true;
    this.kind = 0;
    this.e1 = e;
    this.e2 = e2;
    this.p0 = p0;
    this.r0 = r0;
    this.p1 = p1;
    this.r1 = r1;
    this.dHard = dHard;
    this.dSoft =
      w.roomCapacity * dCap +
      (w.roomWaste ?? 0) * dWaste +
      w.roomStability * dStab +
      w.minDays * dDays +
      w.compactness * dComp +
      w.periodCost * dPeriodCost;
    return true;
  }

  private instructorOf(e: number): number {
    const o = this.s.inst[e]!;
    return o >= 0 ? this.m.instList[this.m.instStart[e]! + o]! : -1;
  }

  /** Clashes gained when one event of course c goes from period `from` to `to` (from ≠ to). */
  private courseMoveHard(c: number, from: number, to: number): number {
    const cnt = this.s.courseCnt;
    const k = c * this.m.P;
    return (cnt[k + to]! >= 1 ? 1 : 0) - (cnt[k + from]! > 1 ? 1 : 0);
  }

  private groupMoveHard(g: number, from: number, to: number): number {
    const cnt = this.s.groupCnt;
    const k = g * this.m.P;
    return (cnt[k + to]! >= 1 ? 1 : 0) - (cnt[k + from]! > 1 ? 1 : 0);
  }

  private instMoveHard(i: number, from: number, to: number): number {
    const cnt = this.s.instCnt;
    const k = i * this.m.P;
    return (cnt[k + to]! >= 1 ? 1 : 0) - (cnt[k + from]! > 1 ? 1 : 0);
  }

  /**
   * Periods over instructor limits gained when event e of instructor i goes from `from` to `to`
   * (from ≠ to): the leaving is applied to the counts for the arrival's count, then undone.
   */
  private limitMoveHard(e: number, i: number, from: number, to: number): number {
    const m = this.m;
    const s = this.s;
    if (m.W === 0 || m.eventFixed[e]) return 0;
    const k0 = i * m.P + from;
    const k1 = i * m.P + to;
    const leaves = s.instFreeCnt[k0] === 1;
    let change = leaves ? s.limitStep(k0, -1) : 0;
    if (s.instFreeCnt[k1] === 0) {
      change += s.limitStep(k1, 1);
      s.limitStep(k1, -1);
    }
    if (leaves) s.limitStep(k0, 1);
    return change;
  }

  /**
   * Units over the pools gained when event e goes from `from` to `to` (and e2, when ≥ 0, the other
   * way): the moves are applied to the pools' use for the count, then undone.
   */
  private poolMoveHard(e: number, from: number, to: number, e2: number): number {
    const s = this.s;
    let change = s.poolStep(e, from, -1) + s.poolStep(e, to, 1);
    if (e2 >= 0) {
      change += s.poolStep(e2, to, -1) + s.poolStep(e2, from, 1);
      s.poolStep(e2, from, -1);
      s.poolStep(e2, to, 1);
    }
    s.poolStep(e, to, -1);
    s.poolStep(e, from, 1);
    return change;
  }

  /**
   * Isolated events gained by compact group g when one of its events goes from `from` to `to`:
   * the removal is counted, applied to the counter for the addition's count (the two periods may
   * be neighbours), then undone.
   */
  private groupMoveCompactness(g: number, from: number, to: number): number {
    const s = this.s;
    const k = g * this.m.P;
    let change = s.isolationChange(k + from, from, -1);
    s.groupCnt[k + from]!--;
    change += s.isolationChange(k + to, to, 1);
    s.groupCnt[k + from]!++;
    return change;
  }

  /** Missing days gained by course c when one of its events goes from period `from` to `to`. */
  private daysMoveDelta(c: number, from: number, to: number): number {
    const m = this.m;
    const s = this.s;
    const d0 = m.periodDay[from]!;
    const d1 = m.periodDay[to]!;
    if (d0 === d1) return 0;
    const min = m.courseMinDays[c]!;
    let days = s.courseDays[c]!;
    const before = days < min ? min - days : 0;
    if (s.courseDay[c * m.D + d0] === 1) days--;
    if (s.courseDay[c * m.D + d1] === 0) days++;
    return (days < min ? min - days : 0) - before;
  }

  private stabilityDelta(c: number, from: number, to: number): number {
    const s = this.s;
    const R = this.m.R;
    const rooms = s.courseRooms[c]!;
    const after =
      rooms - (s.courseRoom[c * R + from] === 1 ? 1 : 0) + (s.courseRoom[c * R + to] === 0 ? 1 : 0);
    return (after > 1 ? after - 1 : 0) - (rooms > 1 ? rooms - 1 : 0);
  }

  /** Applies an evaluated (deferred) room move. */
  commit(): void {
    const s = this.s;
    const e = this.e1;
    const e2 = this.e2;
    const o = s.inst[e]!;
    s.unplace(e);
    if (e2 >= 0) {
      const o2 = s.inst[e2]!;
      s.unplace(e2);
      s.place(e2, this.p0, this.r0, o2);
    }
    s.place(e, this.p1, this.r1, o);
    this.deferred = false;
  }

  /** The Kempe chain of event e between its period and t2; false when some event of it cannot move. */
  kempe(e: number, t2: number): boolean {
    const m = this.m;
    const s = this.s;
    const t1 = s.period[e]!;
    if (t1 === t2 || t1 < 0) return false;
    const E = m.E;
    const P = m.P;
    const C = m.C;
    const stamp = ++this.stamp;
    const queue = this.queue;
    const mark = this.mark;
    queue[0] = e;
    mark[e] = stamp;
    let n = 1;
    for (let qi = 0; qi < n; qi++) {
      const x = queue[qi]!;
      const tx = s.period[x]!;
      const ty = tx === t1 ? t2 : t1;
      if (m.eventFixed[x] || !m.periodAllowed[x * P + ty]) return false;
      const rx = s.room[x]!;
      const cx = m.eventCourse[x]! * C;
      const ox = s.inst[x]!;
      const ix = ox >= 0 ? m.instList[m.instStart[x]! + ox]! : -1;
      const size = s.periodSize[ty]!;
      const row = ty * E;
      for (let k = 0; k < size; k++) {
        const y = s.periodEvents[row + k]!;
        if (mark[y] === stamp) continue;
        let linked =
          (this.kempeRooms && rx >= 0 && s.room[y] === rx) || m.courseConflict[cx + m.eventCourse[y]!] === 1;
        if (!linked && ix >= 0) {
          const oy = s.inst[y]!;
          linked = oy >= 0 && m.instList[m.instStart[y]! + oy] === ix;
        }
        if (linked) {
          mark[y] = stamp;
          queue[n++] = y;
        }
      }
    }
    if (n === 2 && this.tradesNothing(e, queue[1]!, t1, t2)) return false;
    for (let i = 0; i < n; i++) {
      const x = queue[i]!;
      this.savedPeriod[i] = s.period[x]!;
      this.savedRoom[i] = s.room[x]!;
      this.savedInst[i] = s.inst[x]!;
      s.unplace(x);
    }
    const rematch = this.kempeRematch && !this.kempeRooms;
    for (let i = 0; i < n; i++) {
      const x = queue[i]!;
      const ty = this.savedPeriod[i] === t1 ? t2 : t1;
      const rx = this.savedRoom[i]!;
      s.place(
        x,
        ty,
        rematch && rx >= 0 && s.roomCnt[rx * P + ty]! > 0 ? this.freeRoom(x, ty, rx) : rx,
        this.savedInst[i]!,
      );
    }
    this.chainLength = n;
    this.deferred = false;
    this.kind = 1;
    return true;
  }

  /**
   * Whether events e (in t1) and f (in t2) trading periods would leave the timetable as it is: one
   * course (not an ordered one), one instructor, one room clash-free in both periods, the same
   * period costs and pool uses. A third of
   * the two-event chains on ITC2007 are such no-ops (and always accepted).
   */
  private tradesNothing(e: number, f: number, t1: number, t2: number): boolean {
    const m = this.m;
    const s = this.s;
    const P = m.P;
    const r = s.room[e]!;
    return (
      m.eventCourse[e] === m.eventCourse[f] &&
      !m.courseOrdered[m.eventCourse[e]!] &&
      this.instructorOf(e) === this.instructorOf(f) &&
      s.room[f] === r &&
      (r < 0 || (s.roomCnt[r * P + t1] === 1 && s.roomCnt[r * P + t2] === 1)) &&
      (!m.periodCost ||
        m.periodCost[e * P + t1]! + m.periodCost[f * P + t2]! ===
          m.periodCost[e * P + t2]! + m.periodCost[f * P + t1]!) &&
      (m.Q === 0 || this.sameUses(e, f))
    );
  }

  private sameUses(e: number, f: number): boolean {
    const m = this.m;
    const n = m.useStart[e + 1]! - m.useStart[e]!;
    if (m.useStart[f + 1]! - m.useStart[f]! !== n) return false;
    for (let j = 0; j < n; j++) {
      const a = m.useStart[e]! + j;
      const b = m.useStart[f]! + j;
      if (m.usePool[a] !== m.usePool[b] || m.useQuantity[a] !== m.useQuantity[b]) return false;
    }
    return true;
  }

  /** The free room of period p that costs event x least (capacity, room stability); `fallback` when none is free. */
  private freeRoom(x: number, p: number, fallback: number): number {
    const m = this.m;
    const s = this.s;
    const w = m.weights;
    const size = m.eventSize[x]!;
    const cR = m.eventCourse[x]! * m.R;
    let best = fallback;
    let bestCost = Number.POSITIVE_INFINITY;
    const end = m.roomStart[x + 1]!;
    for (let i = m.roomStart[x]!; i < end; i++) {
      const r = m.roomList[i]!;
      if (s.roomCnt[r * m.P + p]! > 0) continue;
      const cost =
        w.roomCapacity * over(size, m.roomCapacity[r]!) +
        (w.roomWaste ?? 0) * over(m.roomCapacity[r]!, size) +
        (s.courseRoom[cR + r] === 0 ? w.roomStability : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = r;
      }
    }
    return best;
  }

  undo(): void {
    const s = this.s;
    if (this.deferred) {
      this.deferred = false;
      return;
    }
    if (this.kind === 1) {
      const n = this.chainLength;
      for (let i = 0; i < n; i++) s.unplace(this.queue[i]!);
      for (let i = 0; i < n; i++)
        s.place(this.queue[i]!, this.savedPeriod[i]!, this.savedRoom[i]!, this.savedInst[i]!);
      return;
    }
    const e = this.e1;
    const e2 = this.e2;
    s.unplace(e);
    if (e2 >= 0) {
      s.unplace(e2);
      s.place(e2, this.p1, this.r1, this.o2);
    }
    s.place(e, this.p0, this.r0, this.o0);
  }
}

function over(size: number, capacity: number): number {
  return size > capacity ? size - capacity : 0;
}
