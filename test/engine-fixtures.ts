// Builders for the engine's tests (not used by production code): a Berlin site, the course
// SQL-101 that needs the skill "sql" and a projector, and Anna, qualified and always available.

import { findConflicts } from "../src/core/scheduling/engine/find-conflicts.js";
import type {
  AvailabilityRule,
  ConflictContext,
  ConflictType,
  CourseProfile,
  EquipmentProfile,
  ExistingBooking,
  InstructorProfile,
  Interval,
  Proposal,
  ProposedSegment,
  RoomProfile,
} from "../src/core/scheduling/engine/types.js";
import { localToInstant } from "../src/core/time/zoned.js";

export const BERLIN = "Europe/Berlin";
export const NEW_YORK = "America/New_York";

export const at = (local: string, zone = BERLIN) => localToInstant(local, zone);
export const iso = (text: string) => Date.parse(text);

export function segment(
  key: string,
  startLocal: string,
  endLocal: string,
  options: { zone?: string; roomId?: string | null } = {},
): ProposedSegment {
  const zone = options.zone ?? BERLIN;
  return {
    key,
    start: at(startLocal, zone),
    end: at(endLocal, zone),
    startLocal,
    endLocal,
    roomId: options.roomId ?? null,
  };
}

export const proposal = (overrides: Partial<Proposal> = {}): Proposal => ({
  sessionId: "s-new",
  timeZone: BERLIN,
  locationId: "loc-berlin",
  format: "ilt",
  maxSeats: 10,
  segments: [segment("seg-1", "2027-03-29T09:00", "2027-03-29T17:00")],
  instructors: [{ instructorId: "anna", role: "lead", segmentKeys: null }],
  equipment: [],
  learnerIds: [],
  ...overrides,
});

export const instructor = (overrides: Partial<InstructorProfile> = {}): InstructorProfile => ({
  id: "anna",
  name: "Anna Schmidt",
  timeZone: BERLIN,
  maxDaysPerWeek: null,
  maxDaysPerMonth: null,
  availability: [],
  timeOff: [],
  qualifications: [{ courseId: null, skill: "sql", validFrom: null, validUntil: null }],
  ...overrides,
});

export const room = (overrides: Partial<RoomProfile> = {}): RoomProfile => ({
  id: "room-a",
  name: "Room A",
  locationId: "loc-berlin",
  capacity: 12,
  features: ["projector"],
  setupMinutes: 0,
  teardownMinutes: 0,
  ...overrides,
});

export const course = (overrides: Partial<CourseProfile> = {}): CourseProfile => ({
  id: "course-sql",
  code: "SQL-101",
  title: "SQL Basics",
  requiredQualifications: ["sql"],
  requiredRoomFeatures: ["projector"],
  ...overrides,
});

let nextSegmentId = 0;

export function booking(
  fields: Pick<ExistingBooking, "resourceType" | "resourceId" | "start" | "end"> & Partial<ExistingBooking>,
): ExistingBooking {
  nextSegmentId += 1;
  return {
    sessionId: "s-other",
    segmentId: `other-seg-${nextSegmentId}`,
    busyFrom: fields.start,
    busyTo: fields.end,
    quantity: 1,
    locationId: "loc-berlin",
    sessionLabel: "PM-101 Project Management",
    timeZone: BERLIN,
    ...fields,
  };
}

export function context(
  world: {
    course?: CourseProfile;
    instructors?: InstructorProfile[];
    rooms?: RoomProfile[];
    equipment?: EquipmentProfile[];
    learners?: [id: string, name: string][];
    bookings?: ExistingBooking[];
    /** Teaching time beyond `bookings`, by instructor id. */
    teachingTime?: Record<string, Interval[]>;
    /** Minutes between two locations, keyed "from|to" (one direction each). */
    travel?: Record<string, number>;
  } = {},
): ConflictContext {
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));
  const names: Record<string, string> = { "loc-berlin": "Berlin Office", "loc-munich": "Munich Office" };
  return {
    course: world.course ?? course(),
    instructors: byId(world.instructors ?? [instructor()]),
    rooms: byId(world.rooms ?? [room()]),
    equipment: byId(world.equipment ?? []),
    learnerNames: new Map(world.learners ?? []),
    bookings: world.bookings ?? [],
    ...(world.teachingTime && { teachingTime: new Map(Object.entries(world.teachingTime)) }),
    travelMinutes: (from, to) => world.travel?.[`${from}|${to}`] ?? null,
    locationName: (id) => names[id] ?? id,
  };
}

/** Monday to Friday, the same hours, no validity bounds. */
export const weekdays = (startTime: string, endTime: string) =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime, endTime, validFrom: null, validUntil: null }));

/** Is the instant inside some rule, judged only by the wall clock the instructor sees? */
const clocks = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in a zone, "YYYY-MM-DD HH:mm", read with Intl (independent of the engine's Temporal math). */
function wallClockIn(ms: number, zone: string): string {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("sv-SE", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    clocks.set(zone, clock);
  }
  return clock.format(ms);
}

export function coveredByWallClock(rules: AvailabilityRule[], zone: string, ms: number): boolean {
  const local = wallClockIn(ms, zone);
  const date = local.slice(0, 10);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  const minute = Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
  const toMinute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return rules.some(
    (r) =>
      r.weekday === weekday &&
      (r.validFrom === null || r.validFrom <= date) &&
      (r.validUntil === null || date <= r.validUntil) &&
      toMinute(r.startTime) <= minute &&
      minute < toMinute(r.endTime),
  );
}

/** A booking of Anna's (times are local in Berlin unless a zone is given). */
export const teaching = (start: string, end: string, fields: Partial<ExistingBooking> = {}, zone?: string) =>
  booking({
    resourceType: "instructor",
    resourceId: "anna",
    start: at(start, zone),
    end: at(end, zone),
    ...fields,
  });

/** The conflicts of one type for Anna on the default proposal, with the given changes. */
export function checkAnna(
  type: ConflictType,
  options: {
    proposal?: Partial<Proposal>;
    anna?: Partial<InstructorProfile>;
    bookings?: ExistingBooking[];
    teachingTime?: Record<string, Interval[]>;
    travel?: Record<string, number>;
    requires?: string[];
  } = {},
) {
  const world = context({
    instructors: [instructor(options.anna)],
    bookings: options.bookings ?? [],
    ...(options.teachingTime && { teachingTime: options.teachingTime }),
    course: course({ requiredQualifications: options.requires ?? ["sql"] }),
    ...(options.travel && { travel: options.travel }),
  });
  return findConflicts(proposal(options.proposal), world).filter((c) => c.type === type);
}
