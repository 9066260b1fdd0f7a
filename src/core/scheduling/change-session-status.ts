import { type Actor, authorize } from "../auth/actor.js";
import { enrollmentRepository } from "../enrollments/enrollments.repository.js";
import { AppError } from "../errors.js";
import { publishEvents } from "../events/publish-event.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import { bookingRepository } from "./bookings.repository.js";
import { HOLDS_BOOKINGS } from "./build-bookings.js";
import { type Impact, impactOf } from "./impact.js";
import { prepareSession } from "./prepare-session.js";
import { presentSession } from "./present-session.js";
import { statusChangedEvents } from "./session-domain-events.js";
import { inputFromRecord } from "./session-input.js";
import {
  auditSession,
  checkAndSave,
  inTransaction,
  loadRecord,
  recordSessionEvent,
  type SchedulingDeps,
} from "./session-writes.js";
import { sessionRepository } from "./sessions.repository.js";
import type { Session, SessionStatus } from "./sessions.schemas.js";

/** The lifecycle: which status may follow which. */
export const transitions: Record<SessionStatus, readonly SessionStatus[]> = {
  draft: ["planned", "cancelled"],
  planned: ["draft", "confirmed", "postponed", "cancelled"],
  confirmed: ["planned", "in_progress", "postponed", "cancelled"],
  in_progress: ["completed", "cancelled"],
  postponed: ["draft", "planned", "cancelled"],
  completed: [],
  cancelled: [],
};

export interface StatusChange {
  status: SessionStatus;
  reason: string | null;
  override: { reason: string } | null;
}

/**
 * Moves a session along its lifecycle. Cancelling or postponing releases every booking and
 * records the impact; bringing a postponed session back re-books it through the conflict check.
 */
export function changeSessionStatus(
  deps: SchedulingDeps,
  actor: Actor,
  id: string,
  change: StatusChange,
): Promise<{ session: Session; impact: Impact | null }> {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    // Lock the session first (PostgreSQL), as enrollment writes do: no learner is enrolled meanwhile.
    await enrollmentRepository.lockSession(trx, deps.database.dialect, actor.tenantId, id);
    const before = await loadRecord(trx, actor.tenantId, id);
    const from = before.session.status as SessionStatus;
    if (from === change.status) return { session: presentSession(before), impact: null };
    if (!transitions[from].includes(change.status)) {
      const allowed = transitions[from].join(", ") || "none";
      throw new AppError(
        "conflict",
        `A ${from} session cannot become ${change.status} (allowed: ${allowed})`,
        {
          errors: [{ path: "status", message: `not allowed from ${from}` }],
        },
      );
    }
    let impact: Impact | null = null;
    if (!HOLDS_BOOKINGS(change.status)) {
      await bookingRepository.deleteForSession(trx, actor.tenantId, id);
      await sessionRepository.update(trx, actor.tenantId, id, {
        status: change.status,
        updated_at: now,
        version: before.session.version + 1,
      });
      impact = impactOf(before, null, await enrollmentRepository.affectedLearnerIds(trx, actor.tenantId, id));
    } else if (!HOLDS_BOOKINGS(from)) {
      // Coming back from postponed: the resources must still be free.
      const tenant = await loadTenant(trx, actor.tenantId);
      const prepared = await prepareSession(trx, actor, tenant, inputFromRecord(before), before, now);
      prepared.record.session.status = change.status;
      await checkAndSave(deps, trx, actor, prepared, before, change.override);
    } else {
      await sessionRepository.update(trx, actor.tenantId, id, {
        status: change.status,
        updated_at: now,
        version: before.session.version + 1,
      });
    }
    const after = await loadRecord(trx, actor.tenantId, id);
    await recordSessionEvent(trx, actor, now, id, {
      kind: "status",
      fromStatus: from,
      toStatus: change.status,
      reason: change.reason,
      data: impact ? { impact } : undefined,
    });
    await auditSession(trx, actor, now, `status:${change.status}`, before, after);
    await publishEvents(trx, actor, now, statusChangedEvents(after, from, change.status, change.reason));
    return { session: presentSession(after), impact };
  });
}
