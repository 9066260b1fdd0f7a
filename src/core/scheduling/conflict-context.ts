import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type { CoursesTable, RoomsTable } from "../db/schema.js";
import { instructorDetailsRepository } from "../instructors/instructor-details.repository.js";
import { locationRepository } from "../resources/locations.repository.js";
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

const DAY_MS = 24 * 3600_000;

export interface ContextRequest {
  course: CoursesTable;
  proposal: Proposal;
  /** Instructors to load besides the proposal's (candidates for suggestions). */
  extraInstructorIds?: string[];
  /** Rooms to load besides the proposal's. */
  extraRoomIds?: string[];
  /** Widen the window (e.g. to try the session on other days). */
  marginMs?: number;
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
 * time off, qualifications, travel times and existing bookings. Instructor bookings cover whole
 * months around the proposal (teaching-day limits count weeks and months in the instructor's
 * zone); other bookings a day either side.
 */
export async function loadConflictContext(
  db: Executor,
  tenantId: string,
  request: ContextRequest,
): Promise<ConflictContext> {
  const { proposal } = request;
  const margin = request.marginMs ?? 0;
  const first = Math.min(...proposal.segments.map((s) => s.start)) - margin;
  const last = Math.max(...proposal.segments.map((s) => s.end)) + margin;
  const near = { from: first - DAY_MS, to: last + DAY_MS };
  const wide = { from: first - 38 * DAY_MS, to: last + 38 * DAY_MS };

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

  // Independent reads, issued together (on PostgreSQL they run on separate connections).
  const [
    instructorRows,
    details,
    roomRows,
    equipmentRows,
    learnerRows,
    instructorBookings,
    otherBookings,
    travelRows,
    locationRows,
  ] = await Promise.all([
    entityStore.findMany(db, "instructors", tenantId, instructorIds),
    instructorDetailsRepository.detailsOf(db, tenantId, instructorIds, wide),
    entityStore.findMany(db, "rooms", tenantId, roomIds),
    entityStore.findMany(db, "equipment", tenantId, equipmentIds),
    entityStore.findMany(db, "learners", tenantId, proposal.learnerIds),
    bookingRepository.findOverlapping(db, tenantId, instructorIds, wide, proposal.sessionId),
    bookingRepository.findOverlapping(
      db,
      tenantId,
      [...roomIds, ...equipmentIds, ...proposal.learnerIds],
      near,
      proposal.sessionId,
    ),
    proposal.locationId
      ? locationRepository.travelTimesFrom(db, tenantId, [proposal.locationId])
      : Promise.resolve([]),
    entityStore.findMany(db, "locations", tenantId, proposal.locationId ? [proposal.locationId] : []),
  ]);
  const instructors = new Map<string, InstructorProfile>(
    instructorRows.map((row) => [
      row.id,
      {
        id: row.id,
        name: row.name,
        timeZone: row.time_zone,
        maxDaysPerWeek: row.max_days_per_week,
        maxDaysPerMonth: row.max_days_per_month,
        availability: details.availability
          .filter((rule) => rule.instructor_id === row.id)
          .map((rule) => ({
            weekday: rule.weekday,
            startTime: rule.start_time,
            endTime: rule.end_time,
            validFrom: rule.valid_from,
            validUntil: rule.valid_until,
          })),
        timeOff: details.timeOff
          .filter((entry) => entry.instructor_id === row.id)
          .map((entry) => ({ start: entry.starts_at, end: entry.ends_at, reason: entry.reason })),
        qualifications: details.qualifications
          .filter((q) => q.instructor_id === row.id)
          .map((q) => ({
            courseId: q.course_id,
            skill: q.skill,
            validFrom: q.valid_from,
            validUntil: q.valid_until,
          })),
      },
    ]),
  );
  const rooms = toRoomProfiles(roomRows);
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
  const locationNames = new Map(locationRows.map((row) => [row.id, row.name]));
  for (const booking of instructorBookings) {
    if (booking.locationId && booking.locationName)
      locationNames.set(booking.locationId, booking.locationName);
  }

  return {
    course: courseProfile(request.course),
    instructors,
    rooms,
    equipment,
    learnerNames: new Map(learnerRows.map((row) => [row.id, row.name])),
    bookings: [...instructorBookings, ...otherBookings],
    travelMinutes: (from, to) => travel.get(`${from}|${to}`) ?? null,
    locationName: (id) => locationNames.get(id) ?? id,
  };
}
