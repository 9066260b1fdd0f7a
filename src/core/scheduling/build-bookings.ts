import type { BookingsTable } from "../db/schema.js";
import { fromJson } from "../shared/json.js";
import type { RoomProfile } from "./engine/types.js";
import { HOLDING_ASSIGNMENT } from "./prepare-session.js";
import type { SessionRecord } from "./sessions.repository.js";

/** Cancelled and postponed sessions release their resources; every other status holds them. */
export const HOLDS_BOOKINGS = (status: string) => status !== "cancelled" && status !== "postponed";

const MINUTE = 60_000;

/** The busy intervals a session holds: its instructors, rooms (with buffers), equipment and enrolled learners, per segment. */
export function buildBookings(
  record: Omit<SessionRecord, "courseTitle">,
  rooms: ReadonlyMap<string, RoomProfile>,
  now: number,
  newId: () => string,
  learnerIds: readonly string[] = [],
): BookingsTable[] {
  const { session, segments } = record;
  if (!HOLDS_BOOKINGS(session.status)) return [];
  const appliesTo = (json: string | null, segmentId: string) =>
    json === null || fromJson<string[]>(json, []).includes(segmentId);
  const rows: BookingsTable[] = [];
  for (const segment of segments) {
    const base = {
      tenant_id: session.tenant_id,
      session_id: session.id,
      segment_id: segment.id,
      starts_at: segment.starts_at,
      ends_at: segment.ends_at,
      location_id: session.location_id,
      created_at: now,
    };
    for (const assignment of record.instructors) {
      if (!HOLDING_ASSIGNMENT.has(assignment.status) || !appliesTo(assignment.segment_ids_json, segment.id))
        continue;
      rows.push({
        ...base,
        id: newId(),
        resource_type: "instructor",
        resource_id: assignment.instructor_id,
        busy_from: segment.starts_at,
        busy_to: segment.ends_at,
        quantity: 1,
      });
    }
    if (segment.room_id) {
      const room = rooms.get(segment.room_id);
      rows.push({
        ...base,
        id: newId(),
        resource_type: "room",
        resource_id: segment.room_id,
        busy_from: segment.starts_at - (room?.setupMinutes ?? 0) * MINUTE,
        busy_to: segment.ends_at + (room?.teardownMinutes ?? 0) * MINUTE,
        quantity: 1,
      });
    }
    for (const learnerId of learnerIds) {
      rows.push({
        ...base,
        id: newId(),
        resource_type: "learner",
        resource_id: learnerId,
        busy_from: segment.starts_at,
        busy_to: segment.ends_at,
        quantity: 1,
      });
    }
    for (const line of record.equipment) {
      if (!appliesTo(line.segment_ids_json, segment.id)) continue;
      rows.push({
        ...base,
        id: newId(),
        resource_type: "equipment",
        resource_id: line.equipment_id,
        busy_from: segment.starts_at,
        busy_to: segment.ends_at,
        quantity: line.quantity,
      });
    }
  }
  return rows;
}
