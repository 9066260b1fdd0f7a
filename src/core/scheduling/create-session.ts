import { type Actor, authorize } from "../auth/actor.js";
import { publishEvents } from "../events/publish-event.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import { prepareSession } from "./prepare-session.js";
import { presentSession } from "./present-session.js";
import { sessionCreatedEvents } from "./session-domain-events.js";
import {
  type Alongside,
  auditSession,
  checkAndSave,
  inTransaction,
  loadRecord,
  recordSessionEvent,
  type SchedulingDeps,
} from "./session-writes.js";
import type { Session, SessionInput } from "./sessions.schemas.js";

/** Creates a session with its bookings, or refuses with every conflict it would cause. */
export function createSession(
  deps: SchedulingDeps,
  actor: Actor,
  input: SessionInput,
  alongside?: Alongside,
): Promise<Session> {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const tenant = await loadTenant(trx, actor.tenantId);
    const prepared = await prepareSession(trx, actor, tenant, input, null, now);
    const { accepted } = await checkAndSave(deps, trx, actor, prepared, null, input.override);
    const created = await loadRecord(trx, actor.tenantId, prepared.record.session.id);
    await recordSessionEvent(trx, actor, now, created.session.id, {
      kind: "created",
      toStatus: created.session.status,
      reason: input.override?.reason,
      data: accepted.length > 0 ? { acceptedWarnings: accepted.map((c) => c.message) } : undefined,
    });
    await auditSession(trx, actor, now, "create", null, created, accepted, input.override);
    await publishEvents(trx, actor, now, sessionCreatedEvents(created));
    const session = presentSession(created);
    await alongside?.(trx, session);
    return session;
  });
}
