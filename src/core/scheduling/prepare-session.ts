import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import type {
  CoursesTable,
  EquipmentTable,
  InstructorsTable,
  LocationsTable,
  RoomsTable,
  SessionInstructorsTable,
  SessionsTable,
  TenantsTable,
  VirtualPlatformsTable,
} from "../db/schema.js";
import { type FieldError, notFound, throwIfErrors } from "../errors.js";
import { defaultJitsiTemplate, renderJoinUrl } from "../resources/join-url.js";
import { judgeReferences, type ReferenceCheck } from "../shared/entity-service.js";
import { newId } from "../shared/ids.js";
import { fromJson, toJson } from "../shared/json.js";
import { localToInstant } from "../time/zoned.js";
import type { Proposal } from "./engine/types.js";
import { directReads, type ReferenceReads } from "./reference-reads.js";
import type { SessionRecord } from "./sessions.repository.js";
import type { SessionInput } from "./sessions.schemas.js";

const MAX_SEGMENT_MS = 24 * 3600_000;
/** Assignments in these states hold the instructor's time. */
export const HOLDING_ASSIGNMENT = new Set(["requested", "accepted"]);

/** The rows a session references, as read while preparing it (before any lock is taken). */
export interface ReferencedResources {
  instructors: InstructorsTable[];
  rooms: RoomsTable[];
  equipment: EquipmentTable[];
  location: LocationsTable | undefined;
}

export interface PreparedSession {
  course: CoursesTable;
  proposal: Proposal;
  record: Omit<SessionRecord, "courseTitle">;
  /** Good enough for a dry run; writes re-read them after locking. */
  referenced: ReferencedResources;
}

/**
 * Turns what a coordinator sent (for a new session, or the merged state of an existing one) into
 * the rows to write and the proposal the conflict engine checks. Every reference must exist in
 * the actor's tenant; wall-clock segment times become instants in the session's zone. The tenant
 * is only needed for a virtual join link: pass null to have it read when it is. A dry run passes
 * cached `reads`; writes read the database.
 */
