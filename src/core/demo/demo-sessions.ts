// Demo sessions for the coming weeks, scheduled through the services like a coordinator would:
// each one is dry-run first and takes the engine's own suggestions (free qualified instructors,
// fitting rooms) until it has no conflict, so the demo calendar is conflict-free by construction.
import type { Core } from "../app.js";
import { systemActor } from "../auth/actor.js";
import type { Course } from "../catalog/courses.schemas.js";
import { courseQuerySchema } from "../catalog/courses.schemas.js";
import { instructorQuerySchema } from "../instructors/instructors.schemas.js";
import { locationQuerySchema } from "../resources/locations.schemas.js";
import { roomQuerySchema } from "../resources/rooms.schemas.js";
import { sessionCheckSchema, sessionInputSchema } from "../scheduling/sessions.schemas.js";
import { addDays } from "../time/zoned.js";
import { DemoRandom } from "./demo-random.js";

export type DemoSessionsCore = Pick<Core, "courses" | "instructors" | "locations" | "rooms" | "sessions">;

export interface DemoSessionsOptions {
  /** First day (YYYY-MM-DD); sessions fill the weekdays of the following weeks. */
  from: string;
  weeks?: number;
  perWeek?: number;
  seed?: number;
}

const ATTEMPTS = 4;

const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Weekdays from `date` on, as many as the course lasts. */
function courseDays(course: Course, date: string): string[] {
  const days: string[] = [];
  for (let offset = 0; days.length < Math.max(1, course.durationDays) && offset < 14; offset++) {
    const day = addDays(date, offset);
    if (weekdayOf(day) !== 0 && weekdayOf(day) !== 6) days.push(day);
  }
  return days;
}

/** Schedules up to weeks × perWeek sessions; returns how many were created. */
export async function seedDemoSessions(
  core: DemoSessionsCore,
  tenantId: string,
  options: DemoSessionsOptions,
): Promise<number> {
  const actor = systemActor(tenantId, "demo");
  const random = new DemoRandom(options.seed ?? 11);
  const weeks = options.weeks ?? 6;
  const perWeek = options.perWeek ?? 7;
  const courses = (await core.courses.list(actor, courseQuerySchema.parse({ limit: 500 }))).items.filter(
    (c) => c.durationDays <= 3,
  );
  const instructors = (await core.instructors.list(actor, instructorQuerySchema.parse({ limit: 500 }))).items;
  const locations = (await core.locations.list(actor, locationQuerySchema.parse({ limit: 500 }))).items;
  const rooms = (await core.rooms.list(actor, roomQuerySchema.parse({ limit: 500 }))).items;
  if (courses.length === 0 || instructors.length === 0 || locations.length === 0) return 0;

  let created = 0;
  for (let week = 0; week < weeks; week++) {
    for (let slot = 0; slot < perWeek; slot++) {
      const course = random.pick(courses);
      const inPerson = course.formats.includes("ilt");
      const location = random.pick(locations);
      const siteRooms = rooms.filter((r) => r.locationId === location.id);
      const room = inPerson
        ? (siteRooms.find((r) => r.capacity >= course.maxSeats) ?? siteRooms[0])
        : undefined;
      const start = addDays(options.from, week * 7 + random.int(0, 4));
      const days = courseDays(
        course,
        weekdayOf(start) === 0 || weekdayOf(start) === 6 ? addDays(start, 2) : start,
      );
      // Some sessions are left unstaffed on purpose: the dashboard shows them at risk.
      const staffed = random.next() > 0.12;
      let draft = sessionInputSchema.parse({
        courseId: course.id,
        format: inPerson ? "ilt" : (course.formats[0] ?? "vilt"),
        timeZone: location.timeZone,
        locationId: inPerson ? location.id : null,
        status: random.next() > 0.2 ? "planned" : "draft",
        segments: days.map((day) => ({
          start: `${day}T${course.dayStartTime}`,
          end: `${day}T${course.dayEndTime}`,
          roomId: room?.id ?? null,
        })),
        instructors: staffed ? [{ instructorId: random.pick(instructors).id, role: "lead" }] : [],
      });
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const { conflicts, suggestions } = await core.sessions.check(actor, sessionCheckSchema.parse(draft));
        if (conflicts.length === 0) {
          const session = await core.sessions.create(actor, draft);
          created++;
          // Most instructors have answered; the rest are still to confirm.
          const assignment = session.instructors[0];
          if (assignment && random.next() > 0.3) {
            await core.sessions.respond(actor, session.id, assignment.id, "accept", null);
          }
          break;
        }
        const instructor = suggestions?.instructors.find((s) => s.candidates.length > 0);
        const roomSwap = suggestions?.rooms.find((s) => s.candidates.length > 0);
        if (!instructor && !roomSwap) break;
        draft = {
          ...draft,
          instructors: draft.instructors.map((a) =>
            instructor && a.instructorId === instructor.replaces
              ? { ...a, instructorId: instructor.candidates[0]!.instructorId }
              : a,
          ),
          segments: draft.segments.map((s) =>
            roomSwap && s.roomId === roomSwap.replaces ? { ...s, roomId: roomSwap.candidates[0]!.roomId } : s,
          ),
        };
      }
    }
  }
  return created;
}
