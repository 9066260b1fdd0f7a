import {
  addDays,
  dateOfDayNumber,
  dayNumberOf,
  instantToLocalDate,
  isoWeekdayOf,
  nextOffsetChange,
  offsetAt,
  startOfLocalDate,
} from "../../time/zoned.js";
import type { Interval } from "./types.js";

// Local calendar dates seen from one IANA zone: which dates an interval touches, their weeks
// and months, and how a date's wall clock maps to instants around DST changes.

/** A date's midnight as if it were UTC: wall-clock arithmetic without a zone. */
const utcMidnight = (date: string) => dayNumberOf(date) * 86_400_000;

/** The local dates an interval touches in a zone, in order (its last instant is end − 1 ms). */
export function localDatesOf(interval: Interval, zone: string): string[] {
  if (interval.end <= interval.start) return [];
  const last = instantToLocalDate(interval.end - 1, zone);
  const dates = [instantToLocalDate(interval.start, zone)];
  while (dates[dates.length - 1]! < last) dates.push(addDays(dates[dates.length - 1]!, 1));
  return dates;
}

/** From the first instant of `first` to the first instant after `last`, in a zone. */
export const localDaysSpan = (first: string, last: string, zone: string): Interval => ({
  start: startOfLocalDate(first, zone),
  end: startOfLocalDate(addDays(last, 1), zone),
});

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export const isoWeekday = isoWeekdayOf;

/** ISO week of a date, e.g. "2027-W13" (the week-year differs from the year around New Year). */
const isoWeeks = new Map<string, string>();

export function isoWeekOf(date: string): string {
  const known = isoWeeks.get(date);
  if (known !== undefined) return known;
  // The ISO week belongs to the year of its Thursday.
  const thursday = addDays(date, 4 - isoWeekdayOf(date));
  const year = thursday.slice(0, 4);
  const week = Math.floor((utcMidnight(thursday) - utcMidnight(`${year}-01-01`)) / 86_400_000 / 7) + 1;
  const text = `${year}-W${String(week).padStart(2, "0")}`;
  if (isoWeeks.size > 50_000) isoWeeks.clear();
  isoWeeks.set(date, text);
  return text;
}

/** The Monday that starts a date's ISO week. */
export const mondayOf = (date: string): string => addDays(date, 1 - isoWeekday(date));

/** Inclusive validity on a local date; null bounds are open. ISO dates compare as strings. */
export const isValidOn = (date: string, from: string | null, until: string | null): boolean =>
  (from === null || from <= date) && (until === null || date <= until);

/** A stretch of one local date during which the zone's UTC offset is constant. */
export interface OffsetPiece extends Interval {
  offsetMs: number;
}

/**
 * A local date cut where the UTC offset changes (a DST day has two pieces, other days one). Real
 * zones change at most once a day, so equal offsets at both ends mean no change in between.
 */
const piecesByZoneDate = new Map<string, readonly OffsetPiece[]>();

export function offsetPiecesOf(date: string, zone: string): readonly OffsetPiece[] {
  const key = `${zone}|${date}`;
  let pieces = piecesByZoneDate.get(key);
  if (pieces === undefined) {
    pieces = computeOffsetPieces(date, zone);
    if (piecesByZoneDate.size > 50_000) piecesByZoneDate.clear();
    piecesByZoneDate.set(key, pieces);
  }
  return pieces;
}

function computeOffsetPieces(date: string, zone: string): OffsetPiece[] {
  const { start, end } = localDaysSpan(date, date, zone);
  const offsetMs = offsetAt(start, zone);
  if (offsetMs === offsetAt(end - 1, zone)) return [{ start, end, offsetMs }];
  const pieces: OffsetPiece[] = [];
  let cursor = start;
  while (cursor < end) {
    const pieceEnd = Math.min(end, nextOffsetChange(cursor, zone));
    const pieceOffset = offsetAt(cursor, zone);
    const previous = pieces[pieces.length - 1];
    if (previous && previous.offsetMs === pieceOffset) previous.end = pieceEnd;
    else pieces.push({ start: cursor, end: pieceEnd, offsetMs: pieceOffset });
    cursor = pieceEnd;
  }
  return pieces;
}

