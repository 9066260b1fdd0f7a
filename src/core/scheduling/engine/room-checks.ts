import {
  type CheckScope,
  conflict,
  conflictingBooking,
  isoText,
  profileOf,
  segmentInterval,
} from "./check-scope.js";
import { describeSpan, formatSpan, listText, quoted } from "./messages.js";
import type { Conflict, ProposedSegment, RoomProfile } from "./types.js";

const MINUTE = 60_000;

/**
 * Room conflicts. A double booking is judged per segment, with this segment's setup and teardown
 * against the other booking's (already widened) busy time. Size and features do not change from
 * segment to segment, so they are reported once per room, on the first segment that uses it.
 */
export function roomConflicts(scope: CheckScope): Conflict[] {
  const segmentsByRoom = new Map<string, ProposedSegment[]>();
  for (const segment of scope.segmentsOf(null)) {
    if (segment.roomId === null) continue;
    const segments = segmentsByRoom.get(segment.roomId);
    if (segments) segments.push(segment);
    else segmentsByRoom.set(segment.roomId, [segment]);
  }
  return [...segmentsByRoom].flatMap(([roomId, segments]) => {
    const room = profileOf(scope.context.rooms, roomId, "room");
    return [
      ...segments.flatMap((segment) => roomDoubleBookings(scope, room, segment)),
      ...roomFit(scope, room, segments),
    ];
  });
}

const roomResource = (room: RoomProfile) => ({ type: "room" as const, id: room.id, name: room.name });

function roomDoubleBookings(scope: CheckScope, room: RoomProfile, segment: ProposedSegment): Conflict[] {
  const zone = scope.proposal.timeZone;
  const needed = {
    start: segment.start - room.setupMinutes * MINUTE,
    end: segment.end + room.teardownMinutes * MINUTE,
  };
  const buffers = room.setupMinutes > 0 || room.teardownMinutes > 0;
  const ownNeed = buffers
    ? `; this segment needs it ${formatSpan(needed, zone)} with ${room.setupMinutes} min setup and ${room.teardownMinutes} min teardown`
    : "";
  return scope.bookings.overlapping("room", room.id, needed).map((booking) => {
    const busy = { start: booking.busyFrom, end: booking.busyTo };
    const theirBuffers = busy.start !== booking.start || busy.end !== booking.end;
    return conflict("room_double_booked", {
      message:
        `${room.name} is already booked for ${quoted(booking.sessionLabel)} on ` +
        `${describeSpan(busy, zone, booking.timeZone)}${theirBuffers ? ", setup and teardown included" : ""}${ownNeed}.`,
      resource: roomResource(room),
      segmentKey: segment.key,
      interval: segmentInterval(segment),
      with: [conflictingBooking(booking)],
      details: {
        busyFrom: isoText(busy.start),
        busyTo: isoText(busy.end),
        neededFrom: isoText(needed.start),
        neededTo: isoText(needed.end),
      },
    });
  });
}

function roomFit(scope: CheckScope, room: RoomProfile, segments: ProposedSegment[]): Conflict[] {
  const { proposal, context } = scope;
  const first = segments[0]!;
  const where = {
    resource: roomResource(room),
    segmentKey: first.key,
    interval: segmentInterval(first),
    with: [],
  };
  const segmentKeys = segments.map((segment) => segment.key);
  const conflicts: Conflict[] = [];
  if (room.capacity < proposal.maxSeats) {
    conflicts.push(
      conflict("room_too_small", {
        ...where,
        message: `${room.name} seats ${room.capacity}, fewer than the session's ${proposal.maxSeats} seats.`,
        details: { capacity: room.capacity, maxSeats: proposal.maxSeats, segmentKeys },
      }),
    );
  }
  const has = new Set(room.features.map((feature) => feature.toLowerCase()));
  const missing = context.course.requiredRoomFeatures.filter((feature) => !has.has(feature.toLowerCase()));
  if (missing.length > 0) {
    conflicts.push(
      conflict("room_missing_features", {
        ...where,
        message: `${room.name} lacks ${listText(missing)}, which ${context.course.code} requires.`,
        details: { missing, segmentKeys },
      }),
    );
  }
  return conflicts;
}
