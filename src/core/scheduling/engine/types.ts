// The conflict engine's vocabulary. Pure data: no database, no HTTP. Instants are epoch
// milliseconds; every interval is half-open [start, end).

export type ResourceType = "instructor" | "room" | "equipment" | "learner";
export type InstructorRole = "lead" | "co" | "assistant";
export type DeliveryFormat = "ilt" | "vilt" | "hybrid";

export interface Interval {
  start: number;
  end: number;
}

/** One meeting of the session being checked. */
export interface ProposedSegment {
  /** The segment's id when it exists already, else a stable placeholder ("new-0"). */
  key: string;
  start: number;
  end: number;
  /** Wall-clock start and end in the session's zone, "YYYY-MM-DDTHH:mm" (for messages and dates). */
  startLocal: string;
  endLocal: string;
  roomId: string | null;
}

export interface ProposedInstructor {
  instructorId: string;
  role: InstructorRole;
  /** The segments this instructor teaches; null means every segment. */
  segmentKeys: string[] | null;
}

export interface ProposedEquipment {
  equipmentId: string;
  quantity: number;
  /** null means every segment. */
  segmentKeys: string[] | null;
}

/** A session as it would be after the write being checked. */
export interface Proposal {
  /** The session being changed, whose own existing bookings never conflict with it; null when new. */
  sessionId: string | null;
  timeZone: string;
  locationId: string | null;
  format: DeliveryFormat;
  maxSeats: number;
  segments: ProposedSegment[];
  instructors: ProposedInstructor[];
  equipment: ProposedEquipment[];
  /** Learners enrolled in the session (learner double booking when it moves). */
  learnerIds: string[];
}

/** A busy interval already in the database. */
export interface ExistingBooking {
  resourceType: ResourceType;
  resourceId: string;
  sessionId: string;
  segmentId: string;
  /** The meeting itself. */
  start: number;
  end: number;
  /** The meeting widened by the resource's buffers (a room's setup/teardown); equals start/end otherwise. */
  busyFrom: number;
  busyTo: number;
  /** Units of an equipment pool; 1 otherwise. */
  quantity: number;
  /** Where the meeting is (null for virtual): for travel time. */
  locationId: string | null;
  /** How a coordinator recognises the other session, e.g. "PM-101 Project Management". */
  sessionLabel: string;
  /** The other session's zone, to show its times as its people see them. */
  timeZone: string;
}

export interface AvailabilityRule {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:mm"; endTime may be "24:00". */
  startTime: string;
  endTime: string;
  /** Inclusive local dates "YYYY-MM-DD" in the instructor's zone; null = unbounded. */
  validFrom: string | null;
  validUntil: string | null;
}

export interface Qualification {
  courseId: string | null;
  /** Lowercase. */
  skill: string | null;
  /** Inclusive local dates; null = unbounded. */
  validFrom: string | null;
  validUntil: string | null;
}

export interface InstructorProfile {
  id: string;
  name: string;
  timeZone: string;
  maxDaysPerWeek: number | null;
  maxDaysPerMonth: number | null;
  /** Empty means available at any time. */
  availability: AvailabilityRule[];
  timeOff: (Interval & { reason: string | null })[];
  qualifications: Qualification[];
}

export interface RoomProfile {
  id: string;
  name: string;
  locationId: string;
  capacity: number;
  features: string[];
  setupMinutes: number;
  teardownMinutes: number;
}

export interface EquipmentProfile {
  id: string;
  name: string;
  kind: string;
  quantity: number;
}

export interface CourseProfile {
  id: string;
  code: string;
  title: string;
  /** Lowercase skills; empty means any instructor may teach the course. */
  requiredQualifications: string[];
  requiredRoomFeatures: string[];
}

/** Everything the engine needs to know about the world around the proposal. */
export interface ConflictContext {
  course: CourseProfile;
  instructors: ReadonlyMap<string, InstructorProfile>;
  rooms: ReadonlyMap<string, RoomProfile>;
  equipment: ReadonlyMap<string, EquipmentProfile>;
  /** Learner names, for messages. */
  learnerNames: ReadonlyMap<string, string>;
  /**
   * Existing bookings of every resource in the proposal, excluding the proposal's own session,
   * at least ±1 day around it.
   */
  bookings: readonly ExistingBooking[];
  /**
   * More teaching time of instructors (by id), excluding the proposal's session: enough to cover
   * the ISO weeks and calendar months (in their zone) that the proposal touches, so teaching-day
   * limits can be counted. Only times are needed, so a loader can read them cheaply; instructor
   * `bookings` count as teaching time too. `sessionId` lets a planner leave out sessions it moves.
   */
  teachingTime?: ReadonlyMap<string, readonly (Interval & { sessionId?: string })[]>;
  /** Travel minutes between two different locations; null when none is configured (no buffer). */
  travelMinutes(fromLocationId: string, toLocationId: string): number | null;
  locationName(locationId: string): string;
}

export type ConflictType =
  | "instructor_double_booked"
  | "instructor_travel_time"
  | "instructor_unavailable"
  | "instructor_time_off"
  | "instructor_unqualified"
  | "instructor_week_limit"
  | "instructor_month_limit"
  | "room_double_booked"
  | "room_too_small"
  | "room_missing_features"
  | "equipment_short"
  | "learner_double_booked";

/** Blocking conflicts can never be written; warnings only with an explicit, audited override. */
export type Severity = "blocking" | "warning";

export interface ConflictingBooking {
  sessionId: string;
  segmentId: string;
  start: number;
  end: number;
  sessionLabel: string;
}

export interface Conflict {
  type: ConflictType;
  severity: Severity;
  /** One sentence a coordinator understands, with names and local times. */
  message: string;
  resource: { type: ResourceType; id: string; name: string };
  /** The proposed segment concerned; null when the conflict is about the whole session. */
  segmentKey: string | null;
  /** The proposed interval concerned. */
  interval: Interval | null;
  /** The existing bookings it clashes with (double bookings, travel, equipment use). */
  with: ConflictingBooking[];
  /** Type-specific facts (e.g. { needed: 3, available: 1 } for equipment). */
  details: Record<string, unknown>;
}
