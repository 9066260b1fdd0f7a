import { z } from "zod";
import type { Actor } from "../auth/actor.js";
import { AppError } from "../errors.js";
import { toIso } from "../shared/clock.js";
import { isClientContact, isLearner } from "./client-scope.js";
import { type EnrollmentDeps, presentEnrollment } from "./enrollment-writes.js";
import { enrollmentSchema } from "./enrollments.schemas.js";
import { cutoffInstant, loadPolicy } from "./policies.js";
import { portalRepository } from "./portal.repository.js";

export const portalEnrollmentSchema = enrollmentSchema
  .extend({
    learnerName: z.string(),
    session: z.object({
      id: z.string(),
      courseId: z.string(),
      courseCode: z.string(),
      title: z.string(),
      status: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      timeZone: z.string(),
    }),
    cancelUntil: z.string().meta({ description: "The cancellation cut-off of an enrolled learner" }),
    transferUntil: z.string().meta({ description: "The transfer cut-off" }),
  })
  .meta({ id: "PortalEnrollment" });
export type PortalEnrollment = z.infer<typeof portalEnrollmentSchema>;

const LIMIT = 500;

/**
 * What a portal shows: a learner's own registrations, or a client contact's employees', with the
 * session they are for and the cut-offs that bind them. Staff use the enrollment lists instead.
 */
export async function listPortalEnrollments(deps: EnrollmentDeps, actor: Actor): Promise<PortalEnrollment[]> {
  const { db } = deps.database;
  let scope: { learnerId?: string; clientId?: string };
  if (isLearner(actor) && actor.learnerId) scope = { learnerId: actor.learnerId };
  else if (isClientContact(actor) && actor.clientId) scope = { clientId: actor.clientId };
  else throw new AppError("forbidden", "The portal lists are for learners and client contacts");
  const rows = await portalRepository.enrollmentsOf(db, actor.tenantId, scope, LIMIT);
  const policies = new Map<string, Awaited<ReturnType<typeof loadPolicy>>>();
  const items: PortalEnrollment[] = [];
  for (const row of rows) {
    let policy = policies.get(row.session_id);
    if (!policy) {
      policy = await loadPolicy(db, actor.tenantId, { id: row.session_id, course_id: row.course_id });
      policies.set(row.session_id, policy);
    }
    items.push({
      ...presentEnrollment(row),
      learnerName: row.learner_name,
      session: {
        id: row.session_id,
        courseId: row.course_id,
        courseCode: row.course_code,
        title: row.session_title ?? row.course_title,
        status: row.session_status,
        startsAt: toIso(row.starts_at),
        endsAt: toIso(row.ends_at),
        timeZone: row.time_zone,
      },
      cancelUntil: toIso(cutoffInstant(row.starts_at, policy.cancellationCutoffHours)),
      transferUntil: toIso(cutoffInstant(row.starts_at, policy.transferCutoffHours)),
    });
  }
  return items;
}
