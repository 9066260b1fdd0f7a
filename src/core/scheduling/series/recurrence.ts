import { Temporal } from "temporal-polyfill";

// RRULE (RFC 5545) for session series, expanded on local dates, so every occurrence keeps its
// wall-clock time in the session's zone whatever DST does. Supported: FREQ=DAILY|WEEKLY|MONTHLY,
// INTERVAL, COUNT, UNTIL (a date), BYDAY (weekly: MO…SU; monthly: 1MO, -1FR …), BYMONTHDAY.

export interface Recurrence {
  freq: "DAILY" | "WEEKLY" | "MONTHLY";
  interval: number;
  count: number | null;
  until: string | null;
  byDay: { weekday: number; ordinal: number | null }[];
  byMonthDay: number[];
}

const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
export const MAX_OCCURRENCES = 366;

/** Parses an RRULE; returns a message naming the part it cannot use. */
export function parseRecurrence(rule: string): Recurrence | string {
  const recurrence: Recurrence = {
    freq: "WEEKLY",
    interval: 1,
    count: null,
    until: null,
    byDay: [],
    byMonthDay: [],
  };
  let freq: string | undefined;
  for (const part of rule
    .replace(/^RRULE:/i, "")
    .split(";")
    .filter(Boolean)) {
    const [key, value = ""] = part.split("=").map((piece) => piece.trim().toUpperCase());
    switch (key) {
      case "FREQ":
        if (!["DAILY", "WEEKLY", "MONTHLY"].includes(value))
          return `FREQ=${value} is not supported (DAILY, WEEKLY, MONTHLY)`;
        freq = value;
        break;
      case "INTERVAL":
        if (!/^\d{1,3}$/.test(value) || Number(value) < 1) return "INTERVAL must be a whole number from 1";
        recurrence.interval = Number(value);
        break;
      case "COUNT":
        if (!/^\d{1,4}$/.test(value) || Number(value) < 1) return "COUNT must be a whole number from 1";
        recurrence.count = Number(value);
        break;
      case "UNTIL": {
        const date = value.match(/^(\d{4})(\d{2})(\d{2})/);
        if (!date) return "UNTIL must be a date such as 20270630";
        recurrence.until = `${date[1]}-${date[2]}-${date[3]}`;
        break;
      }
      case "BYDAY":
        for (const day of value.split(",")) {
          const match = day.match(/^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/);
          if (!match) return `BYDAY=${day} is not a weekday such as TU or 1MO`;
          recurrence.byDay.push({
            weekday: WEEKDAYS.indexOf(match[2]!) + 1,
            ordinal: match[1] ? Number(match[1]) : null,
          });
        }
        break;
      case "BYMONTHDAY":
        for (const day of value.split(",")) {
          if (!/^-?\d{1,2}$/.test(day) || Number(day) === 0 || Math.abs(Number(day)) > 31)
            return `BYMONTHDAY=${day} is not a day of the month`;
          recurrence.byMonthDay.push(Number(day));
        }
        break;
      case "WKST":
        break;
      default:
        return `${key} is not supported`;
    }
  }
  if (!freq) return "FREQ is required";
  recurrence.freq = freq as Recurrence["freq"];
  if (recurrence.count === null && recurrence.until === null)
    return "give COUNT or UNTIL, so the series ends";
  return recurrence;
}

/**
 * The local dates of a series starting on `start` (which counts as the first occurrence when it
 * matches), minus `exceptions`; at most MAX_OCCURRENCES.
 */
export function occurrences(
  recurrence: Recurrence,
  start: string,
  exceptions: readonly string[] = [],
): string[] {
  const first = Temporal.PlainDate.from(start);
  const skip = new Set(exceptions);
  const dates: string[] = [];
  let matched = 0;
  const accept = (date: Temporal.PlainDate) => {
    if (Temporal.PlainDate.compare(date, first) < 0) return true;
    if (recurrence.until && date.toString() > recurrence.until) return false;
    if (recurrence.count !== null && matched >= recurrence.count) return false;
    matched++; // exceptions still count towards COUNT, as in RFC 5545 (EXDATE)
    if (!skip.has(date.toString())) dates.push(date.toString());
    return dates.length < MAX_OCCURRENCES;
  };
  for (let period = 0; period < 5000; period++) {
    for (const date of candidatesOf(recurrence, first, period)) {
      if (!accept(date)) return dates;
    }
  }
  return dates;
}

function candidatesOf(
  recurrence: Recurrence,
  first: Temporal.PlainDate,
  period: number,
): Temporal.PlainDate[] {
  const step = period * recurrence.interval;
  if (recurrence.freq === "DAILY") return [first.add({ days: step })];
  if (recurrence.freq === "WEEKLY") {
    const weekStart = first.subtract({ days: first.dayOfWeek - 1 }).add({ weeks: step });
    const days = recurrence.byDay.length > 0 ? recurrence.byDay.map((d) => d.weekday) : [first.dayOfWeek];
    return [...new Set(days)].sort((a, b) => a - b).map((weekday) => weekStart.add({ days: weekday - 1 }));
  }
  const month = first.with({ day: 1 }).add({ months: step });
  const found: Temporal.PlainDate[] = [];
  for (const day of recurrence.byMonthDay) {
    const value = day > 0 ? day : month.daysInMonth + day + 1;
    if (value >= 1 && value <= month.daysInMonth) found.push(month.with({ day: value }));
  }
  for (const { weekday, ordinal } of recurrence.byDay) {
    const all = Array.from({ length: month.daysInMonth }, (_, index) =>
      month.with({ day: index + 1 }),
    ).filter((d) => d.dayOfWeek === weekday);
    const picked = ordinal === null ? all : [ordinal > 0 ? all[ordinal - 1] : all[all.length + ordinal]];
    found.push(...picked.filter((d): d is Temporal.PlainDate => d !== undefined));
  }
  if (recurrence.byMonthDay.length === 0 && recurrence.byDay.length === 0 && first.day <= month.daysInMonth) {
    found.push(month.with({ day: first.day }));
  }
  return [...new Map(found.map((d) => [d.toString(), d])).values()].sort(Temporal.PlainDate.compare);
}