export async function prepareSession(
  db: Executor,
  actor: Actor,
  tenant: TenantsTable | null,
  input: SessionInput,
  existing: SessionRecord | null,
  now: number,
  reads: ReferenceReads = directReads(db, actor.tenantId),
): Promise<PreparedSession> {
  const errors: FieldError[] = [];
  const kept = existing?.session;
  const keptRooms = new Set(existing?.segments.flatMap((s) => (s.room_id ? [s.room_id] : [])) ?? []);
  const keptInstructors = new Set(existing?.instructors.map((a) => a.instructor_id) ?? []);
  const keptEquipment = new Set(existing?.equipment.map((e) => e.equipment_id) ?? []);
  const keep = (set: Set<string>, id: string) => (set.has(id) ? id : undefined);

  const references: ReferenceCheck[] = [
    { table: "courses", id: input.courseId, kept: kept?.course_id, path: "courseId", label: "course" },
    {
      table: "locations",
      id: input.locationId,
      kept: kept?.location_id,
      path: "locationId",
      label: "location",
    },
    { table: "clients", id: input.clientId, kept: kept?.client_id, path: "clientId", label: "client" },
    {
      table: "virtual_platforms",
      id: input.virtualPlatformId,
      kept: kept?.virtual_platform_id,
      path: "virtualPlatformId",
      label: "virtual platform",
    },
    ...input.segments.map((segment, index) => ({
      table: "rooms" as const,
      id: segment.roomId,
      kept: segment.roomId ? keep(keptRooms, segment.roomId) : undefined,
      path: `segments.${index}.roomId`,
      label: "room",
    })),
    ...input.instructors.map((assignment, index) => ({
      table: "instructors" as const,
      id: assignment.instructorId,
      kept: keep(keptInstructors, assignment.instructorId),
      path: `instructors.${index}.instructorId`,
      label: "instructor",
    })),
    ...input.equipment.map((line, index) => ({
      table: "equipment" as const,
      id: line.equipmentId,
      kept: keep(keptEquipment, line.equipmentId),
      path: `equipment.${index}.equipmentId`,
      label: "equipment pool",
    })),
  ];
  // One read per referenced table (on PostgreSQL they run on separate connections); the rows
  // serve the reference checks, the preparation below and a dry run's conflict context.
  const [found, loadedTenant] = await Promise.all([
    reads.rows(references),
    tenant === null && input.format !== "ilt" ? reads.tenant() : Promise.resolve(tenant),
  ]);
  errors.push(...judgeReferences(found, references));
  throwIfErrors(errors);
  const rowsOf = <T>(table: string, ids: readonly (string | null | undefined)[]) =>
    [...new Set(ids)].flatMap((id) => {
      const row = id ? found.get(`${table}:${id}`) : undefined;
      return row ? [row as T] : [];
    });
  const course = rowsOf<CoursesTable>("courses", [input.courseId])[0];
  const roomRows = rowsOf<RoomsTable>(
    "rooms",
    input.segments.map((segment) => segment.roomId),
  );
  const platform =
    input.format === "ilt"
      ? undefined
      : rowsOf<VirtualPlatformsTable>("virtual_platforms", [input.virtualPlatformId])[0];
  if (!course) throw notFound("Course", input.courseId);
  if (!fromJson<string[]>(course.formats_json, []).includes(input.format)) {
    errors.push({ path: "format", message: `course ${course.code} is not offered as ${input.format}` });
  }
  if (input.visibility === "private" && !input.clientId) {
    errors.push({ path: "clientId", message: "a private session needs the client it is for" });
  }
  const minSeats = input.minSeats ?? course.min_seats;
  const maxSeats = input.maxSeats ?? course.max_seats;
  if (minSeats > maxSeats) errors.push({ path: "minSeats", message: "must not exceed maxSeats" });

  // Segments, in time order; positions and ids follow that order.
  const existingSegmentIds = new Set(existing?.segments.map((s) => s.id) ?? []);
  const segments = input.segments.map((segment, index) => {
    const start = localToInstant(segment.start, input.timeZone);
    const end = localToInstant(segment.end, input.timeZone);
    if (end <= start) errors.push({ path: `segments.${index}.end`, message: "must be after start" });
    else if (end - start > MAX_SEGMENT_MS)
      errors.push({ path: `segments.${index}.end`, message: "a segment lasts at most 24 hours" });
    if (segment.id && !existingSegmentIds.has(segment.id)) {
      errors.push({ path: `segments.${index}.id`, message: "is not a segment of this session" });
    }
    return {
      index,
      id: segment.id ?? newId(),
      start,
      end,
      startLocal: segment.start,
      endLocal: segment.end,
      roomId: segment.roomId,
    };
  });
  const ordered = [...segments].sort((a, b) => a.start - b.start || a.index - b.index);
  ordered.forEach((segment, position) => {
    const next = ordered[position + 1];
    if (next && next.start < segment.end) {
      errors.push({
        path: `segments.${next.index}.start`,
        message: `overlaps segment ${segment.index} of the same session`,
      });
    }
  });
  if (new Set(segments.map((s) => s.id)).size !== segments.length) {
    errors.push({ path: "segments", message: "the same segment id is used twice" });
  }

  // Rooms are at the session's location; with no location given, the rooms' location is it.
  const roomLocations = new Map(roomRows.map((room) => [room.id, room.location_id]));
  const locationId = input.locationId ?? roomRows[0]?.location_id ?? null;
  segments.forEach((segment) => {
    if (segment.roomId && roomLocations.get(segment.roomId) !== locationId) {
      errors.push({ path: `segments.${segment.index}.roomId`, message: "is not at the session's location" });
    }
  });

  const segmentIdsOf = (refs: number[] | null, path: string) => {
    if (refs === null) return null;
    return refs.map((ref, index) => {
      const segment = segments[ref];
      if (!segment) errors.push({ path: `${path}.${index}`, message: `there is no segment ${ref}` });
      return segment?.id ?? "";
    });
  };

  const previousAssignments = new Map(existing?.instructors.map((a) => [a.instructor_id, a]) ?? []);
  const sessionId = kept?.id ?? newId();
  const seenInstructors = new Set<string>();
  const assignments: SessionInstructorsTable[] = input.instructors.map((assignment, index) => {
    if (seenInstructors.has(assignment.instructorId)) {
      errors.push({ path: `instructors.${index}.instructorId`, message: "is assigned twice" });
    }
    seenInstructors.add(assignment.instructorId);
    const previous = previousAssignments.get(assignment.instructorId);
    return {
      tenant_id: actor.tenantId,
      id: previous?.id ?? newId(),
      session_id: sessionId,
      instructor_id: assignment.instructorId,
      role: assignment.role,
      segment_ids_json: ((ids) => (ids === null ? null : toJson(ids)))(
        segmentIdsOf(assignment.segments, `instructors.${index}.segments`),
      ),
      status: previous?.status ?? "requested",
      respond_by: assignment.respondBy ? Date.parse(assignment.respondBy) : (previous?.respond_by ?? null),
      responded_at: previous?.responded_at ?? null,
      response_note: previous?.response_note ?? null,
      override_reason: input.override?.reason ?? previous?.override_reason ?? null,
      created_at: previous?.created_at ?? now,
      updated_at: now,
    };
  });

  const seenEquipment = new Set<string>();
  const equipment = input.equipment.map((line, index) => {
    if (seenEquipment.has(line.equipmentId))
      errors.push({ path: `equipment.${index}.equipmentId`, message: "is listed twice" });
    seenEquipment.add(line.equipmentId);
    const ids = segmentIdsOf(line.segments, `equipment.${index}.segments`);
    return {
      tenant_id: actor.tenantId,
      id: newId(),
      session_id: sessionId,
      equipment_id: line.equipmentId,
      quantity: line.quantity,
      segment_ids_json: ids === null ? null : toJson(ids),
      created_at: now,
      updated_at: now,
    };
  });
  throwIfErrors(errors);

  let joinUrl: string | null = null;
  if (input.format !== "ilt") {
    const template = platform?.join_url_template ?? defaultJitsiTemplate;
    joinUrl = renderJoinUrl(template, {
      tenant: loadedTenant!.slug,
      session: sessionId,
      course: course.code,
      segment: "1",
    });
  }

  const first = ordered[0]!;
  const last = ordered.reduce((latest, segment) => (segment.end > latest.end ? segment : latest), first);
  const session: SessionsTable = {
    tenant_id: actor.tenantId,
    id: sessionId,
    course_id: course.id,
    title: input.title,
    format: input.format,
    time_zone: input.timeZone,
    location_id: locationId,
    visibility: input.visibility,
    client_id: input.clientId,
    min_seats: minSeats,
    max_seats: maxSeats,
    price_minor: input.priceMinor ?? course.list_price_minor,
    currency: input.currency ?? course.currency,
    virtual_platform_id: input.format === "ilt" ? null : input.virtualPlatformId,
    join_url: joinUrl,
    notes: input.notes,
    status: kept?.status ?? input.status,
    series_id: kept?.series_id ?? null,
    starts_at: first.start,
    ends_at: last.end,
    start_date: first.startLocal.slice(0, 10),
    version: (kept?.version ?? 0) + 1,
    created_at: kept?.created_at ?? now,
    updated_at: now,
  };

  const segmentRows = ordered.map((segment, position) => ({
    tenant_id: actor.tenantId,
    id: segment.id,
    session_id: sessionId,
    position,
    start_local: segment.startLocal,
    end_local: segment.endLocal,
    starts_at: segment.start,
    ends_at: segment.end,
    local_date: segment.startLocal.slice(0, 10),
    room_id: segment.roomId,
  }));

  const proposal: Proposal = {
    sessionId: existing ? sessionId : null,
    timeZone: input.timeZone,
    locationId,
    format: input.format,
    maxSeats,
    segments: segmentRows.map((segment) => ({
      key: segment.id,
      start: segment.starts_at,
      end: segment.ends_at,
      startLocal: segment.start_local,
      endLocal: segment.end_local,
      roomId: segment.room_id,
    })),
    instructors: assignments
      .filter((assignment) => HOLDING_ASSIGNMENT.has(assignment.status))
      .map((assignment) => ({
        instructorId: assignment.instructor_id,
        role: assignment.role as "lead" | "co" | "assistant",
        segmentKeys:
          assignment.segment_ids_json === null ? null : fromJson<string[]>(assignment.segment_ids_json, []),
      })),
    equipment: equipment.map((line) => ({
      equipmentId: line.equipment_id,
      quantity: line.quantity,
      segmentKeys: line.segment_ids_json === null ? null : fromJson<string[]>(line.segment_ids_json, []),
    })),
    learnerIds: [],
  };

  const location = rowsOf<LocationsTable>("locations", [locationId])[0];
  return {
    course,
    proposal,
    record: { session, segments: segmentRows, instructors: assignments, equipment },
    referenced: {
      instructors: rowsOf<InstructorsTable>(
        "instructors",
        input.instructors.map((assignment) => assignment.instructorId),
      ),
      rooms: roomRows,
      equipment: rowsOf<EquipmentTable>(
        "equipment",
        input.equipment.map((line) => line.equipmentId),
      ),
      location,
    },
  };
}
