import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type {
  CoursesTable,
  EquipmentTable,
  InstructorsTable,
  LocationsTable,
  RoomsTable,
} from "../db/schema.js";
import { fromJson } from "../shared/json.js";
import { bookingRepository } from "./bookings.repository.js";
import type {
  ConflictContext,
  CourseProfile,
  EquipmentProfile,
  InstructorProfile,
  Proposal,
  RoomProfile,
} from "./engine/types.js";
import { directReads, type InstructorDetails, type ReferenceReads } from "./reference-reads.js";

const DAY_MS = 24 * 3600_000;

/** ISO weekday index (Monday 0) of a UTC day number; day 0, 1970-01-01, was a Thursday. */
const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);
const monthStartOf = (day: number, months = 0) => {
  const date = new Date(day * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / DAY_MS;
};

/**
 * The whole ISO weeks and calendar months around [first, last) in any zone, for teaching-day
 * limits. A local date is at most a day off its UTC date, so the UTC calendar widened by a day
 * each way covers every zone's weeks and months.
 */
export function teachingWindow(first: number, last: number): { from: number; to: number } {
  const firstDay = Math.floor(first / DAY_MS) - 1;
  const lastDay = Math.floor((last - 1) / DAY_MS) + 1;
  return {
    from: (Math.min(mondayOf(firstDay), monthStartOf(firstDay)) - 1) * DAY_MS,
    to: (Math.max(mondayOf(lastDay) + 7, monthStartOf(lastDay, 1)) + 1) * DAY_MS,
  };
}

export interface ContextRequest {
  course: CoursesTable;
  proposal: Proposal;
  /** Instructors to load besides the proposal's (candidates for suggestions). */
  extraInstructorIds?: string[];
  /** Rooms to load besides the proposal's. */
  extraRoomIds?: string[];
  /** Widen the window (e.g. to try the session on other days). */
  marginMs?: number;
  /**
   * Rows already read for the proposal (a dry run reads them while preparing it). Writes leave
   * this out, so profiles are read after the resource locks are held.
   */
  preloaded?: {
    instructors: InstructorsTable[];
    rooms: RoomsTable[];
    equipment: EquipmentTable[];
    location: LocationsTable | undefined;
  };
  /** Where reference data comes from (a dry run's cache); the database by default. */
  reads?: ReferenceReads;
}

/** Instructor rows with their details, as the engine reads them. */
export function instructorProfiles(
  rows: readonly InstructorsTable[],
  details: InstructorDetails,
): Map<string, InstructorProfile> {
  const profiles = new Map<string, InstructorProfile>(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        name: row.name,
        timeZone: row.time_zone,
        maxDaysPerWeek: row.max_days_per_week,
        maxDaysPerMonth: row.max_days_per_month,
        availability: [],
        timeOff: [],
        qualifications: [],
      },
    ]),
  );
  // One pass over each detail list instead of a filter per instructor.
  for (const rule of details.availability) {
    profiles.get(rule.instructor_id)?.availability.push({
      weekday: rule.weekday,
      startTime: rule.start_time,
      endTime: rule.end_time,
      validFrom: rule.valid_from,
      validUntil: rule.valid_until,
    });
  }
  for (const entry of details.timeOff) {
    profiles.get(entry.instructor_id)?.timeOff.push({
      start: entry.starts_at,
      end: entry.ends_at,
      reason: entry.reason,
    });
  }
  for (const q of details.qualifications) {
    profiles.get(q.instructor_id)?.qualifications.push({
      courseId: q.course_id,
      skill: q.skill,
      validFrom: q.valid_from,
      validUntil: q.valid_until,
    });
  }
  return profiles;
}

export const courseProfile = (course: CoursesTable): CourseProfile => ({
  id: course.id,
  code: course.code,
  title: course.title,
  requiredQualifications: fromJson<string[]>(course.required_qualifications_json, []),
  requiredRoomFeatures: fromJson<string[]>(course.required_room_features_json, []),
});

function toRoomProfiles(rows: RoomsTable[]): Map<string, RoomProfile> {
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        name: row.name,
        locationId: row.location_id,
        capacity: row.capacity,
        features: fromJson<string[]>(row.features_json, []),
        setupMinutes: row.setup_minutes,
        teardownMinutes: row.teardown_minutes,
      },
    ]),
  );
}

/** Rooms with their buffers, for building bookings. */
export async function loadRoomProfiles(db: Executor, tenantId: string, roomIds: string[]) {
  return toRoomProfiles(await entityStore.findMany(db, "rooms", tenantId, roomIds));
}

/**
 * Reads what the conflict engine needs about a proposal's resources: profiles, availability,
 * time off, qualifications, travel times and existing bookings a day either side; for
 * instructors also the bare teaching spans of whole months around the proposal (teaching-day
 * limits count weeks and months in the instructor's zone).
 */
