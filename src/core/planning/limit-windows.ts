import { isoWeekOf } from "../scheduling/engine/local-days.js";
import type { SolverModel } from "../solver/model.js";
import type { PlanLimit } from "./plan-problem.js";
import type { TeachingLimit } from "./probe-resources.js";

/**
 * Each limited instructor's ISO weeks and calendar months among the days they could be given: the
 * days they do not teach yet, of which at most (limit − days taught already) may be added. Plan
 * dates stand for the instructor's local dates (items in another zone may differ by a day around
 * midnight; applying checks again). A window with no more open days than it allows is left out.
 */
export function limitWindows(
  options: { instructorIds: string[]; allowedDates: string[] }[],
  limits: Map<string, TeachingLimit>,
  periodOf: Map<string, number>,
  instructorIndex: Map<string, number>,
): { window: NonNullable<SolverModel["instructorLimits"]>[number]; limit: PlanLimit }[] {
  const windows: ReturnType<typeof limitWindows> = [];
  for (const [id, { maxDaysPerWeek, maxDaysPerMonth, taught }] of limits) {
    const instructor = instructorIndex.get(id);
    if (instructor === undefined) continue;
    const open = [
      ...new Set(options.flatMap((o) => (o.instructorIds.includes(id) ? o.allowedDates : []))),
    ].filter((date) => periodOf.has(date) && !taught.has(date));
    const units = [
      { constraint: "instructor_week_limit" as const, limit: maxDaysPerWeek, labelOf: isoWeekOf },
      { constraint: "instructor_month_limit" as const, limit: maxDaysPerMonth, labelOf: monthOf },
    ];
    for (const { constraint, limit, labelOf } of units) {
      if (limit === null) continue;
      const byLabel = new Map<string, string[]>();
      for (const date of open) byLabel.set(labelOf(date), [...(byLabel.get(labelOf(date)) ?? []), date]);
      for (const [label, dates] of byLabel) {
        let already = 0;
        for (const date of taught) if (labelOf(date) === label) already++;
        const max = Math.max(0, limit - already);
        if (dates.length <= max) continue;
        windows.push({
          window: { instructor, periods: dates.map((date) => periodOf.get(date)!), max },
          limit: { constraint, label, limit },
        });
      }
    }
  }
  return windows;
}

const monthOf = (date: string) => date.slice(0, 7);
