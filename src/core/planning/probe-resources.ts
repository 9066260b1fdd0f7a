import type { Executor } from "../db/database.js";
import type { CoursesTable } from "../db/schema.js";
import { loadConflictContext } from "../scheduling/conflict-context.js";
import { peakQuantity } from "../scheduling/engine/equipment-checks.js";
import { findConflicts, teachingLimitsBySegment } from "../scheduling/engine/find-conflicts.js";
import { createBookingIndex } from "../scheduling/engine/intervals.js";
import { gridDatesOf, localDayGrid, mondayOf, monthEndOf } from "../scheduling/engine/local-days.js";
import type { DeliveryFormat, Proposal } from "../scheduling/engine/types.js";
import { addDays, instantToLocalDate, localToInstant } from "../time/zoned.js";

/** Conflict types that make an instructor unusable on a day, whatever the course. */
const INSTRUCTOR_DAY_BLOCKS = new Set([
  "instructor_double_booked",
  "instructor_travel_time",
  "instructor_unavailable",
  "instructor_time_off",
]);
const ROOM_UNFIT = new Set(["room_too_small", "room_missing_features"]);

export interface ProbeRequest {
  course: CoursesTable;
  /** A draft being planned: its own bookings never block it. */
  sessionId: string | null;
  timeZone: string;
  locationId: string | null;
  format: DeliveryFormat;
  maxSeats: number;
  dates: string[];
  /** The widest daily span of the run ("HH:mm"). */
  start: string;
  end: string;
  instructorIds: string[];
  roomIds: string[];
  /** Sessions being re-planned: their current bookings are about to move, so they block nothing. */
  movingSessionIds: ReadonlySet<string>;
  /** What a draft being re-planned takes along: its seated learners and equipment lines. */
  learnerIds: string[];
  /** `partial`: a line for some of the run's days only, so a short day blocks nothing by itself. */
  equipment: { equipmentId: string; quantity: number; partial?: boolean }[];
  /**
   * The equipment lines are candidates (a demand run's pools, of which it takes one per kind):
   * only what they have free is wanted, a short one blocks nothing by itself.
   */
  equipmentCandidates?: boolean;
}

/** local date → constraint → names of the learners or equipment pools that block the whole run. */
export type RunBlocks = Map<string, Map<string, Set<string>>>;
/** Conflicts that block a run on a day whoever teaches it, wherever it is held. */
const RUN_BLOCKS = new Set(["learner_double_booked", "equipment_short"]);

/** resource id → local date → conflict types. */
export type DayBlocks = Map<string, Map<string, Set<string>>>;

/** An instructor's teaching-day limits and the local dates (their zone) they already teach around a window. */
export interface TeachingLimit {
  maxDaysPerWeek: number | null;
  maxDaysPerMonth: number | null;
  taught: Set<string>;
}

export interface ProbeResult {
  instructorBlocks: DayBlocks;
  roomBlocks: DayBlocks;
  /** Instructors without a valid qualification on some day of the window. */
  unqualified: Set<string>;
  /** Rooms that cannot hold the run at all, with why (room_too_small, room_missing_features). */
  unfitRooms: Map<string, Set<string>>;
  /**
   * Hours each instructor already teaches per local date (their zone) inside the window: the days
   * count for workload, the hours for what those days pay already.
   */
  teachingHours: Map<string, Map<string, number>>;
  /** Days the run cannot take whoever teaches it: a seated learner booked elsewhere, equipment short. */
  runBlocks: RunBlocks;
  /** Candidates with teaching-day limits, over the whole ISO weeks and months of the window. */
  limits: Map<string, TeachingLimit>;
  /** Per equipment pool of the run: units other sessions leave free on each day. */
  equipmentFree: Map<string, Map<string, number>>;
}

/** Adds `value` to the set at blocks[outer][inner], creating what is missing. */
function addTo(
  blocks: Map<string, Map<string, Set<string>>>,
  outer: string,
  inner: string,
  value: string,
): void {
  const byInner = blocks.get(outer) ?? new Map<string, Set<string>>();
  blocks.set(outer, byInner);
  const values = byInner.get(inner) ?? new Set<string>();
  byInner.set(inner, values);
  values.add(value);
}

