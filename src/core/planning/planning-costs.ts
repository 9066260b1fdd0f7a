import type { SolverWeights } from "../solver/model.js";

/**
 * The planner's soft costs, in one place so a plan and the auto-staffing of one session rank the
 * same way. Units are "currency units a day": an instructor's day rate (minor units / 100) plus a
 * load penalty per day they already teach in the window, so among equally priced instructors the
 * less loaded one wins (workload balance). An instructor without a rate (internal staff) costs only
 * the load.
 */
export const LOAD_COST_PER_TEACHING_DAY = 25;
/** Per day after the first allowed day of the window: earlier is better when all else is equal. */
export const LATER_DAY_COST = 1;
/** A day of the week the demand did not prefer. */
export const UNPREFERRED_WEEKDAY_COST = 40;

export const planningWeights: SolverWeights = {
  // Rooms too small are excluded from the domains (hard); this only guards a misuse of the model.
  roomCapacity: 100,
  // Room fit: per seat left empty, so the tightest free room that fits wins.
  roomWaste: 2,
  // Each segment of a run on its own day; the segments of a run never share a day (hard).
  minDays: 100,
  compactness: 0,
  // A run that changes rooms between its days.
  roomStability: 50,
  // A run taught by more than one lead over its days: worth more than a small saving per day.
  instructorStability: 150,
  instructorCost: 1,
  periodCost: 1,
};

export function instructorDayCost(dayRateMinor: number | null, teachingDaysInWindow: number): number {
  return Math.round((dayRateMinor ?? 0) / 100) + LOAD_COST_PER_TEACHING_DAY * teachingDaysInWindow;
}
