import { type Actor, authorize } from "../auth/actor.js";
import { entityStore } from "../db/entity-store.js";
import { AppError, notFound } from "../errors.js";
import { instructorDetailsRepository } from "../instructors/instructor-details.repository.js";
import { toIso } from "../shared/clock.js";
import { bookingRepository } from "./bookings.repository.js";
import { instructorProfiles, loadRoomProfiles } from "./conflict-context.js";
import { instructorFreeBusy, roomFreeBusy } from "./engine/free-busy.js";
import type { Interval } from "./engine/types.js";
import type { SchedulingDeps } from "./session-writes.js";

const MAX_RANGE_DAYS = 93;

function rangeOf(query: { from: string; to: string }): Interval {
  const range = { start: Date.parse(query.from), end: Date.parse(query.to) };
  if (!(range.end > range.start) || range.end - range.start > MAX_RANGE_DAYS * 24 * 3600_000) {
    throw new AppError("bad_request", `to must be after from, at most ${MAX_RANGE_DAYS} days later`, {
      errors: [{ path: "to", in: "query", message: `must be after from and within ${MAX_RANGE_DAYS} days` }],
    });
  }
  return range;
}

const iso = <T extends Interval>(interval: T) => {
  const { start, end, ...rest } = interval;
  return { ...rest, startsAt: toIso(start), endsAt: toIso(end) };
};

/** Free/busy of one instructor or room over a range, for pickers and timelines. */
export function createFreeBusy(deps: SchedulingDeps) {
  const { db } = deps.database;
  return {
    async instructor(actor: Actor, instructorId: string, query: { from: string; to: string }) {
      authorize(actor, "reference:read");
      const range = rangeOf(query);
      const row = await entityStore.find(db, "instructors", actor.tenantId, instructorId);
      if (!row) throw notFound("Instructor", instructorId);
      const window = { from: range.start, to: range.end };
      const details = await instructorDetailsRepository.detailsOf(db, actor.tenantId, [instructorId], window);
      const bookings = await bookingRepository.findOverlapping(
        db,
        actor.tenantId,
        [instructorId],
        window,
        null,
      );
      const result = instructorFreeBusy(instructorProfiles([row], details).get(row.id)!, bookings, range);
      return {
        instructorId,
        timeZone: row.time_zone,
        from: toIso(range.start),
        to: toIso(range.end),
        busy: result.busy.map(iso),
        available: result.available.map(iso),
      };
    },

    async room(actor: Actor, roomId: string, query: { from: string; to: string }) {
      authorize(actor, "reference:read");
      const range = rangeOf(query);
      const room = (await loadRoomProfiles(db, actor.tenantId, [roomId])).get(roomId);
      if (!room) throw notFound("Room", roomId);
      const bookings = await bookingRepository.findOverlapping(
        db,
        actor.tenantId,
        [roomId],
        { from: range.start, to: range.end },
        null,
      );
      const result = roomFreeBusy(room, bookings, range);
      return {
        roomId,
        from: toIso(range.start),
        to: toIso(range.end),
        busy: result.busy.map(iso),
        free: result.free.map(iso),
      };
    },
  };
}
