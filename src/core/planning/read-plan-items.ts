import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type { CoursesTable } from "../db/schema.js";
import { type FieldError, throwIfErrors } from "../errors.js";
import { courseProfile } from "../scheduling/conflict-context.js";
import type { DeliveryFormat } from "../scheduling/engine/types.js";
import { sessionRepository } from "../scheduling/sessions.repository.js";
import { MAX_SEGMENTS } from "../scheduling/sessions.schemas.js";
import { fromJson } from "../shared/json.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import { addDays, dayNumberOf, instantToLocalDate, isoWeekdayOf } from "../time/zoned.js";
import type { PlanInput } from "./plans.schemas.js";

const MAX_WINDOW_DAYS = 366;
const DEFAULT_SLACK_DAYS = 14;
const PLANNABLE = new Set(["draft", "planned"]);

/** A demand or draft session, validated and resolved against the database. */
export interface PlanItemDraft {
  key: string;
  kind: "demand" | "session";
  runs: number;
  course: CoursesTable;
  requiredSkills: string[];
  sessionId: string | null;
  timeZone: string;
  locationId: string | null;
  format: DeliveryFormat;
  maxSeats: number;
  /** Candidate local dates, ascending. */
  dates: string[];
  times: { start: string; end: string }[];
  /** Locked assignments: each segment's date, the instructors, the rooms; null = free. */
  lockedDates: string[] | null;
  lockedInstructors: string[] | null;
  lockedRooms: string[] | null;
  /** With locked instructors or rooms, each segment's own: the leads teaching it, its room. */
  lockedLeadsBySegment: string[][] | null;
  lockedRoomBySegment: (string | null)[] | null;
  preferredWeekdays: number[];
}

/**
 * The allowed dates of [from, to] (on the weekdays), or an error on `path` when the window spans
 * more than MAX_WINDOW_DAYS: checked before any date is listed, as a window to 9999-12-31 would be
 * millions of them.
 */
function allowedDates(from: string, to: string, weekdays: number[], path: string, errors: FieldError[]) {
  if (dayNumberOf(to) - dayNumberOf(from) >= MAX_WINDOW_DAYS) {
    errors.push({ path, message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
    return [];
  }
  return from <= to ? windowDates(from, to, weekdays) : [];
}

function windowDates(from: string, to: string, weekdays: number[]): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1))
    if (weekdays.includes(isoWeekdayOf(date))) dates.push(date);
  return dates;
}

/**
 * Checks every reference of a plan input in the actor's tenant and resolves defaults (zone, format,
 * seats, daily times, windows). Field errors name the input path, e.g. `demand.0.courseId`.
 */
