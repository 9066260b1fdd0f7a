import { recordAudit } from "../audit/audit.service.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { InstructorAvailabilityTable } from "../db/schema.js";
import { type FieldError, throwIfErrors } from "../errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { requireInstructor } from "./instructor-access.js";
import { instructorDetailsRepository as details } from "./instructor-details.repository.js";
import type { Availability, AvailabilityInput, AvailabilityRule } from "./instructors.schemas.js";

const presentRule = (row: InstructorAvailabilityTable) => ({
  weekday: row.weekday,
  startTime: row.start_time,
  endTime: row.end_time,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
});

const validityOverlaps = (a: AvailabilityRule, b: AvailabilityRule) =>
  (a.validFrom ?? "0000-01-01") <= (b.validUntil ?? "9999-12-31") &&
  (b.validFrom ?? "0000-01-01") <= (a.validUntil ?? "9999-12-31");

/** Rules of one weekday whose hours and validity both overlap are almost always typing mistakes. */
export function findOverlappingRules(rules: AvailabilityRule[]): FieldError[] {
  const errors: FieldError[] = [];
  rules.forEach((rule, index) => {
    const clash = rules.findIndex(
      (other, otherIndex) =>
        otherIndex < index &&
        other.weekday === rule.weekday &&
        other.startTime < rule.endTime &&
        rule.startTime < other.endTime &&
        validityOverlaps(other, rule),
    );
    if (clash >= 0)
      errors.push({
        path: `rules.${index}`,
        message: `overlaps rule ${clash} on the same weekday`,
        code: "overlap",
      });
  });
  return errors;
}

export function createAvailabilityService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const { db } = deps.database;
  return {
    async get(actor: Actor, instructorId: string): Promise<Availability> {
      const { timeZone } = await requireInstructor(db, actor, instructorId, "reference:read");
      const rows = await details.listAvailability(db, actor.tenantId, instructorId);
      return { instructorId, timeZone, rules: rows.map(presentRule) };
    },

    /** Replaces the whole weekly pattern (what an availability editor saves). */
    replace: (actor: Actor, instructorId: string, input: AvailabilityInput) =>
      db.transaction().execute(async (trx): Promise<Availability> => {
        const { timeZone } = await requireInstructor(trx, actor, instructorId, "reference:write", {
          selfService: true,
        });
        throwIfErrors(findOverlappingRules(input.rules));
        const before = (await details.listAvailability(trx, actor.tenantId, instructorId)).map(presentRule);
        const now = deps.clock.now();
        const rows: InstructorAvailabilityTable[] = input.rules.map((rule) => ({
          tenant_id: actor.tenantId,
          id: newId(),
          instructor_id: instructorId,
          weekday: rule.weekday,
          start_time: rule.startTime,
          end_time: rule.endTime,
          valid_from: rule.validFrom,
          valid_until: rule.validUntil,
          created_at: now,
          updated_at: now,
        }));
        await details.replaceAvailability(trx, actor.tenantId, instructorId, rows);
        const after = (await details.listAvailability(trx, actor.tenantId, instructorId)).map(presentRule);
        await recordAudit(trx, actor, now, {
          action: "update",
          entityType: "instructor_availability",
          entityId: instructorId,
          before,
          after,
        });
        return { instructorId, timeZone, rules: after };
      }),
  };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
