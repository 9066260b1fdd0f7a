import type { CompiledModel } from "./compile-model.js";
import { dayCostMoveDelta, loadMoveDelta } from "./day-costs.js";
import {
  blockedAt,
  courseMoveHard,
  daysMoveDelta,
  groupMoveCompactness,
  groupMoveHard,
  instMoveHard,
  instructorOf,
  limitMoveHard,
  over,
  poolMoveHard,
  roomBlockedAt,
  stabilityDelta,
} from "./move-deltas.js";
import { payMoveDelta } from "./pay.js";
import type { SolverState } from "./state.js";

/**
 * Scores a simple move (an event to another period and/or room, or a swap with the occupant of
 * the target slot) from the state's counters without applying it: `dHard` and `dSoft` are what
 * the move would change. The annealing rejects most moves, so those cost no place/unplace.
 */
export class MoveEvaluator {
  dHard = 0;
  dSoft = 0;
  private readonly groupMark: Int32Array;
  private groupStamp = 0;

  constructor(
    private readonly m: CompiledModel,
    private readonly s: SolverState,
  ) {
    this.groupMark = new Int32Array(m.G);
  }

  /**
   * A room-only move (or a room swap with the occupant, in the same period) is only evaluated:
   * nothing but capacity, room clashes and room stability can change, so its delta is computed
   * from the counters and the state changes only on `commit`.
   */
  roomChange(e: number, e2: number, p: number, r0: number, r1: number): void {
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
      dStab = stabilityDelta(m, s, c, r0, r1);
    } else {
      const size2 = m.eventSize[e2]!;
      dCap += over(size2, m.roomCapacity[r0]!) - over(size2, m.roomCapacity[r1]!);
      dWaste += over(m.roomCapacity[r0]!, size2) - over(m.roomCapacity[r1]!, size2);
      const c2 = m.eventCourse[e2]!;
      if (c2 !== c) dStab = stabilityDelta(m, s, c, r0, r1) + stabilityDelta(m, s, c2, r1, r0);
      if (m.roomBlockRow) dHard += roomBlockedAt(m, e2, r0, p) - roomBlockedAt(m, e2, r1, p);
    }
    if (m.roomBlockRow) dHard += roomBlockedAt(m, e, r1, p) - roomBlockedAt(m, e, r0, p);
    this.dHard = dHard;
    this.dSoft =
      m.weights.roomCapacity * dCap + (m.weights.roomWaste ?? 0) * dWaste + m.weights.roomStability * dStab;
  }

  /**
   * A move to another period (and maybe room), or a swap with the occupant of the target slot, is
   * only evaluated: the delta is computed from the counters (the state changes only on `commit`),
   * so a rejected move costs no place/unplace. In a swap the rooms' occupancy does not change, and
   * what the two events' courses, groups and instructors share cancels out.
   */
  periodChange(e: number, e2: number, p0: number, r0: number, p1: number, r1: number): void {
    const m = this.m;
    const s = this.s;
    const P = m.P;
    const c = m.eventCourse[e]!;
    const size = m.eventSize[e]!;
    let dComp = 0;
    let dDays = 0;
    let dCap = 0;
    let dWaste = 0;
    let dStab = 0;
    let dPeriodCost = 0;
    // With pay, an instructor's clash costs their cap: a double-booked day is no cheaper than two.
    let dClashPay = 0;
    // Workload counts an instructor's periods: a move can start or end one.
    let dLoad = 0;
    const ie = instructorOf(m, s, e);
    const i2 = e2 >= 0 ? instructorOf(m, s, e2) : -1;
    let dHard = blockedAt(m, s, e, p1) - blockedAt(m, s, e, p0);
    if (m.roomBlockRow) dHard += roomBlockedAt(m, e, r1, p1) - roomBlockedAt(m, e, r0, p0);
    if (e2 < 0) {
      if (r0 >= 0) dHard -= s.roomCnt[r0 * P + p0]! > 1 ? 1 : 0;
      if (r1 >= 0) {
        dHard += s.roomCnt[r1 * P + p1]! >= 1 ? 1 : 0;
        dCap = over(size, m.roomCapacity[r1]!) - (r0 >= 0 ? over(size, m.roomCapacity[r0]!) : 0);
        dWaste = over(m.roomCapacity[r1]!, size) - (r0 >= 0 ? over(m.roomCapacity[r0]!, size) : 0);
        if (r1 !== r0) dStab = stabilityDelta(m, s, c, r0, r1);
      }
      dHard += courseMoveHard(m, s, c, p0, p1);
      const gEnd = m.courseGroupStart[c + 1]!;
      for (let i = m.courseGroupStart[c]!; i < gEnd; i++) {
        const g = m.courseGroupList[i]!;
        dHard += groupMoveHard(m, s, g, p0, p1);
        if (m.groupCompact[g]) dComp += groupMoveCompactness(m, s, g, p0, p1);
      }
      dDays = daysMoveDelta(m, s, c, p0, p1);
      if (ie >= 0) {
        const clashes = instMoveHard(m, s, ie, p0, p1);
        dHard += clashes + limitMoveHard(m, s, e, ie, p0, p1);
        dClashPay = clashes * m.clashPay[ie]!;
        if (m.countDays) dLoad = loadMoveDelta(m, s, ie, p0, p1, clashes);
      }
      if (m.periodCost) dPeriodCost = m.periodCost[e * P + p1]! - m.periodCost[e * P + p0]!;
      if (m.Q > 0) dHard += poolMoveHard(m, s, e, p0, p1, -1);
    } else {
      const c2 = m.eventCourse[e2]!;
      const size2 = m.eventSize[e2]!;
      dHard += blockedAt(m, s, e2, p0) - blockedAt(m, s, e2, p1);
      if (m.roomBlockRow) dHard += roomBlockedAt(m, e2, r0, p0) - roomBlockedAt(m, e2, r1, p1);
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
        if (r1 !== r0) dStab = stabilityDelta(m, s, c, r0, r1) + stabilityDelta(m, s, c2, r1, r0);
        dHard += courseMoveHard(m, s, c, p0, p1) + courseMoveHard(m, s, c2, p1, p0);
        dDays = daysMoveDelta(m, s, c, p0, p1) + daysMoveDelta(m, s, c2, p1, p0);
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
          dHard += groupMoveHard(m, s, g, p1, p0);
          if (m.groupCompact[g]) dComp += groupMoveCompactness(m, s, g, p1, p0);
        }
        for (let i = m.courseGroupStart[c]!; i < gEnd; i++) {
          const g = m.courseGroupList[i]!;
          if (mark[g] === shared) continue;
          dHard += groupMoveHard(m, s, g, p0, p1);
          if (m.groupCompact[g]) dComp += groupMoveCompactness(m, s, g, p0, p1);
        }
      }
      if (ie !== i2) {
        if (ie >= 0) {
          const clashes = instMoveHard(m, s, ie, p0, p1);
          dHard += clashes + limitMoveHard(m, s, e, ie, p0, p1);
          dClashPay += clashes * m.clashPay[ie]!;
          if (m.countDays) dLoad += loadMoveDelta(m, s, ie, p0, p1, clashes);
        }
        if (i2 >= 0) {
          const clashes = instMoveHard(m, s, i2, p1, p0);
          dHard += clashes + limitMoveHard(m, s, e2, i2, p1, p0);
          dClashPay += clashes * m.clashPay[i2]!;
          if (m.countDays) dLoad += loadMoveDelta(m, s, i2, p1, p0, clashes);
        }
      }
      if (m.periodCost)
        dPeriodCost =
          m.periodCost[e * P + p1]! -
          m.periodCost[e * P + p0]! +
          m.periodCost[e2 * P + p0]! -
          m.periodCost[e2 * P + p1]!;
      if (m.Q > 0) dHard += poolMoveHard(m, s, e, p0, p1, e2);
    }
    // Pay depends on the periods (what an instructor is paid in each is capped), and so do day costs.
    const dPay = m.instPay ? this.payDelta(e, e2, ie, i2, p0, p1) + dClashPay : 0;
    const dDay = m.instDayCost ? dayCostMoveDelta(m, s, e, ie, e2, i2, p0, p1) : 0;
    const w = m.weights;
    this.dHard = dHard;
    this.dSoft =
      w.instructorCost * (dPay + dDay) +
      w.roomCapacity * dCap +
      (w.roomWaste ?? 0) * dWaste +
      w.roomStability * dStab +
      w.minDays * dDays +
      w.compactness * dComp +
      w.periodCost * dPeriodCost +
      (w.instructorLoad ?? 0) * dLoad;
  }

  /** The change in capped pay when e moves from p0 to p1 and e2 (if a swap) the other way. */
  private payDelta(e: number, e2: number, ie: number, i2: number, p0: number, p1: number): number {
    const m = this.m;
    const s = this.s;
    const pay = m.instPay!;
    const q = ie >= 0 ? pay[m.instStart[e]! + s.inst[e]!]! : 0;
    const q2 = i2 >= 0 ? pay[m.instStart[e2]! + s.inst[e2]!]! : 0;
    return payMoveDelta(m, s.paySum, ie, q, i2, q2, p0, p1);
  }
}
