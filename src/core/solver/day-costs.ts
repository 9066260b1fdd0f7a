import type { CompiledModel } from "./compile-model.js";
import { instructorOf } from "./move-deltas.js";
import type { SolverState } from "./state.js";

/**
 * Day costs and workload count an instructor's periods, not their events: a trainer who teaches
 * the morning and the afternoon at one site makes one journey and works one day (a double booking,
 * hard, counts as two days of workload, so it never looks lighter than two days). A period's day
 * cost is the largest `dayCost` among the instructor's events in it, found by scanning the period's
 * events when the instructor has more than one there (only models with day costs do, and a
 * planner's period holds tens of events, not hundreds).
 */

/** The largest day cost of instructor i's events in period p, leaving out event `skip` (-1: none). */
export function largestDayCost(m: CompiledModel, s: SolverState, i: number, p: number, skip: number): number {
  // Mostly the instructor has no other event in the period: no scan.
  const n = s.instCnt[i * m.P + p]!;
  if (n === 0 || (n === 1 && skip >= 0 && s.period[skip] === p && instructorOf(m, s, skip) === i)) return 0;
  const costs = m.instDayCost!;
  let largest = 0;
  const row = p * m.E;
  for (let k = 0; k < s.periodSize[p]!; k++) {
    const x = s.periodEvents[row + k]!;
    const o = s.inst[x]!;
    if (x === skip || o < 0) continue;
    const j = m.instStart[x]! + o;
    if (m.instList[j] === i && costs[j]! > largest) largest = costs[j]!;
  }
  return largest;
}

/**
 * The change in instructor i's day cost in period p when event `leaving` (-1: none; one of theirs
 * placed there) leaves it and an event with day cost `arriving` (-1: none) comes in.
 */
export function dayCostChange(
  m: CompiledModel,
  s: SolverState,
  i: number,
  p: number,
  leaving: number,
  arriving: number,
): number {
  const others = largestDayCost(m, s, i, p, leaving);
  const before = leaving >= 0 ? Math.max(others, dayCostOf(m, s, leaving)) : others;
  const after = arriving >= 0 ? Math.max(others, arriving) : others;
  return after - before;
}

/** Event e's day cost with its current instructor option. */
export function dayCostOf(m: CompiledModel, s: SolverState, e: number): number {
  return m.instDayCost![m.instStart[e]! + s.inst[e]!]!;
}

/**
 * The day-cost change when event e (instructor ie) moves from p0 to p1 and, in a swap, e2
 * (instructor i2, -1: none) from p1 to p0; read before the move.
 */
export function dayCostMoveDelta(
  m: CompiledModel,
  s: SolverState,
  e: number,
  ie: number,
  e2: number,
  i2: number,
  p0: number,
  p1: number,
): number {
  const v = ie >= 0 ? dayCostOf(m, s, e) : -1;
  const v2 = i2 >= 0 ? dayCostOf(m, s, e2) : -1;
  if (ie >= 0 && ie === i2) return dayCostChange(m, s, ie, p0, e, v2) + dayCostChange(m, s, ie, p1, e2, v);
  let change = 0;
  if (ie >= 0) change += dayCostChange(m, s, ie, p0, e, -1) + dayCostChange(m, s, ie, p1, -1, v);
  if (i2 >= 0) change += dayCostChange(m, s, i2, p1, e2, -1) + dayCostChange(m, s, i2, p0, -1, v2);
  return change;
}

/**
 * The workload change (n(n − 1)/2, n an instructor's periods plus clashes) when instructor i's event
 * the search placed leaves period `from` and enters `to`, changing i's clashes by `clashes`; read from
 * the per-period counts before the move.
 */
export function loadMoveDelta(
  m: CompiledModel,
  s: SolverState,
  i: number,
  from: number,
  to: number,
  clashes: number,
): number {
  const k = i * m.P;
  const n = s.instLoad[i]!;
  const after = n - (s.instFreeCnt[k + from] === 1 ? 1 : 0) + (s.instFreeCnt[k + to] === 0 ? 1 : 0) + clashes;
  return (after * (after - 1)) / 2 - (n * (n - 1)) / 2;
}
