import { type Actor, authorize } from "../auth/actor.js";
import { AppError } from "../errors.js";
import { openEnrollment } from "./cancel-enrollment.js";
import { type EnrollmentDeps, inTransaction, presentEnrollment, recordChange } from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { Enrollment } from "./enrollments.schemas.js";

/** A coordinator moves a waitlisted learner to another position (audited with the reason); the rest shift. */
export function reorderWaitlist(
  deps: EnrollmentDeps,
  actor: Actor,
  id: string,
  input: { position: number; reason: string | null },
): Promise<Enrollment> {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const { row } = await openEnrollment(deps, trx, actor, id, now);
    if (row.status !== "waitlisted" || row.waitlist_position === null) {
      throw new AppError("conflict", `Enrollment ${id} is ${row.status}, not on the waitlist`, {
        errors: [{ path: "status", message: `not allowed from ${row.status}` }],
      });
    }
    const last = await enrollmentRepository.lastWaitlistPosition(trx, actor.tenantId, row.session_id);
    const from = row.waitlist_position;
    const to = Math.min(input.position, last);
    if (to === from) return presentEnrollment(row);
    await enrollmentRepository.update(trx, actor.tenantId, id, { waitlist_position: null });
    if (to < from) {
      await enrollmentRepository.shiftWaitlist(
        trx,
        actor.tenantId,
        row.session_id,
        { from: to, to: from - 1 },
        1,
      );
    } else {
      await enrollmentRepository.shiftWaitlist(
        trx,
        actor.tenantId,
        row.session_id,
        { from: from + 1, to },
        -1,
      );
    }
    const after = { ...row, waitlist_position: to, version: row.version + 1, updated_at: now };
    await enrollmentRepository.update(trx, actor.tenantId, id, {
      waitlist_position: to,
      version: after.version,
      updated_at: now,
    });
    await recordChange(trx, actor, now, row, after, {
      kind: "waitlist_reordered",
      event: null,
      reason: input.reason,
      data: { from, to },
    });
    return presentEnrollment(after);
  });
}
