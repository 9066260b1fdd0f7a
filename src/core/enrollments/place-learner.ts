import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type { EnrollmentsTable } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { newId } from "../shared/ids.js";
import {
  addLearnerBookings,
  assertLearnerFree,
  assertOpen,
  type EnrollmentDeps,
  freeSeatsFor,
  recordChange,
  type SessionScope,
} from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";

export interface Placement {
  learnerId: string;
  source: "coordinator" | "bulk" | "client" | "self" | "transfer" | "substitute";
  /** Approval already given (approving, transferring). */
  skipApproval?: boolean;
  /** Refuse rather than waitlist when no seat is free (transfers). */
  requireSeat?: boolean;
  priceMinor?: number | null;
  paymentStatus?: string;
  paymentReference?: string | null;
  transferredFromId?: string | null;
}

/**
 * Registers one learner on a locked session: pending approval when the policy asks, enrolled
 * while a seat is free for them (reserved client seats count), else at the end of the waitlist.
 * Enrolled learners get their bookings, after the conflict engine confirms they sit nowhere else.
 */
export async function placeLearner(
  deps: EnrollmentDeps,
  trx: Executor,
  actor: Actor,
  scope: SessionScope,
  placement: Placement,
  now: number,
): Promise<EnrollmentsTable> {
  const { session, policy } = scope;
  assertOpen(session);
  const learner = await entityStore.find(trx, "learners", actor.tenantId, placement.learnerId);
  if (!learner) throw notFound("Learner", placement.learnerId);
  if (learner.archived_at !== null) {
    throw new AppError("validation_failed", "learnerId: the learner is archived", {
      errors: [{ path: "learnerId", message: "the learner is archived" }],
    });
  }
  const existing = await enrollmentRepository.findActive(trx, actor.tenantId, session.id, learner.id);
  if (existing) {
    throw new AppError("conflict", `${learner.name} is already ${existing.status} in this session`, {
      enrollmentId: existing.id,
    });
  }
  let status: "pending_approval" | "enrolled" | "waitlisted";
  if (policy.approvalRequired && !placement.skipApproval) status = "pending_approval";
  else if ((await freeSeatsFor(trx, actor.tenantId, scope, learner.client_id)) > 0) status = "enrolled";
  else if (placement.requireSeat) {
    throw new AppError("conflict", `Session ${session.id} has no free seat for ${learner.name}`);
  } else status = "waitlisted";

  if (status === "enrolled") await assertLearnerFree(trx, actor.tenantId, scope, learner);
  const position =
    status === "waitlisted"
      ? (await enrollmentRepository.lastWaitlistPosition(trx, actor.tenantId, session.id)) + 1
      : null;
  const row: EnrollmentsTable = {
    tenant_id: actor.tenantId,
    id: newId(),
    session_id: session.id,
    learner_id: learner.id,
    client_id: learner.client_id,
    status,
    waitlist_position: position,
    offer_expires_at: null,
    source: placement.source,
    approved_by: null,
    approved_at: null,
    transferred_from_id: placement.transferredFromId ?? null,
    transferred_to_id: null,
    price_minor: placement.priceMinor === undefined ? session.price_minor : placement.priceMinor,
    currency: session.currency,
    payment_status: placement.paymentStatus ?? "unpaid",
    payment_reference: placement.paymentReference ?? null,
    passed: null,
    status_reason: null,
    completed_at: null,
    cancelled_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await enrollmentRepository.insert(trx, row);
  if (status === "enrolled") await addLearnerBookings(deps, trx, actor.tenantId, scope, learner.id, now);
  await recordChange(trx, actor, now, null, row, {
    kind: status,
    event: `enrollment.${status}`,
    payload: status === "waitlisted" ? { waitlistPosition: position } : {},
  });
  return row;
}
