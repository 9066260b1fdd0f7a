import { type Actor, authorize } from "../auth/actor.js";
import { enrollmentRepository } from "../enrollments/enrollments.repository.js";
import { applyCapacityChange } from "../enrollments/waitlist.js";
import { AppError } from "../errors.js";
import { publishEvents } from "../events/publish-event.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import { type Impact, impactOf } from "./impact.js";
import { prepareSession } from "./prepare-session.js";
import { presentSession } from "./present-session.js";
import { sessionUpdatedEvents } from "./session-domain-events.js";
import { mergePatch } from "./session-input.js";
import {
  type Alongside,
  auditSession,
  checkAndSave,
  inTransaction,
  loadRecord,
  recordSessionEvent,
  type SchedulingDeps,
} from "./session-writes.js";
import type { Session, SessionPatch } from "./sessions.schemas.js";

const FROZEN = new Set(["cancelled", "completed"]);

/**
 * Changes a session, re-checking every conflict against the world as it is now. When its times
 * move, the change is a reschedule: recorded with its impact (people, rooms, learners) and history.
 */
export function updateSession(
  deps: SchedulingDeps,
  actor: Actor,
  id: string,
  patch: SessionPatch,
  alongside?: Alongside,
): Promise<{ session: Session; impact: Impact }> {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const before = await loadRecord(trx, actor.tenantId, id);
    if (FROZEN.has(before.session.status)) {
      throw new AppError(
        "conflict",
        `Session ${id} is ${before.session.status} and can no longer be changed`,
      );
    }
    const tenant = await loadTenant(trx, actor.tenantId);
    const prepared = await prepareSession(trx, actor, tenant, mergePatch(before, patch), before, now);
    const { accepted } = await checkAndSave(deps, trx, actor, prepared, before, patch.override);
    if (prepared.record.session.max_seats !== before.session.max_seats) {
      await applyCapacityChange(deps, trx, actor, id, before.session.max_seats, now);
    }
    const after = await loadRecord(trx, actor.tenantId, id);
    const impact = impactOf(
      before,
      after,
      await enrollmentRepository.affectedLearnerIds(trx, actor.tenantId, id),
    );
    await recordSessionEvent(trx, actor, now, id, {
      kind: impact.timesChanged ? "rescheduled" : "updated",
      reason: patch.reason ?? patch.override?.reason,
      data: {
        ...(impact.timesChanged && { impact }),
        ...(accepted.length > 0 && { acceptedWarnings: accepted.map((c) => c.message) }),
      },
    });
    await auditSession(
      trx,
      actor,
      now,
      impact.timesChanged ? "reschedule" : "update",
      before,
      after,
      accepted,
      patch.override,
    );
    await publishEvents(
      trx,
      actor,
      now,
      sessionUpdatedEvents(before, after, impact.timesChanged, patch.reason),
    );
    const session = presentSession(after);
    await alongside?.(trx, session);
    return { session, impact };
  });
}