export async function loadConflictContext(
  db: Executor,
  tenantId: string,
  request: ContextRequest,
): Promise<ConflictContext> {
  const { proposal } = request;
  const reads = request.reads ?? directReads(db, tenantId);
  const margin = request.marginMs ?? 0;
  const first = Math.min(...proposal.segments.map((s) => s.start)) - margin;
  const last = Math.max(...proposal.segments.map((s) => s.end)) + margin;
  const near = { from: first - DAY_MS, to: last + DAY_MS };
  const wide = teachingWindow(first, last);

  const instructorIds = [
    ...new Set([...proposal.instructors.map((i) => i.instructorId), ...(request.extraInstructorIds ?? [])]),
  ];
  const roomIds = [
    ...new Set([
      ...proposal.segments.flatMap((s) => (s.roomId ? [s.roomId] : [])),
      ...(request.extraRoomIds ?? []),
    ]),
  ];
  const equipmentIds = [...new Set(proposal.equipment.map((e) => e.equipmentId))];

  const preloaded = request.preloaded;
  const extraInstructors = preloaded ? (request.extraInstructorIds ?? []) : instructorIds;
  const extraRooms = preloaded ? (request.extraRoomIds ?? []) : roomIds;
  const locationIds =
    proposal.locationId && preloaded?.location?.id !== proposal.locationId ? [proposal.locationId] : [];
  // Without limits on teaching days (known here only when the rows are preloaded) there is nothing to count.
  const needsTeachingTime =
    !preloaded ||
    extraInstructors.length > 0 ||
    preloaded.instructors.some((row) => row.max_days_per_week !== null || row.max_days_per_month !== null);
  // Independent reads, issued together (on PostgreSQL they run on separate connections); rows
  // preloaded by the caller are not read again.
  const [
    instructorRows,
    details,
    roomRows,
    equipmentRows,
    learnerRows,
    bookings,
    teachingSpans,
    travelRows,
    locationRows,
  ] = await Promise.all([
    reads.entities("instructors", extraInstructors),
    reads.instructorDetails(instructorIds, near),
    reads.entities("rooms", extraRooms),
    preloaded ? Promise.resolve(preloaded.equipment) : reads.entities("equipment", equipmentIds),
    entityStore.findMany(db, "learners", tenantId, proposal.learnerIds),
    bookingRepository.findOverlapping(
      db,
      tenantId,
      [...instructorIds, ...roomIds, ...equipmentIds, ...proposal.learnerIds],
      near,
      proposal.sessionId,
    ),
    // Teaching-day limits look at whole weeks and months: bare spans suffice for those.
    needsTeachingTime
      ? bookingRepository.findBusySpans(db, tenantId, instructorIds, wide, proposal.sessionId)
      : Promise.resolve([]),
    proposal.locationId ? reads.travelTimesFrom([proposal.locationId]) : Promise.resolve([]),
    reads.entities("locations", locationIds),
  ]);
  const instructors = instructorProfiles(
    preloaded ? [...preloaded.instructors, ...instructorRows] : instructorRows,
    details,
  );
  const teachingTime = new Map<string, { start: number; end: number; sessionId: string }[]>();
  for (const span of teachingSpans) {
    const spans = teachingTime.get(span.resource_id) ?? [];
    spans.push({ start: span.busy_from, end: span.busy_to, sessionId: span.session_id });
    teachingTime.set(span.resource_id, spans);
  }
  const rooms = toRoomProfiles(preloaded ? [...preloaded.rooms, ...roomRows] : roomRows);
  const equipment = new Map<string, EquipmentProfile>(
    equipmentRows.map((row) => [
      row.id,
      { id: row.id, name: row.name, kind: row.kind, quantity: row.quantity },
    ]),
  );

  const travel = new Map<string, number>();
  for (const row of travelRows) {
    travel.set(`${row.from_location_id}|${row.to_location_id}`, row.minutes);
    travel.set(`${row.to_location_id}|${row.from_location_id}`, row.minutes);
  }
  const locationNames = new Map(
    [...locationRows, ...(preloaded?.location ? [preloaded.location] : [])].map((row) => [row.id, row.name]),
  );
  for (const booking of bookings) {
    if (booking.locationId && booking.locationName)
      locationNames.set(booking.locationId, booking.locationName);
  }

  return {
    course: courseProfile(request.course),
    instructors,
    rooms,
    equipment,
    learnerNames: new Map(learnerRows.map((row) => [row.id, row.name])),
    bookings,
    teachingTime,
    travelMinutes: (from, to) => travel.get(`${from}|${to}`) ?? null,
    locationName: (id) => locationNames.get(id) ?? id,
  };
}
