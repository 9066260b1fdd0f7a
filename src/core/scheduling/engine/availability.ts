import { clipIntervals, mergeIntervals, subtractIntervals } from "./intervals.js";
import {
  isoWeekday,
  isValidOn,
  localDatesOf,
  type OffsetPiece,
  offsetPiecesOf,
  wallClockInstants,
} from "./local-days.js";
import type { AvailabilityRule, Interval } from "./types.js";

/** "HH:mm" → minutes after midnight; "24:00" is 1440, the end of the day. Read per rule and date. */
const digit = (time: string, at: number) => time.charCodeAt(at) - 48;
const minutesOf = (time: string): number =>
  (digit(time, 0) * 10 + digit(time, 1)) * 60 + digit(time, 3) * 10 + digit(time, 4);

/**
 * The instants inside `range` covered by weekly availability rules, read as wall-clock times in
 * the instructor's zone on each local date (weekday and validity of that date). Sorted and
 * merged, so adjacent rules (09:00–12:00, 12:00–17:00) and a window ending at 24:00 followed by
 * one starting at 00:00 form one stretch. No rules at all means available at any time.
 */
export function availabilityWindows(
  rules: readonly AvailabilityRule[],
  zone: string,
  range: Interval,
): Interval[] {
  if (range.end <= range.start) return [];
  if (rules.length === 0) return [{ start: range.start, end: range.end }];
  const windows: Interval[] = [];
  for (const date of localDatesOf(range, zone)) {
    const weekday = isoWeekday(date);
    let pieces: readonly OffsetPiece[] | null = null;
    for (const rule of rules) {
      if (rule.weekday !== weekday || !isValidOn(date, rule.validFrom, rule.validUntil)) continue;
      pieces ??= offsetPiecesOf(date, zone);
      for (const window of wallClockInstants(
        date,
        pieces,
        minutesOf(rule.startTime),
        minutesOf(rule.endTime),
      ))
        windows.push(window);
    }
  }
  return clipIntervals(mergeIntervals(windows), range);
}

/** The parts of an interval that no availability window covers (empty when fully available). */
export const outsideAvailability = (
  rules: readonly AvailabilityRule[],
  zone: string,
  interval: Interval,
): Interval[] => subtractIntervals([interval], availabilityWindows(rules, zone, interval));