export async function readPlanItems(
  db: Executor,
  actor: Actor,
  input: PlanInput,
  now: number,
): Promise<PlanItemDraft[]> {
  const errors: FieldError[] = [];
  const tenant = await loadTenant(db, actor.tenantId);
  const rows = await Promise.all(
    input.sessions.map((item) => sessionRepository.find(db, actor.tenantId, item.sessionId)),
  );
  const found = await sessionRepository.loadRecords(
    db,
    actor.tenantId,
    rows.flatMap((row) => (row ? [row] : [])),
  );
  const recordById = new Map(found.map((record) => [record.session.id, record]));
  const records = input.sessions.map((item) => recordById.get(item.sessionId));
  const courseIds = [
    ...input.demand.map((d) => d.courseId),
    ...records.flatMap((r) => (r ? [r.session.course_id] : [])),
  ];
  const locationIds = input.demand.flatMap((d) => (d.locationId ? [d.locationId] : []));
  const [courses, locations] = await Promise.all([
    entityStore.findMany(db, "courses", actor.tenantId, [...new Set(courseIds)]),
    entityStore.findMany(db, "locations", actor.tenantId, [...new Set(locationIds)]),
  ]);
  const courseById = new Map(courses.map((row) => [row.id, row]));
  const locationById = new Map(locations.map((row) => [row.id, row]));
  const items: PlanItemDraft[] = [];

  input.demand.forEach((demand, i) => {
    const path = `demand.${i}`;
    const course = courseById.get(demand.courseId);
    if (!course || course.archived_at !== null)
      errors.push({ path: `${path}.courseId`, message: "is not an active course of this tenant" });
    const location = demand.locationId ? locationById.get(demand.locationId) : undefined;
    if (demand.locationId && (!location || location.archived_at !== null))
      errors.push({ path: `${path}.locationId`, message: "is not an active location of this tenant" });
    const format = demand.format ?? (demand.locationId ? "ilt" : "vilt");
    if (format !== "vilt" && !demand.locationId)
      errors.push({ path: `${path}.locationId`, message: `is required for the ${format} format (rooms)` });
    const zone = demand.timeZone ?? location?.time_zone ?? tenant.default_time_zone;
    const tomorrow = addDays(instantToLocalDate(now, zone), 1);
    if (demand.window.to < tomorrow)
      errors.push({ path: `${path}.window.to`, message: "lies in the past: plan from tomorrow on" });
    const from = demand.window.from < tomorrow ? tomorrow : demand.window.from;
    const dates = allowedDates(from, demand.window.to, demand.weekdays, `${path}.window.to`, errors);
    if (!course) return;
    if (course.duration_days > MAX_SEGMENTS)
      errors.push({
        path: `${path}.courseId`,
        message: `runs ${course.duration_days} days: a session holds at most ${MAX_SEGMENTS} segments`,
      });
    const start = demand.startTime ?? course.day_start_time;
    const end = demand.endTime ?? course.day_end_time;
    if (end <= start) errors.push({ path: `${path}.endTime`, message: "must be after the start time" });
    items.push({
      key: path,
      kind: "demand",
      runs: demand.runs,
      course,
      requiredSkills: courseProfile(course).requiredQualifications,
      sessionId: null,
      timeZone: zone,
      locationId: demand.locationId,
      format,
      maxSeats: demand.maxSeats ?? course.max_seats,
      dates,
      times: Array.from({ length: Math.max(1, course.duration_days) }, () => ({ start, end })),
      lockedDates: null,
      lockedInstructors: null,
      lockedRooms: null,
      lockedLeadsBySegment: null,
      lockedRoomBySegment: null,
      preferredWeekdays: demand.preferredWeekdays,
    });
  });

  const seen = new Set<string>();
  input.sessions.forEach((item, i) => {
    const path = `sessions.${i}`;
    const record = records[i];
    if (!record) {
      errors.push({ path: `${path}.sessionId`, message: "was not found" });
      return;
    }
    if (seen.has(item.sessionId)) errors.push({ path: `${path}.sessionId`, message: "is listed twice" });
    seen.add(item.sessionId);
    const { session, segments } = record;
    if (!PLANNABLE.has(session.status))
      errors.push({
        path: `${path}.sessionId`,
        message: `is ${session.status}: only draft or planned sessions are planned`,
      });
    const course = courseById.get(session.course_id);
    if (!course) return;
    const zone = session.time_zone;
    const current = segments.map((s) => s.start_local.slice(0, 10));
    const tomorrow = addDays(instantToLocalDate(now, zone), 1);
    const windowFrom = item.window?.from ?? addDays(current[0]!, -DEFAULT_SLACK_DAYS);
    const windowTo = item.window?.to ?? addDays(current.at(-1)!, DEFAULT_SLACK_DAYS);
    const from = windowFrom < tomorrow ? tomorrow : windowFrom;
    if (!item.lock.dates && windowTo < tomorrow)
      errors.push({ path: `${path}.window.to`, message: "lies in the past: plan from tomorrow on" });
    // A segment ending at midnight ends at 24:00 of its own day; one running on past it cannot move.
    const endOf = (s: (typeof segments)[number]) =>
      s.end_local === `${addDays(s.start_local.slice(0, 10), 1)}T00:00` ? "24:00" : s.end_local.slice(11);
    if (segments.some((s) => s.end_local.slice(0, 10) !== s.start_local.slice(0, 10) && endOf(s) !== "24:00"))
      errors.push({
        path: `${path}.sessionId`,
        message: "has a segment over midnight, which the planner cannot move",
      });
    // The planner gives each segment a day of its own (in order), so two parts of one day cannot be kept.
    else if (new Set(current).size < current.length)
      errors.push({
        path: `${path}.sessionId`,
        message:
          "has two segments on one day, which the planner cannot place (it gives each segment its own day)",
      });
    const dates = item.lock.dates
      ? [...new Set(current)].sort()
      : allowedDates(from, windowTo, item.weekdays, `${path}.window.to`, errors);
    const leadRows = record.instructors.filter((a) => a.role === "lead");
    const leads = [...new Set(leadRows.map((a) => a.instructor_id))];
    const leadsOf = (segmentId: string) =>
      leadRows
        .filter(
          (a) =>
            a.segment_ids_json === null || fromJson<string[]>(a.segment_ids_json, []).includes(segmentId),
        )
        .map((a) => a.instructor_id);
    const rooms = [...new Set(segments.flatMap((s) => (s.room_id ? [s.room_id] : [])))];
    items.push({
      key: path,
      kind: "session",
      runs: 1,
      course,
      requiredSkills: courseProfile(course).requiredQualifications,
      sessionId: session.id,
      timeZone: zone,
      locationId: session.location_id,
      format: session.format as DeliveryFormat,
      maxSeats: session.max_seats,
      dates,
      times: segments.map((s) => ({ start: s.start_local.slice(11), end: endOf(s) })),
      lockedDates: item.lock.dates ? current : null,
      lockedInstructors: item.lock.instructors ? leads : null,
      lockedRooms: item.lock.rooms ? rooms : null,
      lockedLeadsBySegment: item.lock.instructors ? segments.map((s) => leadsOf(s.id)) : null,
      lockedRoomBySegment: item.lock.rooms ? segments.map((s) => s.room_id) : null,
      preferredWeekdays: item.preferredWeekdays,
    });
  });
  throwIfErrors(errors);
  return items;
}
