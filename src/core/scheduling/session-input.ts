import { AppError } from "../errors.js";
import { fromJson } from "../shared/json.js";
import type { SessionRecord } from "./sessions.repository.js";
import type { SessionInput, SessionPatch } from "./sessions.schemas.js";

/** A stored session as the input that would create it again (segment references by position). */
export function inputFromRecord(record: SessionRecord): SessionInput {
  const { session, segments } = record;
  const positionOf = new Map(segments.map((segment) => [segment.id, segment.position]));
  const refs = (json: string | null) =>
    json === null ? null : fromJson<string[]>(json, []).map((id) => positionOf.get(id) ?? -1);
  return {
    courseId: session.course_id,
    title: session.title,
    format: session.format as SessionInput["format"],
    timeZone: session.time_zone,
    locationId: session.location_id,
    visibility: session.visibility as SessionInput["visibility"],
    clientId: session.client_id,
    minSeats: session.min_seats,
    maxSeats: session.max_seats,
    priceMinor: session.price_minor,
    currency: session.currency,
    virtualPlatformId: session.virtual_platform_id,
    notes: session.notes,
    status: "draft",
    segments: segments.map((segment) => ({
      id: segment.id,
      start: segment.start_local,
      end: segment.end_local,
      roomId: segment.room_id,
    })),
    instructors: record.instructors.map((assignment) => ({
      instructorId: assignment.instructor_id,
      role: assignment.role as "lead" | "co" | "assistant",
      segments: refs(assignment.segment_ids_json),
      respondBy: assignment.respond_by === null ? null : new Date(assignment.respond_by).toISOString(),
    })),
    equipment: record.equipment.map((line) => ({
      equipmentId: line.equipment_id,
      quantity: line.quantity,
      segments: refs(line.segment_ids_json),
    })),
    override: null,
  };
}

/**
 * Applies a PATCH to a stored session. When segments are replaced but assignments are not, the
 * assignments' segment references follow their segments by id.
 */
export function mergePatch(record: SessionRecord, patch: SessionPatch): SessionInput {
  const current = inputFromRecord(record);
  const { segments, instructors, equipment, override, reason: _reason, ...fields } = patch;
  const merged: SessionInput = { ...current, ...stripUndefined(fields), override };
  if (segments) {
    merged.segments = segments;
    const newPosition = new Map(
      segments.flatMap((segment, index) => (segment.id ? [[segment.id, index] as const] : [])),
    );
    const remap = (refs: number[] | null, path: string) => {
      if (refs === null) return null;
      const mapped = refs.flatMap((ref) => {
        const id = record.segments[ref]?.id;
        const position = id === undefined ? undefined : newPosition.get(id);
        return position === undefined ? [] : [position];
      });
      if (mapped.length === 0) {
        throw new AppError(
          "validation_failed",
          `${path}: its segments were all removed; send ${path.split(".")[0]} too`,
          {
            errors: [
              {
                path,
                message: "its segments were all removed; send the list again with new segment positions",
              },
            ],
          },
        );
      }
      return mapped;
    };
    if (!instructors)
      merged.instructors = current.instructors.map((a, i) => ({
        ...a,
        segments: remap(a.segments, `instructors.${i}.segments`),
      }));
    if (!equipment)
      merged.equipment = current.equipment.map((e, i) => ({
        ...e,
        segments: remap(e.segments, `equipment.${i}.segments`),
      }));
  }
  if (instructors) merged.instructors = instructors;
  if (equipment) merged.equipment = equipment;
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
