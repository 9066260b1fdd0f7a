import type { DayBlocks, RunBlocks } from "./probe-resources.js";

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
    .map(([constraint, perResource]) =>
      explanation(
        constraint,
        labels,
        new Map([...perResource].map(([id, days]) => [input.names.get(id) ?? id, days])),
      ),
    )
    .sort((a, b) => b.count - a.count || a.constraint.localeCompare(b.constraint));
}

/** "label: Anna (5 days), Ben (1 day)", most days first; the count is the days summed. */
function explanation(
  constraint: string,
  labelOf: Record<string, string>,
  days: Map<string, number>,
): Explanation {
  const who = [...days]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} (${n} day${n === 1 ? "" : "s"})`)
    .join(", ");
  const count = [...days.values()].reduce((sum, n) => sum + n, 0);
  return { constraint, message: `${labelOf[constraint] ?? constraint}: ${who}`, count };
}

const runLabels: Record<string, string> = {
  learner_double_booked: "learners booked in another session",
  equipment_short: "not enough equipment in stock",
};

/** Days a re-planned draft cannot move to whoever teaches it: one line per constraint. */
export function explainRunBlocks(dates: string[], blocks: RunBlocks): Explanation[] {
  const byType = new Map<string, Map<string, number>>();
  for (const date of dates)
    for (const [type, names] of blocks.get(date) ?? []) {
      const perName = byType.get(type) ?? new Map<string, number>();
      byType.set(type, perName);
      for (const name of names) perName.set(name, (perName.get(name) ?? 0) + 1);
    }
  return [...byType].map(([constraint, perName]) => explanation(constraint, runLabels, perName));
}
