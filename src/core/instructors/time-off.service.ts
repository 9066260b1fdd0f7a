import { recordAudit } from "../audit/audit.service.js";
import type { Actor } from "../auth/actor.js";
import type { Database, Executor } from "../db/database.js";
import type { InstructorTimeOffTable } from "../db/schema.js";
import { type FieldError, notFound, validationFailed } from "../errors.js";
import { type Clock, toIso } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { patchOf } from "../shared/schemas.js";
import { addDays, instantToLocal, localToInstant, parseTimePoint, startOfLocalDate } from "../time/zoned.js";
import { requireInstructor } from "./instructor-access.js";
import { instructorDetailsRepository as details } from "./instructor-details.repository.js";
import {
  type TimeOff,
  type TimeOffInput,
  type TimeOffQuery,
  timeOffInputSchema,
} from "./instructors.schemas.js";

export const timeOffPatchSchema = patchOf(timeOffInputSchema);
export type TimeOffPatch = typeof timeOffPatchSchema._zod.output;

const MAX_SPAN_MS = 2 * 366 * 24 * 3600_000;

type Interval = Pick<
  InstructorTimeOffTable,
  "starts_at" | "ends_at" | "start_local" | "end_local" | "all_day"
>;

/**
 * Turns what a person typed into an interval: whole local days (end date inclusive), local
 * times in the instructor's zone, or exact instants. Both ends must be of the same sort of day.
 */
export function resolveTimeOff(
  input: Pick<TimeOffInput, "start" | "end">,
  zone: string,
): Interval | FieldError[] {
  const start = parseTimePoint(input.start);
  const end = parseTimePoint(input.end);
  const unreadable =
    "must be a date (2027-07-01), a local date-time (2027-07-01T13:00) or an instant with offset";
  const errors: FieldError[] = [];
  if (!start) errors.push({ path: "start", message: unreadable });
  if (!end) errors.push({ path: "end", message: unreadable });
  if (!start || !end) return errors;
  if ((start.kind === "date") !== (end.kind === "date")) {
    return [{ path: "end", message: "use dates for both start and end, or times for both" }];
  }
  let interval: Interval;
  if (start.kind === "date" && end.kind === "date") {
    interval = {
      starts_at: startOfLocalDate(start.date, zone),
      ends_at: startOfLocalDate(addDays(end.date, 1), zone),
      start_local: start.date,
      end_local: end.date,
      all_day: 1,
    };
  } else {
    const toMs = (point: typeof start) =>
      point.kind === "local" ? localToInstant(point.local, zone) : point.kind === "instant" ? point.ms : 0;
    const startsAt = toMs(start);
    const endsAt = toMs(end);
    interval = {
      starts_at: startsAt,
      ends_at: endsAt,
      start_local: instantToLocal(startsAt, zone),
      end_local: instantToLocal(endsAt, zone),
      all_day: 0,
    };
  }
  if (interval.ends_at <= interval.starts_at) return [{ path: "end", message: "must be after start" }];
  if (interval.ends_at - interval.starts_at > MAX_SPAN_MS)
    return [{ path: "end", message: "time off may span at most two years" }];
  return interval;
}

