import type { Actor } from "../auth/actor.js";
import { entityStore } from "../db/entity-store.js";
import { AppError } from "../errors.js";
import { cancelRow, openEnrollment } from "./cancel-enrollment.js";
import { authorizeOrClient } from "./client-scope.js";
import {
  addLearnerBookings,
  assertLearnerFree,
  changeStatus,
  type EnrollmentDeps,
  freeSeatsFor,
  inTransaction,
  presentEnrollment,
} from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { Enrollment } from "./enrollments.schemas.js";

/**
 * Approves a registration waiting for a manager's or client's approval (it takes a free seat or
 * joins the end of the waitlist), or rejects it (cancelled, reason "rejected").
 */
export function decideApproval(
  deps: EnrollmentDeps,
  actor: Actor,
  id: string,
  decision: "approve" | "reject",
  reason: string | null,
): Promise<Enrollment> {
  // A client contact approves their own learners (openEnrollment hides other clients' rows).
  authorizeOrClient(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const { row, scope } = await openEnrollment(deps, trx, actor, id, now);
    if (row.status !== "pending_approval") {
      throw new AppError("conflict", `Enrollment ${id} is ${row.status}, not pending approval`, {
        errors: [{ path: "status", message: `not allowed from ${row.status}` }],
      });
    }
    if (decision === "reject") {
      return (
        await cancelRow(deps, trx, actor, scope, row, now, reason ?? "rejected", {
          kind: "rejected",
          event: "enrollment.rejected",
        })
      ).enrollment;
    }
    const approval = { approved_by: actor.id ?? actor.label, approved_at: now };
    if ((await freeSeatsFor(trx, actor.tenantId, scope, row.client_id)) > 0) {
      const learner = (await entityStore.find(trx, "learners", actor.tenantId, row.learner_id))!;
      await assertLearnerFree(trx, actor.tenantId, scope, learner);
      await addLearnerBookings(deps, trx, actor.tenantId, scope, row.learner_id, now);
      const after = await changeStatus(
        trx,
        actor,
        now,
        row,
        { status: "enrolled", ...approval },
        { kind: "approved", event: "enrollment.approved", reason },
      );
      return presentEnrollment(after);
    }
    const position =
      (await enrollmentRepository.lastWaitlistPosition(trx, actor.tenantId, row.session_id)) + 1;
    const after = await changeStatus(
      trx,
      actor,
      now,
      row,
      { status: "waitlisted", waitlist_position: position, ...approval },
      { kind: "approved", event: "enrollment.approved", reason, payload: { waitlistPosition: position } },
    );
    return presentEnrollment(after);
  });
}
