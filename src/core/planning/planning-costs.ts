import type { SolverWeights } from "../solver/model.js";
import { minutesOfDay } from "../time/zoned.js";

/**
 * The planner's soft costs, in one place so a plan and the auto-staffing of one session rank the
 * same way. Units are currency units (minor units / 100). An instructor costs what they are paid
 * (`teachingPay`: hours × their hour rate, else their day rate; a day's pay never above the day
 * rate, so a second half-day on a day already paid costs nothing more), plus a load penalty per day
 * they already teach in the window or the plan gives them (`instructorLoad`), so among equally
 * priced instructors the less loaded one wins (workload balance), plus the journey from their home
 * location (travel). Load and journey are a day's (`dayCost` in the solver): two half-day runs of one
 * instructor on a day count one journey and one day, the longer journey when their sites differ.
 * An instructor without a rate (internal staff) costs only the load and the journey.
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
  // A day of a multi-day run with no other day of the run before or after it (consecutive days):
  // learners come back for a run split over a gap, so it is worth more than a few days' delay.
  compactness: 100,
  // A run that changes rooms between its days.
  roomStability: 50,
  // A run taught by more than one lead over its days: worth more than a small saving per day.
  instructorStability: 150,
  instructorCost: 1,
  // What the plan itself gives an instructor counts like what they teach already: the k-th day the
  // plan gives them costs LOAD_COST_PER_TEACHING_DAY × (k − 1) more (workload balance); a day with
  // a morning and an afternoon run is one day.
  instructorLoad: LOAD_COST_PER_TEACHING_DAY,
  periodCost: 1,
  // A run's equipment from a pool further down its preference (mobile rather than the location's,
  // or a larger pool than needed), per run: as much as a one-day run five days later.
  poolRank: 5,
};

/**
 * Per hour of travel from an instructor's home location to where the run is, once per teaching day
 * (a day's trip, or its share of a hotel stay): a local instructor wins unless the traveller is
 * cheaper by more than the journey.
 */
export const TRAVEL_COST_PER_HOUR = 40;

/** What a day's teaching costs besides pay: the load penalty and the journey from home. */
export function instructorDayCost(teachingDaysInWindow: number, travelMinutes = 0): number {
  return (
    LOAD_COST_PER_TEACHING_DAY * teachingDaysInWindow +
    Math.round((TRAVEL_COST_PER_HOUR * travelMinutes) / 60)
  );
}

/** An instructor's rates, in minor units (null: none). */
export interface InstructorRates {
  dayRateMinor: number | null;
  hourRateMinor: number | null;
}

/**
 * What teaching `hours` on one day pays, before the day's cap: hours × the hour rate when the
 * instructor has one (a half-day costs half a day's hours), else the day rate.
 */
export function teachingPay(rates: InstructorRates | undefined, hours: number): number {
  if (!rates || hours <= 0) return 0;
  if (rates.hourRateMinor !== null) return Math.round((rates.hourRateMinor * hours) / 100);
  return rates.dayRateMinor === null ? 0 : Math.round(rates.dayRateMinor / 100);
}

/** The most a day's teaching pays (the day rate), or undefined without one. */
export function dayPayCap(rates: InstructorRates | undefined): number | undefined {
  return rates?.dayRateMinor == null ? undefined : Math.round(rates.dayRateMinor / 100);
}

/**
 * What `pay` more costs on a day that already paid `before`: the day's pay is capped at the day
 * rate (two half-days of a day-rate instructor cost one day).
 */
export function addedPay(rates: InstructorRates | undefined, before: number, pay: number): number {
  const cap = dayPayCap(rates);
  return cap === undefined ? pay : Math.min(cap, before + pay) - Math.min(cap, before);
}

/** Hours between two wall-clock times ("HH:mm") of one day. */
export function hoursBetween(start: string, end: string): number {
  return Math.max(0, minutesOfDay(end) - minutesOfDay(start)) / 60;
}

/**
 * Weight of one hard violation (a double booking, a run twice on a day) in the search: above any
 * saving a plan could make, so the planner never trades a clash for cost. The solver's adaptive
 * default is scaled for ITC2007's costs of 1 to 5, not for currency units: with day rates in the
 * hundreds it let small plans wander among clashing timetables and miss a cheaper feasible one.
 */
export const PLAN_HARD_WEIGHT = 1_000_000;
