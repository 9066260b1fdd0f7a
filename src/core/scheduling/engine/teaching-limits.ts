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

  const grid = localDayGrid(from, to, timeZone);
  const taught: Taught = { grid, firstDay: dayNumberOf(from), days: new Uint8Array(grid.dates.length) };
  for (const date of proposed) taught.days[dayNumberOf(date) - taught.firstDay] = 1;
  const span = { start: grid.starts[0]!, end: grid.starts[grid.starts.length - 1]! };
  for (const booking of scope.bookings.overlapping("instructor", profile.id, span)) {
    const [lo, hi] = gridRangeOf(grid, booking);
    taught.days.fill(1, lo, hi);
  }
  for (const interval of scope.context.teachingTime?.get(profile.id) ?? []) {
    const [lo, hi] = gridRangeOf(grid, interval);
    taught.days.fill(1, lo, hi);
  }
  return [
    ...(maxDaysPerWeek === null
      ? []
      : overLimit(profile, taught, maxDaysPerWeek, periodsOf(proposed, isoWeekOf, weekOf), "week")),
    ...(maxDaysPerMonth === null
      ? []
      : overLimit(profile, taught, maxDaysPerMonth, periodsOf(proposed, monthOf, calendarMonthOf), "month")),
  ];
}
