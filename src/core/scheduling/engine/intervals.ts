import type { ExistingBooking, Interval, ResourceType } from "./types.js";

// Half-open interval algebra on epoch milliseconds: [start, end) never contains end, so two
// meetings that touch (one ends at 12:00, the next starts at 12:00) do not overlap.

export const isEmpty = (interval: Interval) => interval.end <= interval.start;

export const overlaps = (a: Interval, b: Interval) =>
  a.start < b.end && b.start < a.end && !isEmpty(a) && !isEmpty(b);

/** The union of any intervals as sorted, disjoint, non-empty intervals; touching ones join. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  // One interval (a segment, a day's single window) is the common case: no filter, no sort.
  if (intervals.length === 1) {
    const only = intervals[0]!;
    return isEmpty(only) ? [] : [{ start: only.start, end: only.end }];
  }
  const sorted = intervals.filter((i) => !isEmpty(i)).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}

/** What remains of `from` once every part covered by `remove` is taken out; sorted and disjoint. */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const holes = mergeIntervals(remove);
  const result: Interval[] = [];
  let h = 0;
  for (const piece of mergeIntervals(from)) {
    let cursor = piece.start;
    while (h < holes.length && holes[h]!.end <= cursor) h++;
    // Holes are disjoint and sorted; one may reach into the next piece, so `h` is not advanced past it.
    for (let i = h; i < holes.length && holes[i]!.start < piece.end; i++) {
      const hole = holes[i]!;
      if (hole.start > cursor) result.push({ start: cursor, end: hole.start });
      cursor = Math.max(cursor, hole.end);
    }
    if (cursor < piece.end) result.push({ start: cursor, end: piece.end });
  }
  return result;
}

/** The parts of the intervals inside `range`. */
export function clipIntervals(intervals: readonly Interval[], range: Interval): Interval[] {
  const clipped: Interval[] = [];
  for (const interval of intervals) {
    const start = Math.max(interval.start, range.start);
    const end = Math.min(interval.end, range.end);
    if (start < end) clipped.push({ start, end });
  }
  return clipped;
}

/**
 * The time a booking keeps its resource busy: a room's includes setup and teardown; instructors,
 * learners and equipment are busy for the meeting itself.
 */
export const busySpan = (booking: ExistingBooking): Interval =>
  booking.resourceType === "room"
    ? { start: booking.busyFrom, end: booking.busyTo }
    : { start: booking.start, end: booking.end };

export interface BookingIndex {
  /** Bookings of one resource whose busy span overlaps the interval, in order of start. */
  overlapping(type: ResourceType, id: string, interval: Interval): ExistingBooking[];
}

interface ResourceBookings {
  bookings: ExistingBooking[];
  /** Busy spans, by position: read on every lookup, so kept as plain numbers. */
  starts: number[];
  ends: number[];
  /** The longest busy span: no booking starting earlier than `start - longest` can reach `start`. */
  longest: number;
}

/**
 * Groups bookings by resource once, sorted by the start of their busy span, so each lookup is a
 * binary search plus the bookings it returns instead of a scan over everything.
 */
export function createBookingIndex(
  bookings: readonly ExistingBooking[],
  ignoreSessionId: string | null = null,
): BookingIndex {
  const groups = new Map<string, ExistingBooking[]>();
  for (const booking of bookings) {
    if (booking.sessionId === ignoreSessionId) continue;
    const key = `${booking.resourceType}|${booking.resourceId}`;
    const group = groups.get(key);
    if (group) group.push(booking);
    else groups.set(key, [booking]);
  }
  const index = new Map<string, ResourceBookings>();
  for (const [key, group] of groups) {
    const sorted = group
      .map((booking) => ({ booking, span: busySpan(booking) }))
      .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    index.set(key, {
      bookings: sorted.map((entry) => entry.booking),
      starts: sorted.map((entry) => entry.span.start),
      ends: sorted.map((entry) => entry.span.end),
      longest: sorted.reduce((longest, { span }) => Math.max(longest, span.end - span.start), 0),
    });
  }
  return {
    overlapping(type, id, interval) {
      const entry = index.get(`${type}|${id}`);
      if (!entry || isEmpty(interval)) return [];
      const found: ExistingBooking[] = [];
      for (let i = lowerBound(entry.starts, interval.start - entry.longest); i < entry.starts.length; i++) {
        const start = entry.starts[i]!;
        if (start >= interval.end) break;
        // overlaps(busy span, interval), with the interval known to be non-empty.
        const end = entry.ends[i]!;
        if (interval.start < end && start < end) found.push(entry.bookings[i]!);
      }
      return found;
    },
  };
}

/** The first position whose value is ≥ target in an ascending array. */
function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
