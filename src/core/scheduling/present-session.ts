import { toIso } from "../shared/clock.js";
import { fromJson } from "../shared/json.js";
import type { Conflict } from "./engine/types.js";
import type { SessionRecord } from "./sessions.repository.js";
import type { ConflictView, Session, SessionStatus } from "./sessions.schemas.js";

const idList = (json: string | null) => (json === null ? null : fromJson<string[]>(json, []));
const isoOrNull = (ms: number | null) => (ms === null ? null : toIso(ms));

export function presentSession({
  session,
  segments,
  instructors,
  equipment,
  courseTitle,
}: SessionRecord): Session {
  return {
    id: session.id,
    courseId: session.course_id,
    title: session.title ?? courseTitle,
    titleOverride: session.title,
    format: session.format as Session["format"],
    timeZone: session.time_zone,
    locationId: session.location_id,
    visibility: session.visibility as Session["visibility"],
    clientId: session.client_id,
    minSeats: session.min_seats,
    maxSeats: session.max_seats,
    priceMinor: session.price_minor,
    currency: session.currency,
    virtualPlatformId: session.virtual_platform_id,
    joinUrl: session.join_url,
    notes: session.notes,
    status: session.status as SessionStatus,
    seriesId: session.series_id,
    startsAt: toIso(session.starts_at),
    endsAt: toIso(session.ends_at),
    segments: segments.map((segment) => ({
      id: segment.id,
      position: segment.position,
      start: segment.start_local,
      end: segment.end_local,
      startsAt: toIso(segment.starts_at),
      endsAt: toIso(segment.ends_at),
      roomId: segment.room_id,
    })),
    instructors: instructors.map((assignment) => ({
      id: assignment.id,
      instructorId: assignment.instructor_id,
      role: assignment.role as Session["instructors"][number]["role"],
      segmentIds: idList(assignment.segment_ids_json),
      status: assignment.status as Session["instructors"][number]["status"],
      respondBy: isoOrNull(assignment.respond_by),
      respondedAt: isoOrNull(assignment.responded_at),
      responseNote: assignment.response_note,
      overrideReason: assignment.override_reason,
    })),
    equipment: equipment.map((line) => ({
      id: line.id,
      equipmentId: line.equipment_id,
      quantity: line.quantity,
      segmentIds: idList(line.segment_ids_json),
    })),
    version: session.version,
    createdAt: toIso(session.created_at),
    updatedAt: toIso(session.updated_at),
  };
}

/** Engine conflicts as the API shows them: instants as ISO, segments by position. */
export function presentConflicts(conflicts: Conflict[], segmentKeys: string[]): ConflictView[] {
  return conflicts.map((conflict) => ({
    type: conflict.type,
    severity: conflict.severity,
    message: conflict.message,
    resource: conflict.resource,
    segment: conflict.segmentKey === null ? null : Math.max(-1, segmentKeys.indexOf(conflict.segmentKey)),
    interval: conflict.interval
      ? { startsAt: toIso(conflict.interval.start), endsAt: toIso(conflict.interval.end) }
      : null,
    with: conflict.with.map((other) => ({
      sessionId: other.sessionId,
      segmentId: other.segmentId,
      startsAt: toIso(other.start),
      endsAt: toIso(other.end),
      label: other.sessionLabel,
    })),
    details: conflict.details,
  }));
}
