import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { notFound } from "../errors.js";
import { assertClientRecord, assertMayOverride, authorizeOrOwn } from "./client-scope.js";
import {
  changeStatus,
  type EnrollmentDeps,
  inTransaction,
  lockLearners,
  presentEnrollment,
  removeLearnerBookings,
  SEAT_STATUSES,
  type SessionScope,
} from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { CancelInput, Enrollment } from "./enrollments.schemas.js";
import { assertBeforeCutoff } from "./policies.js";
import { fillFreedSeats, leaveWaitlist, openSession } from "./waitlist.js";

/** Reads an enrollment, then locks its learner and session and reads it again (the locked truth). */
export async function openEnrollment(
  deps: EnrollmentDeps,
  trx: Executor,
  actor: Actor,
  id: string,
  now: number,
) {
  const first = await enrollmentRepository.find(trx, actor.tenantId, id);
  if (!first) throw notFound("Enrollment", id);
  assertClientRecord(actor, "Enrollment", first);
  const scope = await openSession(deps, trx, actor, first.session_id, now);
  await lockLearners(deps, trx, actor.tenantId, [first.learner_id]);
  const row = (await enrollmentRepository.find(trx, actor.tenantId, id))!;
  return { row, scope };
}

/**
 * Cancels a registration. An enrolled learner is held to the cancellation cut-off (a coordinator
 * may pass it with an audited override). A freed seat goes to the waitlist per the policy.
 */
export function cancelEnrollment(
  deps: EnrollmentDeps,
  actor: Actor,
  id: string,
  input: CancelInput,
): Promise<{ enrollment: Enrollment; promoted: Enrollment[] }> {
  authorizeOrOwn(actor, "reference:write");
  assertMayOverride(actor, input.override);
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const { row, scope } = await openEnrollment(deps, trx, actor, id, now);
    if (row.status === "enrolled") {
      assertBeforeCutoff(scope.session, scope.policy.cancellationCutoffHours, now, "cancel", input.override);
    }
    return cancelRow(deps, trx, actor, scope, row, now, input.reason ?? "cancelled", {
      kind: "cancelled",
      event: "enrollment.cancelled",
      override: input.override,
    });
  });
}

/** Cancels a locked row (cancel, reject, decline, substitute) and hands its seat on. */
export async function cancelRow(
  deps: EnrollmentDeps,
  trx: Executor,
  actor: Actor,
  scope: SessionScope,
  row: Awaited<ReturnType<typeof enrollmentRepository.find>> & {},
  now: number,
  reason: string,
  how: { kind: string; event: string; override?: { reason: string } | null },
) {
  const heldSeat = SEAT_STATUSES.includes(row.status);
  const before = { ...row };
  if (row.status === "waitlisted") await leaveWaitlist(trx, actor.tenantId, row);
  await removeLearnerBookings(trx, actor.tenantId, row.session_id, row.learner_id);
  const after = await changeStatus(
    trx,
    actor,
    now,
    before,
    {
      status: "cancelled",
      waitlist_position: null,
      offer_expires_at: null,
      cancelled_at: now,
      status_reason: reason,
    },
    {
      kind: how.kind,
      event: how.event,
      reason,
      data: how.override ? { override: how.override.reason } : undefined,
      payload: { reason },
    },
  );
  const promoted = heldSeat ? await fillFreedSeats(deps, trx, actor, scope, now) : [];
  return { enrollment: presentEnrollment(after), promoted: promoted.map((p) => presentEnrollment(p)) };
}
