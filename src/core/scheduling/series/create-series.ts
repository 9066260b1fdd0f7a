import { type Actor, authorize } from "../../auth/actor.js";
import { AppError } from "../../errors.js";
import { publishEvents } from "../../events/publish-event.js";
import { newId } from "../../shared/ids.js";
import { loadTenant } from "../../tenancy/tenancy.service.js";
import { addDays } from "../../time/zoned.js";
import { loadConflictContext } from "../conflict-context.js";
import { findConflicts } from "../engine/find-conflicts.js";
import { prepareSession } from "../prepare-session.js";
import { presentConflicts, presentSession } from "../present-session.js";
import { sessionCreatedEvents } from "../session-domain-events.js";
import {
  auditSession,
  checkAndSave,
  inTransaction,
  loadRecord,
  recordSessionEvent,
  type SchedulingDeps,
} from "../session-writes.js";
import type { ConflictView, Session, SessionInput } from "../sessions.schemas.js";
import { occurrences, parseRecurrence } from "./recurrence.js";
import { seriesRepository } from "./series.repository.js";
import type { SeriesInput } from "./series.schemas.js";

export interface OccurrenceReport {
  date: string;
  conflicts: ConflictView[];
}

/**
 * Creates one session per occurrence of an RRULE, all or none: each occurrence is checked (and,
 * unless it is a dry run, booked) in turn inside one transaction, so later occurrences also see
 * the earlier ones. Any refused occurrence rolls the whole series back; the 409 lists them all.
 */
export async function createSeries(
  deps: SchedulingDeps,
  actor: Actor,
  input: SeriesInput,
): Promise<{ seriesId: string | null; sessions: Session[]; occurrences: OccurrenceReport[] }> {
  authorize(actor, "reference:write");
  const recurrence = parseRecurrence(input.rrule);
  if (typeof recurrence === "string") {
    throw new AppError("validation_failed", `rrule: ${recurrence}`, {
      errors: [{ path: "rrule", message: recurrence }],
    });
  }
  const dates = occurrences(recurrence, input.start, input.exceptions);
  if (dates.length === 0) {
    throw new AppError("validation_failed", "rrule: the series has no occurrence", {
      errors: [{ path: "rrule", message: "has no occurrence" }],
    });
  }
  const { rrule: _rrule, start: _start, exceptions: _exceptions, pattern, dryRun, ...base } = input;
  const inputFor = (date: string): SessionInput => ({
    ...base,
    segments: pattern.map((part) => {
      const day = addDays(date, part.dayOffset);
      return { start: `${day}T${part.startTime}`, end: `${day}T${part.endTime}`, roomId: part.roomId };
    }),
  });

  if (dryRun) {
    const { db } = deps.database;
    const tenant = await loadTenant(db, actor.tenantId);
    const reports: OccurrenceReport[] = [];
    for (const date of dates) {
      const prepared = await prepareSession(db, actor, tenant, inputFor(date), null, deps.clock.now());
      const context = await loadConflictContext(db, actor.tenantId, {
        course: prepared.course,
        proposal: prepared.proposal,
      });
      const conflicts = findConflicts(prepared.proposal, context);
      reports.push({
        date,
        conflicts: presentConflicts(
          conflicts,
          prepared.proposal.segments.map((s) => s.key),
        ),
      });
    }
    return { seriesId: null, sessions: [], occurrences: reports };
  }

  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const tenant = await loadTenant(trx, actor.tenantId);
    const seriesId = newId();
    await seriesRepository.insert(trx, {
      tenant_id: actor.tenantId,
      id: seriesId,
      rrule: input.rrule,
      time_zone: input.timeZone,
      exceptions_json: JSON.stringify(input.exceptions),
      created_at: now,
      updated_at: now,
    });
    const reports: OccurrenceReport[] = [];
    const sessions: Session[] = [];
    for (const date of dates) {
      const prepared = await prepareSession(trx, actor, tenant, inputFor(date), null, now);
      prepared.record.session.series_id = seriesId;
      try {
        await checkAndSave(deps, trx, actor, prepared, null, input.override);
        reports.push({ date, conflicts: [] });
      } catch (error) {
        if (!(error instanceof AppError && Array.isArray(error.details.conflicts))) throw error;
        reports.push({ date, conflicts: error.details.conflicts as ConflictView[] });
        continue;
      }
      const created = await loadRecord(trx, actor.tenantId, prepared.record.session.id);
      await recordSessionEvent(trx, actor, now, created.session.id, {
        kind: "created",
        toStatus: created.session.status,
        data: { seriesId },
      });
      await auditSession(trx, actor, now, "create", null, created);
      await publishEvents(trx, actor, now, sessionCreatedEvents(created));
      sessions.push(presentSession(created));
    }
    const refused = reports.filter((report) => report.conflicts.length > 0);
    if (refused.length > 0) {
      throw new AppError(
        "conflict",
        `${refused.length} of ${dates.length} occurrences have conflicts (first on ${refused[0]!.date}); nothing was created`,
        {
          occurrences: refused,
          conflicts: refused[0]!.conflicts,
        },
      );
    }
    return { seriesId, sessions, occurrences: reports };
  });
}
