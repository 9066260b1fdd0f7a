import { addDays, dayNumberOf } from "../../time/zoned.js";
import { type CheckScope, conflict } from "./check-scope.js";
import { type InstructorWork, instructorResource } from "./instructor-work.js";
import {
  gridRangeOf,
  isoWeekOf,
  type LocalDayGrid,
  localDatesOf,
  localDayGrid,
  mondayOf,
  monthEndOf,
} from "./local-days.js";
import { monthText } from "./messages.js";
import type { Conflict, InstructorProfile } from "./types.js";

// Helpers live at module level: the checks run for every instructor of every dry run, and
// closures created per call cost more than the counting itself.

const monthOf = (date: string) => date.slice(0, 7);

/** One ISO week or calendar month the proposal touches: its label and first and last dates. */
interface Period {
  label: string;
  first: string;
  last: string;
}

const weekOf = (date: string, label: string): Period => {
  const monday = mondayOf(date);
  return { label, first: monday, last: addDays(monday, 6) };
};
const calendarMonthOf = (date: string, label: string): Period => ({
  label,
  first: `${label}-01`,
  last: monthEndOf(date),
});

/** The distinct periods of sorted dates, in order; bounds are worked out once per period. */
function periodsOf(
  dates: readonly string[],
  labelOf: (date: string) => string,
  periodOf: (date: string, label: string) => Period,
): Period[] {
  const periods: Period[] = [];
  for (const date of dates) {
    const label = labelOf(date);
    if (periods[periods.length - 1]?.label !== label) periods.push(periodOf(date, label));
  }
  return periods;
}

/** Which of the grid's consecutive dates are taught, by position. */
interface Taught {
  grid: LocalDayGrid;
  firstDay: number;
  days: Uint8Array;
}

function overLimit(
  profile: InstructorProfile,
  taught: Taught,
  limit: number,
  periods: Period[],
  unit: "week" | "month",
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const { label, first, last } of periods) {
    const dates: string[] = [];
    const to = dayNumberOf(last) - taught.firstDay;
    for (let i = dayNumberOf(first) - taught.firstDay; i <= to; i++)
      if (taught.days[i]) dates.push(taught.grid.dates[i]!);
    if (dates.length <= limit) continue;
    const when = unit === "week" ? `week ${label}` : monthText(label);
    conflicts.push(
      conflict(unit === "week" ? "instructor_week_limit" : "instructor_month_limit", {
        message: `${profile.name} would teach ${dates.length} days in ${when}, more than their limit of ${limit} a ${unit}.`,
        resource: instructorResource(profile),
        segmentKey: null,
        interval: null,
        with: [],
        details: { limit, days: dates.length, period: label, dates },
      }),
    );
  }
  return conflicts;
}

/** The days from `from` to `to` (local dates) on which the instructor teaches already. */
function taughtDays(scope: CheckScope, profile: InstructorProfile, from: string, to: string): Taught {
  const grid = localDayGrid(from, to, profile.timeZone);
  const taught: Taught = { grid, firstDay: dayNumberOf(from), days: new Uint8Array(grid.dates.length) };
  const span = { start: grid.starts[0]!, end: grid.starts[grid.starts.length - 1]! };
  for (const booking of scope.bookings.overlapping("instructor", profile.id, span)) {
    const [lo, hi] = gridRangeOf(grid, booking);
    taught.days.fill(1, lo, hi);
  }
  for (const interval of scope.context.teachingTime?.get(profile.id) ?? []) {
    const [lo, hi] = gridRangeOf(grid, interval);
    taught.days.fill(1, lo, hi);
  }
  return taught;
}

/**
 * Teaching days are distinct local dates in the instructor's zone with any teaching (a booking
 * across midnight counts both dates). Only the ISO weeks and calendar months the proposal
 * touches are judged, each counting existing bookings plus the proposed segments.
 */
