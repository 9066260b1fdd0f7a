import { recordAudit } from "../audit/audit.service.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { InstructorQualificationsTable } from "../db/schema.js";
import { notFound, throwIfErrors } from "../errors.js";
import { type Clock, toIso } from "../shared/clock.js";
import { checkReferences } from "../shared/entity-service.js";
import { newId } from "../shared/ids.js";
import { parseInput } from "../shared/parse-input.js";
import { patchOf } from "../shared/schemas.js";
import { requireInstructor } from "./instructor-access.js";
import { instructorDetailsRepository as details } from "./instructor-details.repository.js";
import {
  type Qualification,
  type QualificationInput,
  qualificationInputSchema,
} from "./instructors.schemas.js";

export const qualificationPatchSchema = patchOf(qualificationInputSchema);
export type QualificationPatch = typeof qualificationPatchSchema._zod.output;

export const presentQualification = (row: InstructorQualificationsTable): Qualification => ({
  id: row.id,
  instructorId: row.instructor_id,
  courseId: row.course_id,
  skill: row.skill,
  level: row.level,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  notes: row.notes,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

const columns = (input: QualificationInput) => ({
  course_id: input.courseId,
  skill: input.skill,
  level: input.level,
  valid_from: input.validFrom,
  valid_until: input.validUntil,
  notes: input.notes,
});

export function createQualificationService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const { db } = deps.database;

  const checkCourse = (
    executor: typeof db,
    actor: Actor,
    input: QualificationInput,
    keptCourseId?: string | null,
  ) =>
    checkReferences(executor, actor.tenantId, [
      { table: "courses", id: input.courseId, kept: keptCourseId, path: "courseId", label: "course" },
    ]);

  return {
    async list(actor: Actor, instructorId: string): Promise<Qualification[]> {
      await requireInstructor(db, actor, instructorId, "reference:read");
      return (await details.listQualifications(db, actor.tenantId, instructorId)).map(presentQualification);
    },

    add: (actor: Actor, instructorId: string, input: QualificationInput) =>
      db.transaction().execute(async (trx) => {
        await requireInstructor(trx, actor, instructorId, "reference:write");
        throwIfErrors(await checkCourse(trx, actor, input));
        const now = deps.clock.now();
        const row: InstructorQualificationsTable = {
          tenant_id: actor.tenantId,
          id: newId(),
          instructor_id: instructorId,
          ...columns(input),
          created_at: now,
          updated_at: now,
        };
        await details.insertQualifications(trx, [row]);
        const created = presentQualification(row);
        await recordAudit(trx, actor, now, {
          action: "create",
          entityType: "qualification",
          entityId: row.id,
          after: created,
        });
        return created;
      }),

    update: (actor: Actor, instructorId: string, id: string, patch: QualificationPatch) =>
      db.transaction().execute(async (trx) => {
        await requireInstructor(trx, actor, instructorId, "reference:write");
        const row = await details.find(trx, "instructor_qualifications", actor.tenantId, instructorId, id);
        if (!row) throw notFound("Qualification", id);
        const before = presentQualification(row);
        const merged = parseInput(qualificationInputSchema, { ...before, ...patch });
        throwIfErrors(await checkCourse(trx, actor, merged, row.course_id));
        const now = deps.clock.now();
        const values = { ...columns(merged), updated_at: now };
        await details.updateQualification(trx, actor.tenantId, id, values);
        const after = presentQualification({ ...row, ...values });
        await recordAudit(trx, actor, now, {
          action: "update",
          entityType: "qualification",
          entityId: id,
          before,
          after,
        });
        return after;
      }),

    remove: (actor: Actor, instructorId: string, id: string) =>
      db.transaction().execute(async (trx) => {
        await requireInstructor(trx, actor, instructorId, "reference:write");
        const row = await details.find(trx, "instructor_qualifications", actor.tenantId, instructorId, id);
        if (!row) throw notFound("Qualification", id);
        await details.remove(trx, "instructor_qualifications", actor.tenantId, id);
        await recordAudit(trx, actor, deps.clock.now(), {
          action: "delete",
          entityType: "qualification",
          entityId: id,
          before: presentQualification(row),
        });
      }),
  };
}

export type QualificationService = ReturnType<typeof createQualificationService>;
