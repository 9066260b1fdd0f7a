import type { CompiledModel } from "./compile-model.js";

/**
 * Instructor pay: the `pay` of an instructor's events in one period adds up to at most their
 * `payCap` (a day rate), counting what they were paid in it already. Kept apart from the options'
 * `cost`, which always adds up, because a second half-day taught on a paid day costs nothing more.
 */

/** What instructor i's events in period p cost when their pay sums to `sum`. */
export function payCost(m: CompiledModel, i: number, p: number, sum: number): number {
  const cap = m.payCap[i]!;
  if (cap === Number.POSITIVE_INFINITY) return sum;
  const before = m.paid ? m.paid[i * m.P + p]! : 0;
  return Math.min(cap, before + sum) - Math.min(cap, before);
}

/** Adds `amount` to instructor i's pay in period p (`sums`: I*P) and returns the cost's change. */
export function payStep(m: CompiledModel, sums: Float64Array, i: number, p: number, amount: number): number {
  const k = i * m.P + p;
  const from = sums[k]!;
  sums[k] = from + amount;
  return payCost(m, i, p, from + amount) - payCost(m, i, p, from);
}

/** The change in cost if `amount` were added to instructor i's pay in period p. */
function payChange(m: CompiledModel, sums: Float64Array, i: number, p: number, amount: number): number {
  const from = sums[i * m.P + p]!;
  return payCost(m, i, p, from + amount) - payCost(m, i, p, from);
}

/**
 * The pay cost gained when event e (instructor ie, pay q) moves from p0 to p1 and, in a swap,
 * e2 (instructor i2, pay q2) from p1 to p0 (i2 = -1: none).
 */
export function payMoveDelta(
  m: CompiledModel,
  sums: Float64Array,
  ie: number,
  q: number,
  i2: number,
  q2: number,
  p0: number,
  p1: number,
): number {
  if (ie >= 0 && ie === i2) return payChange(m, sums, ie, p0, q2 - q) + payChange(m, sums, ie, p1, q - q2);
  let change = 0;
  if (ie >= 0) change += payChange(m, sums, ie, p0, -q) + payChange(m, sums, ie, p1, q);
  if (i2 >= 0) change += payChange(m, sums, i2, p1, -q2) + payChange(m, sums, i2, p0, q2);
  return change;
}
