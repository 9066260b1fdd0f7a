import { type Actor, authorize } from "../auth/actor.js";
import { entityStore } from "../db/entity-store.js";
import { AppError } from "../errors.js";
import { cancelRow, openEnrollment } from "./cancel-enrollment.js";
import {
  addLearnerBookings,
  assertLearnerFree,
  changeStatus,
  type EnrollmentDeps,
  inTransaction,
  presentEnrollment,
} from "./enrollment-writes.js";
import type { Enrollment } from "./enrollments.schemas.js";

/** A waitlisted learner offered a seat takes it (enrolled) or lets it go (cancelled; the next one is offered). */
export function respondToOffer(
  deps: EnrollmentDeps,
  actor: Actor,
  id: string,
  response: "accept" | "decline",
): Promise<Enrollment> {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const { row, scope } = await openEnrollment(deps, trx, actor, id, now);
    if (row.status !== "offered") {
      throw new AppError("conflict", `Enrollment ${id} is ${row.status}, not offered a seat`, {
        errors: [{ path: "status", message: `not allowed from ${row.status}` }],
      });
    }
    if (response === "decline") {
      return (
        await cancelRow(deps, trx, actor, scope, row, now, "offer_declined", {
          kind: "offer_declined",
          event: "enrollment.cancelled",
        })
      ).enrollment;
    }
    const learner = (await entityStore.find(trx, "learners", actor.tenantId, row.learner_id))!;
    await assertLearnerFree(trx, actor.tenantId, scope, learner);
    await addLearnerBookings(deps, trx, actor.tenantId, scope, row.learner_id, now);
    const after = await changeStatus(
      trx,
      actor,
      now,
      row,
      { status: "enrolled", offer_expires_at: null },
      { kind: "offer_accepted", event: "enrollment.enrolled" },
    );
    return presentEnrollment(after);
  });
}
