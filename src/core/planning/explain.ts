import type { DayBlocks } from "./probe-resources.js";

/** Why something could not be placed: a constraint and a sentence naming who or what. */
export interface Explanation {
  constraint: string;
  message: string;
  count: number;
}

const labels: Record<string, string> = {
  instructor_double_booked: "teaching another session",
  instructor_travel_time: "not enough travel time from another location",
  instructor_unavailable: "outside their weekly availability",
  instructor_time_off: "on time off",
  instructor_week_limit: "at their limit of teaching days that week",
  instructor_month_limit: "at their limit of teaching days that month",
  room_double_booked: "room already booked",
};

/**
 * What held a run's candidate instructors and rooms on the days of its window, one line per
 * constraint (most days blocked first): "instructor_time_off: on time off — Anna (5 days)".
 */
export function explainBlocked(input: {
  dates: string[];
  instructorIds: string[];
  roomIds: string[];
  instructorBlocks: DayBlocks;
  roomBlocks: DayBlocks;
  names: Map<string, string>;
}): Explanation[] {
  const byType = new Map<string, Map<string, number>>();
  const count = (blocks: DayBlocks, ids: string[]) => {
    for (const id of ids) {
      const days = blocks.get(id);
      if (!days) continue;
      for (const date of input.dates) {
        for (const type of days.get(date) ?? []) {
          const perResource = byType.get(type) ?? new Map<string, number>();
          perResource.set(id, (perResource.get(id) ?? 0) + 1);
          byType.set(type, perResource);
        }
      }
    }
  };
  count(input.instructorBlocks, input.instructorIds);
  count(input.roomBlocks, input.roomIds);
  return [...byType]
    .map(([constraint, perResource]) => {
      const total = [...perResource.values()].reduce((sum, n) => sum + n, 0);
      const who = [...perResource]
        .sort((a, b) => b[1] - a[1])
        .map(([id, days]) => `${input.names.get(id) ?? id} (${days} day${days === 1 ? "" : "s"})`)
        .join(", ");
      return { constraint, message: `${labels[constraint] ?? constraint}: ${who}`, count: total };
    })
    .sort((a, b) => b.count - a.count || a.constraint.localeCompare(b.constraint));
}

/** Days a re-planned draft cannot move to because seated learners are booked elsewhere. */
export function explainLearnerBlocks(dates: string[], blocks: Map<string, Set<string>>): Explanation[] {
  const perLearner = new Map<string, number>();
  for (const date of dates)
    for (const name of blocks.get(date) ?? []) perLearner.set(name, (perLearner.get(name) ?? 0) + 1);
  if (perLearner.size === 0) return [];
  const who = [...perLearner]
    .sort((a, b) => b[1] - a[1])
    .map(([name, days]) => `${name} (${days} day${days === 1 ? "" : "s"})`)
    .join(", ");
  const count = [...perLearner.values()].reduce((sum, n) => sum + n, 0);
  return [
    { constraint: "learner_double_booked", message: `learners booked in another session: ${who}`, count },
  ];
}
