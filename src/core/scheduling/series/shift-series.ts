import { type Actor, authorize } from "../../auth/actor.js";
import { enrollmentRepository } from "../../enrollments/enrollments.repository.js";
import { AppError, notFound } from "../../errors.js";
import { publishEvents } from "../../events/publish-event.js";
import { loadTenant } from "../../tenancy/tenancy.service.js";
import { addDays } from "../../time/zoned.js";
import { bookingRepository } from "../bookings.repository.js";
import { impactOf } from "../impact.js";
import { prepareSession } from "../prepare-session.js";
import { presentSession } from "../present-session.js";
import { sessionUpdatedEvents } from "../session-domain-events.js";
import { inputFromRecord } from "../session-input.js";
import {
  auditSession,
  checkAndSave,
  inTransaction,
  loadRecord,
  recordSessionEvent,
  type SchedulingDeps,
} from "../session-writes.js";
import { sessionRepository } from "../sessions.repository.js";
import type { ConflictView, Session } from "../sessions.schemas.js";
import { seriesRepository } from "./series.repository.js";
import type { ShiftInput } from "./series.schemas.js";

/**
 * Moves every session of a series that has not started yet by whole days (same wall-clock
 * times), all or none: each move is re-checked, and one refused move keeps them all in place.
 */
export function shiftSeries(
  deps: SchedulingDeps,
  actor: Actor,
  seriesId: string,
  shift: ShiftInput,
): Promise<{ sessions: Session[] }> {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    if (!(await seriesRepository.find(trx, actor.tenantId, seriesId))) throw notFound("Series", seriesId);
    const tenant = await loadTenant(trx, actor.tenantId);
    const rows = await seriesRepository.movableSessions(trx, actor.tenantId, seriesId, now);
    const records = await sessionRepository.loadRecords(trx, actor.tenantId, rows);
    // Release all first, so the sessions of the series never conflict with their own old dates.
    for (const record of records)
      await bookingRepository.deleteForSession(trx, actor.tenantId, record.session.id);
    const refused: { sessionId: string; conflicts: ConflictView[] }[] = [];
    const sessions: Session[] = [];
    for (const record of records) {
      const input = inputFromRecord(record);
      const move = (local: string) => `${addDays(local.slice(0, 10), shift.days)}${local.slice(10)}`;
      const moved = {
        ...input,
        segments: input.segments.map((s) => ({ ...s, start: move(s.start), end: move(s.end) })),
      };
      const prepared = await prepareSession(trx, actor, tenant, moved, record, now);
      try {
        await checkAndSave(deps, trx, actor, prepared, record, shift.override);
      } catch (error) {
        if (!(error instanceof AppError && Array.isArray(error.details.conflicts))) throw error;
        refused.push({ sessionId: record.session.id, conflicts: error.details.conflicts as ConflictView[] });
        continue;
      }
      const after = await loadRecord(trx, actor.tenantId, record.session.id);
      await recordSessionEvent(trx, actor, now, record.session.id, {
        kind: "rescheduled",
        reason: shift.reason,
        data: {
          impact: impactOf(
            record,
            after,
            await enrollmentRepository.affectedLearnerIds(trx, actor.tenantId, record.session.id),
          ),
          seriesShiftDays: shift.days,
        },
      });
      await auditSession(trx, actor, now, "reschedule", record, after);
      await publishEvents(trx, actor, now, sessionUpdatedEvents(record, after, true, shift.reason));
      sessions.push(presentSession(after));
    }
    if (refused.length > 0) {
      throw new AppError(
        "conflict",
        `${refused.length} of ${records.length} sessions cannot move by ${shift.days} days; none moved`,
        {
          sessions: refused,
          conflicts: refused[0]!.conflicts,
        },
      );
    }
    return { sessions };
  });
}