/**
 * Exactly the instants of a local date whose wall-clock time is in [fromMinute, toMinute) after
 * local midnight (toMinute 1440 = end of day). Unlike converting both ends with localToInstant,
 * this is also right when a bound falls into a skipped or repeated DST hour.
 */
export function wallClockInstants(
  date: string,
  pieces: readonly OffsetPiece[],
  fromMinute: number,
  toMinute: number,
): Interval[] {
  // Wall-clock time read as if it were UTC, so instant = wall − offset inside one piece.
  const midnight = utcMidnight(date);
  const result: Interval[] = [];
  for (const piece of pieces) {
    const start = Math.max(piece.start, midnight + fromMinute * 60_000 - piece.offsetMs);
    const end = Math.min(piece.end, midnight + toMinute * 60_000 - piece.offsetMs);
    if (start < end) result.push({ start, end });
  }
  return result;
}

/** The last date of a date's calendar month. */
export function monthEndOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  const nextMonthStart = `${String(nextYear).padStart(4, "0")}-${String(nextMonth).padStart(2, "0")}-01`;
  return dateOfDayNumber(dayNumberOf(nextMonthStart) - 1);
}

const nextDate = (date: string) => addDays(date, 1);

/** Consecutive local dates and the instants they begin; `starts` has one more entry, the end. */
export interface LocalDayGrid {
  dates: string[];
  starts: number[];
}

/**
 * The local dates from `first` to `last` with their first instants. While the UTC offset stays
 * the same, local midnight is plain arithmetic; only a day at or after an offset change needs a
 * zone lookup. Placing many bookings on local dates then costs a binary search each instead of a
 * time-zone conversion each.
 */
const grids = new Map<string, LocalDayGrid>();

export function localDayGrid(first: string, last: string, zone: string): LocalDayGrid {
  const key = `${zone}|${first}|${last}`;
  let grid = grids.get(key);
  if (grid === undefined) {
    grid = computeLocalDayGrid(first, last, zone);
    if (grids.size > 5_000) grids.clear();
    grids.set(key, grid);
  }
  return grid;
}

function computeLocalDayGrid(first: string, last: string, zone: string): LocalDayGrid {
  const dates: string[] = [];
  const starts: number[] = [];
  let date = first;
  let start = startOfLocalDate(first, zone);
  let offsetMs = offsetAt(start, zone);
  let change = nextOffsetChange(start, zone);
  while (date <= last) {
    dates.push(date);
    starts.push(start);
    date = nextDate(date);
    start = utcMidnight(date) - offsetMs;
    if (start >= change) {
      start = startOfLocalDate(date, zone);
      offsetMs = offsetAt(start, zone);
      change = nextOffsetChange(start, zone);
    }
  }
  starts.push(start);
  return { dates, starts };
}

/** Positions [from, to) of the grid's dates an interval touches; parts outside the grid are left out. */
export function gridRangeOf(grid: LocalDayGrid, interval: Interval): [number, number] {
  const from = Math.max(interval.start, grid.starts[0]!);
  const to = Math.min(interval.end, grid.starts[grid.starts.length - 1]!);
  if (from >= to) return [0, 0];
  return [dayIndex(grid.starts, from), dayIndex(grid.starts, to - 1) + 1];
}

/** The grid's dates an interval touches; parts outside the grid are left out. */
export function gridDatesOf(grid: LocalDayGrid, interval: Interval): string[] {
  return grid.dates.slice(...gridRangeOf(grid, interval));
}

/** The position of the day that contains `ms`: the last start at or before it. */
function dayIndex(starts: readonly number[], ms: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= ms) lo = mid;
    else hi = mid;
  }
  return lo;
}
