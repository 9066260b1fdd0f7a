import type { CompiledModel } from "./compile-model.js";
import type { SolverState } from "./state.js";

/**
 * Pools (shared stocks such as laptops): the units each event takes per period, from the pools it
 * uses and from the option its course chose for each pool choice. Each function applies its change
 * to the state's `poolUse` and returns the change in units over what the pools have free.
 */

/** Units over gained when event e starts (step 1) or stops (step -1) taking its units in period p. */
export function poolStep(m: CompiledModel, s: SolverState, e: number, p: number, step: 1 | -1): number {
  let change = 0;
  const end = m.useStart[e + 1]!;
  for (let j = m.useStart[e]!; j < end; j++)
    change += poolTake(m, s, m.usePool[j]!, p, step * m.useQuantity[j]!);
  if (m.K === 0) return change;
  const c = m.eventCourse[e]!;
  const chosen = m.courseChoiceStart[c + 1]!;
  for (let i = m.courseChoiceStart[c]!; i < chosen; i++) {
    const j = m.courseChoiceList[i]!;
    change += optionTake(m, s, m.choiceOptionStart[j]! + s.choice[j]!, p, step * m.choiceQuantity[j]!);
  }
  return change;
}

/** Units over gained when option o of a pool choice takes `units` more (or fewer) in period p. */
function optionTake(m: CompiledModel, s: SolverState, o: number, p: number, units: number): number {
  let change = 0;
  for (let k = m.optionPoolStart[o]!; k < m.optionPoolStart[o + 1]!; k++)
    change += poolTake(m, s, m.optionPoolList[k]!, p, units);
  return change;
}

/** Units over gained when `units` more (or fewer, when negative) of pool q are taken in period p. */
function poolTake(m: CompiledModel, s: SolverState, q: number, p: number, units: number): number {
  const k = q * m.P + p;
  const free = m.poolFree[k]!;
  const before = s.poolUse[k]!;
  const after = before + units;
  s.poolUse[k] = after;
  return (after > free ? after - free : 0) - (before > free ? before - free : 0);
}

/**
 * Gives pool choice j the option at index `to` of its list: every placed event of its course moves
 * its units; updates the state's `poolOver` and `poolRank`.
 */
export function changeChoice(m: CompiledModel, s: SolverState, j: number, to: number): void {
  const from = s.choice[j]!;
  const c = m.choiceCourse[j]!;
  const start = m.choiceOptionStart[j]!;
  const units = m.choiceQuantity[j]!;
  for (let i = m.courseEventStart[c]!; i < m.courseEventStart[c + 1]!; i++) {
    const p = s.period[m.courseEventList[i]!]!;
    if (p < 0) continue;
    s.poolOver += optionTake(m, s, start + from, p, -units);
    s.poolOver += optionTake(m, s, start + to, p, units);
  }
  s.choice[j] = to;
  s.poolRank += to - from;
}
