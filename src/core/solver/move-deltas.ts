import type { CompiledModel } from "./compile-model.js";
import { poolStep } from "./pools.js";
import type { SolverState } from "./state.js";

/**
 * What one event moving from period `from` to `to` (from ≠ to) changes, read from the state's
 * counters without applying the move: the moves score most candidates with these and touch the
 * state only for the ones the annealing accepts.
 */

export function over(size: number, capacity: number): number {
  return size > capacity ? size - capacity : 0;
}

/** The model index of event e's instructor (-1: none). */
export function instructorOf(m: CompiledModel, s: SolverState, e: number): number {
  const o = s.inst[e]!;
  return o >= 0 ? m.instList[m.instStart[e]! + o]! : -1;
}

/** 1 when event e's current instructor option may not teach in period p (see `SolverEvent.instructors`). */
export function blockedAt(m: CompiledModel, s: SolverState, e: number, p: number): number {
  const o = s.inst[e]!;
  if (o < 0) return 0;
  const row = m.instBlockRow[m.instStart[e]! + o]!;
  return row >= 0 ? m.blocked[row * m.P + p]! : 0;
}

/** 1 when room r may not hold event e in period p (see `SolverEvent.roomPeriods`); 0 for no room. */
export function roomBlockedAt(m: CompiledModel, e: number, r: number, p: number): number {
  if (m.roomBlockRow === null || r < 0) return 0;
  const row = m.roomBlockRow[e * m.R + r]!;
  return row >= 0 ? m.blocked[row * m.P + p]! : 0;
}

/** Clashes gained when one event of course c moves. */
export function courseMoveHard(
  m: CompiledModel,
  s: SolverState,
  c: number,
  from: number,
  to: number,
): number {
  const cnt = s.courseCnt;
  const k = c * m.P;
  return (cnt[k + to]! >= 1 ? 1 : 0) - (cnt[k + from]! > 1 ? 1 : 0);
}

export function groupMoveHard(m: CompiledModel, s: SolverState, g: number, from: number, to: number): number {
  const cnt = s.groupCnt;
  const k = g * m.P;
  return (cnt[k + to]! >= 1 ? 1 : 0) - (cnt[k + from]! > 1 ? 1 : 0);
}

export function instMoveHard(m: CompiledModel, s: SolverState, i: number, from: number, to: number): number {
  const cnt = s.instCnt;
  const k = i * m.P;
  return (cnt[k + to]! >= 1 ? 1 : 0) - (cnt[k + from]! > 1 ? 1 : 0);
}

/**
 * Periods over instructor limits gained when event e of instructor i moves: the leaving is applied
 * to the counts for the arrival's count, then undone.
 */
export function limitMoveHard(
  m: CompiledModel,
  s: SolverState,
  e: number,
  i: number,
  from: number,
  to: number,
): number {
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
 * Units over the pools gained when event e moves (and e2, when ≥ 0, the other way): the moves are
 * applied to the pools' use for the count, then undone.
 */
export function poolMoveHard(
  m: CompiledModel,
  s: SolverState,
  e: number,
  from: number,
  to: number,
  e2: number,
): number {
  let change = poolStep(m, s, e, from, -1) + poolStep(m, s, e, to, 1);
  if (e2 >= 0) {
    change += poolStep(m, s, e2, to, -1) + poolStep(m, s, e2, from, 1);
    poolStep(m, s, e2, from, -1);
    poolStep(m, s, e2, to, 1);
  }
  poolStep(m, s, e, to, -1);
  poolStep(m, s, e, from, 1);
  return change;
}

/**
 * Isolated events gained by compact group g when one of its events moves: the removal is counted,
 * applied to the counter for the addition's count (the two periods may be neighbours), then undone.
 */
export function groupMoveCompactness(
  m: CompiledModel,
  s: SolverState,
  g: number,
  from: number,
  to: number,
): number {
  const k = g * m.P;
  let change = s.isolationChange(k + from, from, -1);
  s.groupCnt[k + from]!--;
  change += s.isolationChange(k + to, to, 1);
  s.groupCnt[k + from]!++;
  return change;
}

/** Missing days gained by course c when one of its events moves. */
export function daysMoveDelta(m: CompiledModel, s: SolverState, c: number, from: number, to: number): number {
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

/** Extra rooms gained by course c when one of its events goes from room `from` to `to`. */
export function stabilityDelta(
  m: CompiledModel,
  s: SolverState,
  c: number,
  from: number,
  to: number,
): number {
  const R = m.R;
  const rooms = s.courseRooms[c]!;
  const after = rooms - (s.courseRoom[c * R + from] === 1 ? 1 : 0) + (s.courseRoom[c * R + to] === 0 ? 1 : 0);
  return (after > 1 ? after - 1 : 0) - (rooms > 1 ? rooms - 1 : 0);
}
