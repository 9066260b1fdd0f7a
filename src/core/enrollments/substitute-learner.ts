import { type Actor, authorize } from "../auth/actor.js";
import { entityStore } from "../db/entity-store.js";
import type { EnrollmentsTable } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { newId } from "../shared/ids.js";
import {
  addLearnerBookings,
  assertLearnerFree,
  assertOpen,
  changeStatus,
  type EnrollmentDeps,
  inTransaction,
  lockLearners,
  presentEnrollment,
  recordChange,
  removeLearnerBookings,
  SEAT_STATUSES,
} from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { Enrollment } from "./enrollments.schemas.js";
import { openSession } from "./waitlist.js";

const SUBSTITUTABLE = new Set(["pending_approval", "enrolled", "waitlisted", "offered"]);

/**
 * Replaces a registered learner by a colleague from the same client: the newcomer takes the
 * place as it is (seat, waitlist position or offer) with its price and payment; the original
 * registration is cancelled with the reason "substituted".
 */
export function substituteLearner(
  deps: EnrollmentDeps,
  actor: Actor,
  id: string,
  input: { learnerId: string; reason: string | null },
): Promise<{ from: Enrollment; to: Enrollment }> {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const first = await enrollmentRepository.find(trx, actor.tenantId, id);
    if (!first) throw notFound("Enrollment", id);
    const scope = await openSession(deps, trx, actor, first.session_id, now);
    await lockLearners(deps, trx, actor.tenantId, [first.learner_id, input.learnerId]);
    assertOpen(scope.session);
    const row = (await enrollmentRepository.find(trx, actor.tenantId, id))!;
    if (!SUBSTITUTABLE.has(row.status)) {
      throw new AppError("conflict", `A ${row.status} enrollment cannot be substituted`, {
        errors: [{ path: "status", message: `not allowed from ${row.status}` }],
      });
    }
    const learner = await entityStore.find(trx, "learners", actor.tenantId, input.learnerId);
    if (!learner) throw notFound("Learner", input.learnerId);
    const invalid = (message: string) =>
      new AppError("validation_failed", `learnerId: ${message}`, {
        errors: [{ path: "learnerId", message }],
      });
    if (learner.id === row.learner_id) throw invalid("is the learner being replaced");
    if (row.client_id === null || learner.client_id !== row.client_id) {
      throw invalid("must belong to the same client as the learner being replaced");
    }
    if (learner.archived_at !== null) throw invalid("the learner is archived");
    const existing = await enrollmentRepository.findActive(trx, actor.tenantId, row.session_id, learner.id);
    if (existing)
      throw new AppError("conflict", `${learner.name} is already ${existing.status} in this session`);
    const seated = SEAT_STATUSES.includes(row.status) && row.status !== "offered";
    if (seated) await assertLearnerFree(trx, actor.tenantId, scope, learner);

    await removeLearnerBookings(trx, actor.tenantId, row.session_id, row.learner_id);
    const replaced = await changeStatus(
      trx,
      actor,
      now,
      row,
      {
        status: "cancelled",
        waitlist_position: null,
        offer_expires_at: null,
        cancelled_at: now,
        status_reason: "substituted",
      },
      {
        kind: "substituted",
        event: "enrollment.cancelled",
        reason: input.reason ?? "substituted",
        data: { substitute: learner.id },
        payload: { reason: "substituted" },
      },
    );
    const created: EnrollmentsTable = {
      ...row,
      id: newId(),
      learner_id: learner.id,
      source: "substitute",
      transferred_from_id: row.id,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await enrollmentRepository.insert(trx, created);
    if (seated) await addLearnerBookings(deps, trx, actor.tenantId, scope, learner.id, now);
    await recordChange(trx, actor, now, null, created, {
      kind: "substitute",
      event: `enrollment.${created.status === "offered" ? "offered" : created.status}`,
      reason: input.reason,
      data: { replaces: row.id },
      payload:
        created.status === "waitlisted"
          ? { waitlistPosition: created.waitlist_position }
          : created.offer_expires_at
            ? { offerExpiresAt: new Date(created.offer_expires_at).toISOString() }
            : {},
    });
    return { from: presentEnrollment(replaced), to: presentEnrollment(created) };
  });
}
