import { dateOfDayNumber, wallClockOf } from "../../time/zoned.js";
import type { Interval } from "./types.js";

// Times in conflict sentences: en-GB wall-clock in a named zone ("Mon 29 Mar 2027 09:00–17:00"),
// assembled from parts so the output does not depend on the runtime's default locale.

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const DAY = 86_400_000;
const dateTexts = new Map<number, string>();

/** "Mon 29 Mar 2027" for a day number (days since 1970-01-01, a Thursday). */
function dateText(dayNumber: number): string {
  let text = dateTexts.get(dayNumber);
  if (text === undefined) {
    const date = dateOfDayNumber(dayNumber);
    const weekday = WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7]!;
    text = `${weekday} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
    if (dateTexts.size > 20_000) dateTexts.clear();
    dateTexts.set(dayNumber, text);
  }
  return text;
}

// Built from the cached zone offsets in time/zoned.ts: Intl.formatToParts per message was the
// engine's single largest cost on busy calendars.
function wallClock(ms: number, zone: string): { date: string; time: string } {
  const wall = wallClockOf(ms, zone);
  const dayNumber = Math.floor(wall / DAY);
  const minutes = Math.floor((wall - dayNumber * DAY) / 60_000);
  return {
    date: dateText(dayNumber),
    time: `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`,
  };
}

/** "Mon 29 Mar 2027 09:00–17:00", "… 22:00–24:00", or "Mon … 22:00 – Tue … 02:00" across midnight. */
export function formatSpan(interval: Interval, zone: string): string {
  const from = wallClock(interval.start, zone);
  const to = wallClock(interval.end, zone);
  if (from.date === to.date) return `${from.date} ${from.time}–${to.time}`;
  if (to.time === "00:00" && wallClock(interval.end - 1, zone).date === from.date) {
    return `${from.date} ${from.time}–24:00`;
  }
  return `${from.date} ${from.time} – ${to.date} ${to.time}`;
}

/**
 * A span as the session's people see it, plus as the other party sees it when they live in
 * another zone: "Mon 29 Mar 2027 09:00–12:00 (Europe/Berlin; Mon 29 Mar 2027 03:00–06:00 America/New_York)".
 */
export function describeSpan(interval: Interval, sessionZone: string, otherZone?: string): string {
  const other =
    otherZone && otherZone !== sessionZone ? `; ${formatSpan(interval, otherZone)} ${otherZone}` : "";
  return `${formatSpan(interval, sessionZone)} (${sessionZone}${other})`;
}

export const quoted = (label: string) => `"${label}"`;

export const minutesText = (ms: number) => `${Math.round(ms / 60_000)} min`;

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "2027-03" → "March 2027". */
export const monthText = (month: string) => monthFormat.format(Date.parse(`${month}-01T00:00:00Z`));

/** Two moments in order: the second without its date when both fall on the same local date. */
export function formatMoments(first: number, second: number, zone: string): [string, string] {
  const a = wallClock(first, zone);
  const b = wallClock(second, zone);
  return [`${a.date} ${a.time}`, a.date === b.date ? b.time : `${b.date} ${b.time}`];
}