/** Timed entries are shown in the instructor's current zone; all-day ones keep their dates. */
const present = (row: InstructorTimeOffTable, timeZone: string): TimeOff => ({
  id: row.id,
  instructorId: row.instructor_id,
  allDay: row.all_day === 1,
  start: row.all_day === 1 ? row.start_local : instantToLocal(row.starts_at, timeZone),
  end: row.all_day === 1 ? row.end_local : instantToLocal(row.ends_at, timeZone),
  timeZone,
  startsAt: toIso(row.starts_at),
  endsAt: toIso(row.ends_at),
  reason: row.reason,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/**
 * After an instructor's zone changes, whole days off stay the same dates in the new zone
 * ("1–14 July" means July where the instructor is); timed entries keep their instants.
 */
export async function realignAllDayTimeOff(
  db: Executor,
  tenantId: string,
  instructorId: string,
  zone: string,
) {
  const rows = await details.listTimeOff(db, tenantId, instructorId, {});
  for (const row of rows) {
    if (row.all_day !== 1) continue;
    const startsAt = startOfLocalDate(row.start_local, zone);
    const endsAt = startOfLocalDate(addDays(row.end_local, 1), zone);
    if (startsAt !== row.starts_at || endsAt !== row.ends_at) {
      await details.updateTimeOff(db, tenantId, row.id, { starts_at: startsAt, ends_at: endsAt });
    }
  }
}

function intervalOrThrow(input: Pick<TimeOffInput, "start" | "end">, zone: string): Interval {
  const resolved = resolveTimeOff(input, zone);
  if (Array.isArray(resolved)) throw validationFailed(resolved);
  return resolved;
}

export function createTimeOffService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const { db } = deps.database;
  return {
    async list(actor: Actor, instructorId: string, query: TimeOffQuery): Promise<TimeOff[]> {
      const { timeZone } = await requireInstructor(db, actor, instructorId, "reference:read");
      const rows = await details.listTimeOff(db, actor.tenantId, instructorId, {
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
      });
      return rows.map((row) => present(row, timeZone));
    },

    add: (actor: Actor, instructorId: string, input: TimeOffInput) =>
      db.transaction().execute(async (trx) => {
        const { timeZone } = await requireInstructor(trx, actor, instructorId, "reference:write", {
          selfService: true,
        });
        const now = deps.clock.now();
        const row: InstructorTimeOffTable = {
          tenant_id: actor.tenantId,
          id: newId(),
          instructor_id: instructorId,
          ...intervalOrThrow(input, timeZone),
          reason: input.reason,
          created_at: now,
          updated_at: now,
        };
        await details.insertTimeOff(trx, row);
        const created = present(row, timeZone);
        await recordAudit(trx, actor, now, {
          action: "create",
          entityType: "time_off",
          entityId: row.id,
          after: created,
        });
        return created;
      }),

    update: (actor: Actor, instructorId: string, id: string, patch: TimeOffPatch) =>
      db.transaction().execute(async (trx) => {
        const { timeZone } = await requireInstructor(trx, actor, instructorId, "reference:write", {
          selfService: true,
        });
        const row = await details.find(trx, "instructor_time_off", actor.tenantId, instructorId, id);
        if (!row) throw notFound("Time off", id);
        const before = present(row, timeZone);
        const now = deps.clock.now();
        const moved = patch.start !== undefined || patch.end !== undefined;
        const values = {
          ...(moved &&
            intervalOrThrow({ start: patch.start ?? before.start, end: patch.end ?? before.end }, timeZone)),
          reason: patch.reason === undefined ? row.reason : patch.reason,
          updated_at: now,
        };
        await details.updateTimeOff(trx, actor.tenantId, id, values);
        const after = present({ ...row, ...values }, timeZone);
        await recordAudit(trx, actor, now, {
          action: "update",
          entityType: "time_off",
          entityId: id,
          before,
          after,
        });
        return after;
      }),

    remove: (actor: Actor, instructorId: string, id: string) =>
      db.transaction().execute(async (trx) => {
        const { timeZone } = await requireInstructor(trx, actor, instructorId, "reference:write", {
          selfService: true,
        });
        const row = await details.find(trx, "instructor_time_off", actor.tenantId, instructorId, id);
        if (!row) throw notFound("Time off", id);
        await details.remove(trx, "instructor_time_off", actor.tenantId, id);
        await recordAudit(trx, actor, deps.clock.now(), {
          action: "delete",
          entityType: "time_off",
          entityId: id,
          before: present(row, timeZone),
        });
      }),
  };
}

export type TimeOffService = ReturnType<typeof createTimeOffService>;