/** Records that an instructor or room (`id`) is blocked on a date, and why. */
export function addBlock(blocks: DayBlocks, id: string, date: string, type: string): void {
  addTo(blocks, id, date, type);
}

/** Records that `name` (a learner, an equipment pool) blocks a run on a date, and why. */
export function addRunBlock(blocks: RunBlocks, date: string, type: string, name: string): void {
  addTo(blocks, date, type, name);
}

/**
 * Asks the conflict engine (the one that guards every write) about every candidate instructor and
 * room on every candidate day of a run, so the solver's domains and blocks hold exactly what a
 * write would refuse: existing bookings, availability in the instructor's zone, time off, travel,
 * qualifications, room size and features.
 */
export async function probeResources(
  db: Executor,
  tenantId: string,
  request: ProbeRequest,
): Promise<ProbeResult> {
  const result: ProbeResult = {
    instructorBlocks: new Map(),
    roomBlocks: new Map(),
    unqualified: new Set(),
    unfitRooms: new Map(),
    teachingHours: new Map(),
    runBlocks: new Map(),
    limits: new Map(),
    equipmentFree: new Map(),
  };
  if (request.dates.length === 0) return result;
  const zone = request.timeZone;
  const base: Proposal = {
    sessionId: request.sessionId,
    timeZone: zone,
    locationId: request.locationId,
    format: request.format,
    maxSeats: request.maxSeats,
    segments: request.dates.map((date) => {
      const startLocal = `${date}T${request.start}`;
      const endLocal = `${date}T${request.end}`;
      return {
        key: date,
        start: localToInstant(startLocal, zone),
        end: localToInstant(endLocal, zone),
        startLocal,
        endLocal,
        roomId: null,
      };
    }),
    instructors: request.instructorIds.map((instructorId) => ({
      instructorId,
      role: "lead" as const,
      segmentKeys: null,
    })),
    equipment: request.equipment.map(({ equipmentId, quantity }) => ({
      equipmentId,
      quantity,
      segmentKeys: null,
    })),
    learnerIds: request.learnerIds,
  };
  const loaded = await loadConflictContext(db, tenantId, {
    course: request.course,
    proposal: base,
    extraRoomIds: request.roomIds,
  });
  const stays = (span: { sessionId?: string }) =>
    !span.sessionId || !request.movingSessionIds.has(span.sessionId);
  const context = {
    ...loaded,
    bookings: loaded.bookings.filter(stays),
    teachingTime: new Map([...(loaded.teachingTime ?? [])].map(([id, spans]) => [id, spans.filter(stays)])),
  };

  // A line for some of the run's days only is not asked about (the solver keeps it off short days),
  // though its pool's use is loaded for what it has free.
  const partial = new Set(request.equipment.filter((line) => line.partial).map((line) => line.equipmentId));
  const asked = { ...base, equipment: base.equipment.filter((line) => !partial.has(line.equipmentId)) };
  // Teaching-day limits are asked day by day below: over every day at once, each instructor with a
  // limit would be over it (and the engine would word a conflict per week and month for nothing).
  const unlimited = {
    ...context,
    instructors: new Map(
      [...context.instructors].map(([id, profile]) => [
        id,
        { ...profile, maxDaysPerWeek: null, maxDaysPerMonth: null },
      ]),
    ),
  };
  for (const conflict of findConflicts(asked, unlimited)) {
    const candidate = conflict.type === "equipment_short" && request.equipmentCandidates;
    if (RUN_BLOCKS.has(conflict.type) && conflict.segmentKey && !candidate)
      addRunBlock(result.runBlocks, conflict.segmentKey, conflict.type, conflict.resource.name);
    if (conflict.resource.type !== "instructor") continue;
    const id = conflict.resource.id;
    if (conflict.type === "instructor_unqualified") result.unqualified.add(id);
    else if (INSTRUCTOR_DAY_BLOCKS.has(conflict.type)) {
      for (const date of conflict.segmentKey ? [conflict.segmentKey] : request.dates)
        addBlock(result.instructorBlocks, id, date, conflict.type);
    }
  }
  // What other sessions leave of each pool per day (their busiest moment), as the engine counts it.
  const index = createBookingIndex(context.bookings, request.sessionId);
  for (const poolId of new Set(request.equipment.map((line) => line.equipmentId))) {
    const stock = context.equipment.get(poolId)?.quantity ?? 0;
    const free = new Map<string, number>();
    for (const segment of base.segments) {
      const inUse = peakQuantity(index.overlapping("equipment", poolId, segment), segment);
      free.set(segment.key, Math.max(0, stock - inUse));
    }
    result.equipmentFree.set(poolId, free);
  }
  for (const roomId of request.roomIds) {
    const variant: Proposal = {
      ...base,
      instructors: [],
      segments: base.segments.map((segment) => ({ ...segment, roomId })),
    };
    for (const conflict of findConflicts(variant, context)) {
      if (conflict.resource.type !== "room" || conflict.resource.id !== roomId) continue;
      if (ROOM_UNFIT.has(conflict.type)) {
        const reasons = result.unfitRooms.get(roomId) ?? new Set<string>();
        reasons.add(conflict.type);
        result.unfitRooms.set(roomId, reasons);
      } else if (conflict.type === "room_double_booked") {
        for (const date of conflict.segmentKey ? [conflict.segmentKey] : request.dates)
          addBlock(result.roomBlocks, roomId, date, conflict.type);
      }
    }
  }
  // A day on which teaching would take an instructor's ISO week or month over their limit, counting
  // what they teach already (not what this plan adds), is blocked for them: each day asked alone,
  // as a write of that day would be.
  const limited = request.instructorIds.filter((id) => {
    const profile = context.instructors.get(id);
    return profile && (profile.maxDaysPerWeek !== null || profile.maxDaysPerMonth !== null);
  });
  const overLimits = teachingLimitsBySegment(
    {
      ...base,
      instructors: limited.map((instructorId) => ({ instructorId, role: "lead", segmentKeys: null })),
      equipment: [],
      learnerIds: [],
    },
    context,
  );
  for (const [id, bySegment] of overLimits)
    for (const [date, types] of bySegment)
      if (!result.instructorBlocks.get(id)?.has(date))
        for (const type of types) addBlock(result.instructorBlocks, id, date, type);
  const first = request.dates[0]!;
  const last = request.dates.at(-1)!;
  // What the limits count already (as the engine does: bookings and teaching time, a span across
  // midnight on both dates), so the solver can cap what the plan adds per week and month.
  const monthStart = `${first.slice(0, 7)}-01`;
  const weeksFrom = mondayOf(first);
  const lastSunday = addDays(mondayOf(last), 6);
  const monthEnd = monthEndOf(last);
  const instructorBookings = new Map<string, typeof context.bookings>();
  for (const booking of context.bookings) {
    if (booking.resourceType !== "instructor") continue;
    const own = instructorBookings.get(booking.resourceId);
    if (own) own.push(booking);
    else instructorBookings.set(booking.resourceId, [booking]);
  }
  for (const id of request.instructorIds) {
    const profile = context.instructors.get(id);
    if (!profile || (profile.maxDaysPerWeek === null && profile.maxDaysPerMonth === null)) continue;
    const grid = localDayGrid(
      weeksFrom < monthStart ? weeksFrom : monthStart,
      lastSunday > monthEnd ? lastSunday : monthEnd,
      profile.timeZone,
    );
    const taught = new Set<string>();
    for (const booking of instructorBookings.get(id) ?? [])
      for (const date of gridDatesOf(grid, booking)) taught.add(date);
    for (const span of context.teachingTime.get(id) ?? [])
      for (const date of gridDatesOf(grid, span)) taught.add(date);
    result.limits.set(id, {
      maxDaysPerWeek: profile.maxDaysPerWeek,
      maxDaysPerMonth: profile.maxDaysPerMonth,
      taught,
    });
  }
  for (const booking of context.bookings) {
    if (booking.resourceType !== "instructor") continue;
    const date = instantToLocalDate(
      booking.start,
      context.instructors.get(booking.resourceId)?.timeZone ?? zone,
    );
    if (date < first || date > last) continue;
    const hours = result.teachingHours.get(booking.resourceId) ?? new Map<string, number>();
    hours.set(date, (hours.get(date) ?? 0) + (booking.end - booking.start) / 3_600_000);
    result.teachingHours.set(booking.resourceId, hours);
  }
  return result;
}
