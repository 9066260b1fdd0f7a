import type { Actor } from "../auth/actor.js";
import { AppError, notFound } from "../errors.js";
import {
  assertClientRecord,
  assertMayOverride,
  assertSessionOpenTo,
  authorizeOrOwn,
} from "./client-scope.js";
import {
  changeStatus,
  type EnrollmentDeps,
  inTransaction,
  lockLearners,
  presentEnrollment,
  removeLearnerBookings,
} from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { Enrollment, TransferInput } from "./enrollments.schemas.js";
import { placeLearner } from "./place-learner.js";
import { assertBeforeCutoff } from "./policies.js";
import { fillFreedSeats, openSession } from "./waitlist.js";

/**
 * Moves an enrolled learner to another session of the same course, within the transfer cut-off.
 * The new enrollment keeps the price and payment of the old one; a seat must be free there.
 * The old seat goes to the waitlist of the old session.
 */
export function transferEnrollment(
  deps: EnrollmentDeps,
  actor: Actor,
  id: string,
  input: TransferInput,
): Promise<{ from: Enrollment; to: Enrollment }> {
  authorizeOrOwn(actor, "reference:write");
  assertMayOverride(actor, input.override);
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const first = await enrollmentRepository.find(trx, actor.tenantId, id);
    if (!first) throw notFound("Enrollment", id);
    assertClientRecord(actor, "Enrollment", first);
    if (first.session_id === input.toSessionId) {
      throw new AppError("validation_failed", "toSessionId: is the session the learner is in already", {
        errors: [{ path: "toSessionId", message: "is the session the learner is in already" }],
      });
    }
    // Both sessions, locked in id order so two opposite transfers cannot deadlock.
    const [firstId, secondId] = [first.session_id, input.toSessionId].sort();
    const scopes = new Map([
      [firstId!, await openSession(deps, trx, actor, firstId!, now)],
      [secondId!, await openSession(deps, trx, actor, secondId!, now)],
    ]);
    await lockLearners(deps, trx, actor.tenantId, [first.learner_id]);
    const source = scopes.get(first.session_id)!;
    const target = scopes.get(input.toSessionId)!;
    assertSessionOpenTo(actor, target.session);
    const row = (await enrollmentRepository.find(trx, actor.tenantId, id))!;
    if (row.status !== "enrolled") {
      throw new AppError(
        "conflict",
        `Only an enrolled learner can be transferred (this one is ${row.status})`,
        {
          errors: [{ path: "status", message: `not allowed from ${row.status}` }],
        },
      );
    }
    if (target.session.course_id !== source.session.course_id) {
      throw new AppError("validation_failed", "toSessionId: is a session of another course", {
        errors: [{ path: "toSessionId", message: "is a session of another course" }],
      });
    }
    assertBeforeCutoff(source.session, source.policy.transferCutoffHours, now, "transfer", input.override);
    await removeLearnerBookings(trx, actor.tenantId, row.session_id, row.learner_id);
    const created = await placeLearner(
      deps,
      trx,
      actor,
      target,
      {
        learnerId: row.learner_id,
        source: "transfer",
        skipApproval: true,
        requireSeat: true,
        priceMinor: row.price_minor,
        paymentStatus: row.payment_status,
        paymentReference: row.payment_reference,
        transferredFromId: row.id,
      },
      now,
    );
    const moved = await changeStatus(
      trx,
      actor,
      now,
      row,
      { status: "transferred", transferred_to_id: created.id, status_reason: input.reason },
      {
        kind: "transferred",
        event: "enrollment.transferred",
        reason: input.reason,
        data: input.override ? { override: input.override.reason } : undefined,
        payload: { toSessionId: target.session.id, toEnrollmentId: created.id },
      },
    );
    await fillFreedSeats(deps, trx, actor, source, now);
    return { from: presentEnrollment(moved), to: presentEnrollment(created) };
  });
}
