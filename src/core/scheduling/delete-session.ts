import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import { AppError } from "../errors.js";
import { presentSession } from "./present-session.js";
import { inTransaction, loadRecord, type SchedulingDeps } from "./session-writes.js";
import { sessionRepository } from "./sessions.repository.js";

/** Only drafts are deleted; anything planned or later keeps its history and is cancelled instead. */
export function deleteSession(deps: SchedulingDeps, actor: Actor, id: string): Promise<void> {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const record = await loadRecord(trx, actor.tenantId, id);
    if (record.session.status !== "draft") {
      throw new AppError(
        "conflict",
        `Session ${id} is ${record.session.status}; cancel it instead of deleting it`,
      );
    }
    await sessionRepository.remove(trx, actor.tenantId, id);
    await recordAudit(trx, actor, deps.clock.now(), {
      action: "delete",
      entityType: "session",
      entityId: id,
      before: presentSession(record),
    });
  });
}
