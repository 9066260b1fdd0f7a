import { type Actor, authorize } from "../../auth/actor.js";
import { publishEvents } from "../../events/publish-event.js";
import { loadTenant } from "../../tenancy/tenancy.service.js";
import { addDays } from "../../time/zoned.js";
import { loadConflictContext } from "../conflict-context.js";
import { findConflicts } from "../engine/find-conflicts.js";
import { prepareSession } from "../prepare-session.js";
import { presentConflicts, presentSession } from "../present-session.js";
import { sessionCreatedEvents } from "../session-domain-events.js";
import { inputFromRecord } from "../session-input.js";
import {
  auditSession,
  checkAndSave,
  inTransaction,
  loadRecord,
  recordSessionEvent,
  type SchedulingDeps,
} from "../session-writes.js";
import type { ConflictView, Session, SessionInput } from "../sessions.schemas.js";
import type { CloneInput } from "./series.schemas.js";

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Copies a session to new dates (same wall-clock times). Instructors, rooms and equipment come
 * along where they are free then; the others are left out and reported, so the copy is saved
 * without conflicts and the coordinator sees what still needs staffing.
 */
export function cloneSession(
  deps: SchedulingDeps,
  actor: Actor,
  id: string,
  clone: CloneInput,
): Promise<{ session: Session; dropped: ConflictView[] }> {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const original = await loadRecord(trx, actor.tenantId, id);
    const tenant = await loadTenant(trx, actor.tenantId);
    const shift = daysBetween(original.session.start_date, clone.startDate);
    const move = (local: string) => `${addDays(local.slice(0, 10), shift)}${local.slice(10)}`;
    const source = inputFromRecord(original);
    let input: SessionInput = {
      ...source,
      status: clone.status,
      segments: source.segments.map((segment) => ({
        start: move(segment.start),
        end: move(segment.end),
        roomId: segment.roomId,
      })),
      instructors: source.instructors.map((assignment) => ({ ...assignment, respondBy: null })),
    };
    const first = await prepareSession(trx, actor, tenant, input, null, now);
    const context = await loadConflictContext(trx, actor.tenantId, {
      course: first.course,
      proposal: first.proposal,
    });
    const conflicts = findConflicts(first.proposal, context);
    const busy = (type: string) =>
      new Set(conflicts.filter((c) => c.resource.type === type).map((c) => c.resource.id));
    const [instructors, rooms, equipment] = [busy("instructor"), busy("room"), busy("equipment")];
    input = {
      ...input,
      segments: input.segments.map((s) => ({
        ...s,
        roomId: s.roomId && rooms.has(s.roomId) ? null : s.roomId,
      })),
      instructors: input.instructors.filter((a) => !instructors.has(a.instructorId)),
      equipment: input.equipment.filter((e) => !equipment.has(e.equipmentId)),
    };
    const prepared = await prepareSession(trx, actor, tenant, input, null, now);
    prepared.record.session.series_id = original.session.series_id;
    await checkAndSave(deps, trx, actor, prepared, null, null);
    const created = await loadRecord(trx, actor.tenantId, prepared.record.session.id);
    const dropped = presentConflicts(
      conflicts,
      first.proposal.segments.map((s) => s.key),
    );
    await recordSessionEvent(trx, actor, now, created.session.id, {
      kind: "created",
      toStatus: created.session.status,
      data: { clonedFrom: id, dropped: dropped.map((c) => c.message) },
    });
    await auditSession(trx, actor, now, "clone", null, created);
    await publishEvents(trx, actor, now, sessionCreatedEvents(created));
    return { session: presentSession(created), dropped };
  });
}
