import { addDays } from "../../time/zoned.js";
import { type CheckScope, conflict } from "./check-scope.js";
import { type InstructorWork, instructorResource } from "./instructor-work.js";
import { gridDatesOf, isoWeekOf, localDatesOf, localDayGrid, mondayOf, monthEndOf } from "./local-days.js";
import { monthText } from "./messages.js";
import type { Conflict, ConflictType } from "./types.js";

const monthOf = (date: string) => date.slice(0, 7);

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
  const from = [mondayOf(first), `${monthOf(first)}-01`].sort()[0]!;
  const to = [addDays(mondayOf(last), 6), monthEndOf(last)].sort()[1]!;

  const grid = localDayGrid(from, to, timeZone);
  const span = { start: grid.starts[0]!, end: grid.starts[grid.starts.length - 1]! };
  const taught = new Set(proposed);
  for (const booking of scope.bookings.overlapping("instructor", profile.id, span)) {
    for (const date of gridDatesOf(grid, booking)) taught.add(date);
  }
  for (const interval of scope.context.teachingTime?.get(profile.id) ?? []) {
    for (const date of gridDatesOf(grid, interval)) taught.add(date);
  }
  const dates = [...taught].sort();
  const over = (
    type: ConflictType,
    limit: number | null,
    periodOf: (date: string) => string,
    unit: "week" | "month",
  ) => {
    if (limit === null) return [];
    return [...new Set(proposed.map(periodOf))].flatMap((period) => {
      const inPeriod = dates.filter((date) => periodOf(date) === period);
      if (inPeriod.length <= limit) return [];
      const when = unit === "week" ? `week ${period}` : monthText(period);
      return [
        conflict(type, {
          message: `${profile.name} would teach ${inPeriod.length} days in ${when}, more than their limit of ${limit} a ${unit}.`,
          resource: instructorResource(profile),
          segmentKey: null,
          interval: null,
          with: [],
          details: { limit, days: inPeriod.length, period, dates: inPeriod },
        }),
      ];
    });
  };
  return [
    ...over("instructor_week_limit", maxDaysPerWeek, isoWeekOf, "week"),
    ...over("instructor_month_limit", maxDaysPerMonth, monthOf, "month"),
  ];
}
