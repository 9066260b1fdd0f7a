import { availabilityWindows } from "./availability.js";
import { overlaps, subtractIntervals } from "./intervals.js";
import type { ExistingBooking, InstructorProfile, Interval, RoomProfile } from "./types.js";

export { availabilityWindows } from "./availability.js";

export interface InstructorBusy extends Interval {
  reason: "teaching" | "time_off";
  sessionId?: string;
}

export interface RoomBusy extends Interval {
  sessionId: string;
}

// Free/busy answers for the range asked: busy entries are clipped to it (like an iCalendar
// free/busy reply), sorted by start, and not merged, so each keeps its session.

const clip = (interval: Interval, range: Interval): Interval => ({
  start: Math.max(interval.start, range.start),
  end: Math.min(interval.end, range.end),
});

const byStart = (a: Interval, b: Interval) => a.start - b.start || a.end - b.end;

/**
 * An instructor's teaching and time off in a range, and the time left for teaching: the weekly
 * availability windows (the whole range when there are no rules) minus everything busy.
 */
export function instructorFreeBusy(
  profile: InstructorProfile,
  bookings: readonly ExistingBooking[],
  range: Interval,
): { busy: InstructorBusy[]; available: Interval[] } {
  const teaching = bookings
    .filter((b) => b.resourceType === "instructor" && b.resourceId === profile.id && overlaps(b, range))
    .map((b): InstructorBusy => ({ ...clip(b, range), reason: "teaching", sessionId: b.sessionId }));
  const timeOff = profile.timeOff
    .filter((entry) => overlaps(entry, range))
    .map((entry): InstructorBusy => ({ ...clip(entry, range), reason: "time_off" }));
  const busy = [...teaching, ...timeOff].sort(byStart);
  return {
    busy,
    available: subtractIntervals(availabilityWindows(profile.availability, profile.timeZone, range), busy),
  };
}

/** A room's bookings in a range, setup and teardown included, and the free time between them. */
export function roomFreeBusy(
  room: RoomProfile,
  bookings: readonly ExistingBooking[],
  range: Interval,
): { busy: RoomBusy[]; free: Interval[] } {
  const busy = bookings
    .filter((b) => b.resourceType === "room" && b.resourceId === room.id)
    .map((b) => ({ span: { start: b.busyFrom, end: b.busyTo }, sessionId: b.sessionId }))
    .filter(({ span }) => overlaps(span, range))
    .map(({ span, sessionId }): RoomBusy => ({ ...clip(span, range), sessionId }))
    .sort(byStart);
  return { busy, free: subtractIntervals([range], busy) };
}