export function teachingLimitConflicts(scope: CheckScope, { profile, segments }: InstructorWork): Conflict[] {
  const { maxDaysPerWeek, maxDaysPerMonth, timeZone } = profile;
  if (maxDaysPerWeek === null && maxDaysPerMonth === null) return [];
  const proposed = [...new Set(segments.flatMap((segment) => localDatesOf(segment, timeZone)))].sort();
  if (proposed.length === 0) return [];
  const first = proposed[0]!;
  const last = proposed[proposed.length - 1]!;
  // Whole weeks and months around the proposed dates: the earlier start, the later end.
  const firstMonday = mondayOf(first);
  const firstOfMonth = `${monthOf(first)}-01`;
  const lastSunday = addDays(mondayOf(last), 6);
  const lastOfMonth = monthEndOf(last);
  const from = firstMonday < firstOfMonth ? firstMonday : firstOfMonth;
  const to = lastSunday > lastOfMonth ? lastSunday : lastOfMonth;

  const taught = taughtDays(scope, profile, from, to);
  for (const date of proposed) taught.days[dayNumberOf(date) - taught.firstDay] = 1;
  return [
    ...(maxDaysPerWeek === null
      ? []
      : overLimit(profile, taught, maxDaysPerWeek, periodsOf(proposed, isoWeekOf, weekOf), "week")),
    ...(maxDaysPerMonth === null
      ? []
      : overLimit(profile, taught, maxDaysPerMonth, periodsOf(proposed, monthOf, calendarMonthOf), "month")),
  ];
}

export type TeachingLimitType = "instructor_week_limit" | "instructor_month_limit";

/**
 * For each segment of the instructor's work asked on its own (a write of that one day), the limits
 * it would break: what `teachingLimitConflicts` says of a proposal of that segment alone, for all
 * segments at once (one grid; each week and month counted once). The planner asks this of every
 * candidate day.
 */
export function teachingLimitsPerSegment(
  scope: CheckScope,
  { profile, segments }: InstructorWork,
): Map<string, TeachingLimitType[]> {
  const { maxDaysPerWeek, maxDaysPerMonth, timeZone } = profile;
  const result = new Map<string, TeachingLimitType[]>();
  if (maxDaysPerWeek === null && maxDaysPerMonth === null) return result;
  const proposedOf = new Map(
    segments.map((segment) => [segment.key, [...new Set(localDatesOf(segment, timeZone))]]),
  );
  const all = [...proposedOf.values()].flat().sort();
  if (all.length === 0) return result;
  const first = all[0]!;
  const last = all[all.length - 1]!;
  const firstMonday = mondayOf(first);
  const firstOfMonth = `${monthOf(first)}-01`;
  const from = firstMonday < firstOfMonth ? firstMonday : firstOfMonth;
  const lastSunday = addDays(mondayOf(last), 6);
  const lastOfMonth = monthEndOf(last);
  const taught = taughtDays(scope, profile, from, lastSunday > lastOfMonth ? lastSunday : lastOfMonth);
  const isTaught = (date: string) => taught.days[dayNumberOf(date) - taught.firstDay] === 1;
  // Days taught already per week and month.
  const counts = new Map<string, number>();
  taught.grid.dates.forEach((date, i) => {
    if (!taught.days[i]) return;
    for (const label of [`w${isoWeekOf(date)}`, `m${monthOf(date)}`])
      counts.set(label, (counts.get(label) ?? 0) + 1);
  });
  const units = [
    {
      type: "instructor_week_limit" as const,
      limit: maxDaysPerWeek,
      labelOf: (d: string) => `w${isoWeekOf(d)}`,
    },
    {
      type: "instructor_month_limit" as const,
      limit: maxDaysPerMonth,
      labelOf: (d: string) => `m${monthOf(d)}`,
    },
  ];
  for (const [key, proposed] of proposedOf) {
    const over: TeachingLimitType[] = [];
    for (const { type, limit, labelOf } of units) {
      if (limit === null) continue;
      const added = new Map<string, number>();
      for (const date of proposed)
        if (!isTaught(date)) added.set(labelOf(date), (added.get(labelOf(date)) ?? 0) + 1);
      const labels = new Set(proposed.map(labelOf));
      if ([...labels].some((label) => (counts.get(label) ?? 0) + (added.get(label) ?? 0) > limit))
        over.push(type);
    }
    if (over.length > 0) result.set(key, over);
  }
  return result;
}
