import { recordAudit } from "../audit/audit.service.js";
import type { Actor } from "../auth/actor.js";
import type { Database, Executor } from "../db/database.js";
import { constraintViolation } from "../db/sql.js";
import { enrollmentRepository } from "../enrollments/enrollments.repository.js";
import { AppError, notFound } from "../errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { bookingRepository } from "./bookings.repository.js";
import { buildBookings } from "./build-bookings.js";
import { loadConflictContext } from "./conflict-context.js";
import { findConflicts } from "./engine/find-conflicts.js";
import type { Conflict, ResourceType } from "./engine/types.js";
import type { PreparedSession } from "./prepare-session.js";
import { presentConflicts, presentSession } from "./present-session.js";
import { type SessionRecord, sessionRepository } from "./sessions.repository.js";
import type { Session } from "./sessions.schemas.js";

export interface SchedulingDeps {
  database: Pick<Database, "db" | "dialect">;
  clock: Clock;
}

/** Blocking conflicts are refused outright; warnings unless the write carries an override. */
export function judgeConflicts(
  conflicts: Conflict[],
  override: { reason: string } | null,
  segmentKeys: string[],
) {
  if (conflicts.length === 0) return;
  const blocking = conflicts.filter((conflict) => conflict.severity === "blocking");
  if (blocking.length === 0 && override) return;
  const views = presentConflicts(conflicts, segmentKeys);
  const message =
    blocking.length > 0
      ? `${blocking.length} blocking conflict${blocking.length === 1 ? "" : "s"}: ${blocking[0]!.message}`
      : `${conflicts.length} warning${conflicts.length === 1 ? "" : "s"} to accept with override.reason: ${conflicts[0]!.message}`;
  throw new AppError("conflict", message, { conflicts: views });
}

/** Every resource a session touches, before and after a change: the set to lock. */
export function resourcesOf(
  ...records: (Pick<SessionRecord, "segments" | "instructors" | "equipment"> | undefined)[]
) {
  const resources: Record<ResourceType, string[]> = { instructor: [], room: [], equipment: [], learner: [] };
  for (const record of records) {
    if (!record) continue;
    resources.instructor.push(...record.instructors.map((a) => a.instructor_id));
    resources.room.push(...record.segments.flatMap((s) => (s.room_id ? [s.room_id] : [])));
    resources.equipment.push(...record.equipment.map((e) => e.equipment_id));
  }
  return resources;
}

/**
 * The one write path for a session's schedule: lock its resources (fixed order), check the
 * proposal against what is booked now, refuse conflicts, then replace the rows and bookings.
 * Runs inside the caller's transaction, so the check and the write see the same world.
 */
export async function checkAndSave(
  deps: SchedulingDeps,
  trx: Executor,
  actor: Actor,
  prepared: PreparedSession,
  existing: SessionRecord | null,
  override: { reason: string } | null,
): Promise<{ accepted: Conflict[] }> {
  const { dialect } = deps.database;
  const { record, proposal } = prepared;
  // Enrolled learners move with the session: checked for double booking, and booked again.
  // The session row is locked first (as enrollment writes do), so the list cannot change meanwhile.
  if (existing) {
    await enrollmentRepository.lockSession(trx, dialect, actor.tenantId, existing.session.id);
    proposal.learnerIds = await enrollmentRepository.seatedLearnerIds(
      trx,
      actor.tenantId,
      existing.session.id,
    );
  }
  await bookingRepository.lockResources(trx, dialect, actor.tenantId, {
    ...resourcesOf(existing ?? undefined, record),
    learner: proposal.learnerIds,
  });
  const context = await loadConflictContext(trx, actor.tenantId, { course: prepared.course, proposal });
  const conflicts = findConflicts(proposal, context);
  judgeConflicts(
    conflicts,
    override,
    proposal.segments.map((s) => s.key),
  );
  if (existing) {
    await sessionRepository.update(trx, actor.tenantId, record.session.id, record.session);
    await sessionRepository.replaceChildren(trx, dialect, actor.tenantId, record.session.id, record);
  } else {
    await sessionRepository.insert(trx, dialect, record);
  }
  await bookingRepository.insertMany(
    trx,
    dialect,
    buildBookings(record, context.rooms, deps.clock.now(), newId, proposal.learnerIds),
  );
  return { accepted: conflicts };
}

/** Runs a scheduling write; the PostgreSQL exclusion constraint, the last net, answers like the engine would. */
/**
 * Work a caller adds to a session write's own transaction (a plan's apply report), so the write and
 * the caller's record of it commit or fail together.
 */
export type Alongside = (trx: Executor, session: Session) => Promise<void>;

export async function inTransaction<T>(
  deps: SchedulingDeps,
  work: (trx: Executor) => Promise<T>,
): Promise<T> {
  try {
    return await deps.database.db.transaction().execute(work);
  } catch (error) {
    const violation = constraintViolation(error);
    if (violation?.kind === "exclusion") {
      throw new AppError(
        "conflict",
        "An instructor or room was booked by another request at the same moment; check again",
        {
          conflicts: [],
        },
      );
    }
    throw error;
  }
}

export async function loadRecord(trx: Executor, tenantId: string, id: string): Promise<SessionRecord> {
  const session = await sessionRepository.find(trx, tenantId, id);
  if (!session) throw notFound("Session", id);
  const [record] = await sessionRepository.loadRecords(trx, tenantId, [session]);
  return record!;
}

export async function recordSessionEvent(
  trx: Executor,
  actor: Actor,
  at: number,
  sessionId: string,
  event: {
    kind: string;
    fromStatus?: string | null;
    toStatus?: string | null;
    reason?: string | null;
    data?: unknown;
  },
) {
  await sessionRepository.insertEvent(trx, {
    tenant_id: actor.tenantId,
    id: newId(),
    session_id: sessionId,
    occurred_at: at,
    kind: event.kind,
    from_status: event.fromStatus ?? null,
    to_status: event.toStatus ?? null,
    reason: event.reason ?? null,
    data_json: event.data === undefined ? null : JSON.stringify(event.data),
    actor_kind: actor.kind,
    actor_id: actor.id,
    actor_label: actor.label,
  });
}

/** Audit entry for a session write; accepted warnings and the override reason go with it. */
export async function auditSession(
  trx: Executor,
  actor: Actor,
  at: number,
  action: string,
  before: SessionRecord | null,
  after: SessionRecord,
  accepted: Conflict[] = [],
  override: { reason: string } | null = null,
) {
  await recordAudit(trx, actor, at, {
    action,
    entityType: "session",
    entityId: after.session.id,
    before: before ? presentSession(before) : undefined,
    after: {
      ...presentSession(after),
      ...(accepted.length > 0 && {
        acceptedWarnings: accepted.map((c) => c.message),
        override: override?.reason,
      }),
    },
  });
}
