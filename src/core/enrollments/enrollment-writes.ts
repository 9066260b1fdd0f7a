import { recordAudit } from "../audit/audit.service.js";
import type { Actor } from "../auth/actor.js";
import type { Database, Executor } from "../db/database.js";
import type { EnrollmentsTable, LearnersTable, SessionSegmentsTable } from "../db/schema.js";
import { AppError } from "../errors.js";
import { publishEvents } from "../events/publish-event.js";
import { bookingRepository } from "../scheduling/bookings.repository.js";
import { HOLDS_BOOKINGS } from "../scheduling/build-bookings.js";
import { findConflicts } from "../scheduling/engine/find-conflicts.js";
import type { ConflictContext, Proposal } from "../scheduling/engine/types.js";
import { judgeConflicts } from "../scheduling/session-writes.js";
import type { Clock } from "../shared/clock.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { enrollmentRepository, SEAT_HOLDING, type SessionForEnrollment } from "./enrollments.repository.js";
import type { Enrollment, EnrollmentStatus, EnrollResult, Policy } from "./enrollments.schemas.js";

export interface EnrollmentDeps {
  database: Pick<Database, "db" | "dialect">;
  clock: Clock;
}

/** The learner lifecycle: which status may follow which. */
export const transitions: Record<EnrollmentStatus, readonly EnrollmentStatus[]> = {
  pending_approval: ["enrolled", "waitlisted", "cancelled"],
  waitlisted: ["enrolled", "offered", "cancelled"],
  offered: ["enrolled", "cancelled"],
  enrolled: ["cancelled", "transferred", "attended", "no_show", "completed", "failed"],
  attended: ["completed", "failed"],
  no_show: ["completed", "failed"],
  cancelled: [],
  transferred: [],
  completed: [],
  failed: [],
};

export function assertTransition(from: string, to: EnrollmentStatus) {
  const allowed = transitions[from as EnrollmentStatus] ?? [];
  if (allowed.includes(to)) return;
  throw new AppError(
    "conflict",
    `An enrollment that is ${from} cannot become ${to} (allowed: ${allowed.join(", ") || "none"})`,
    { errors: [{ path: "status", message: `not allowed from ${from}` }] },
  );
}

export const OPEN_SESSION = new Set(["draft", "planned", "confirmed", "in_progress"]);

export const inTransaction = <T>(deps: EnrollmentDeps, work: (trx: Executor) => Promise<T>) =>
  deps.database.db.transaction().execute(work);

export function presentEnrollment(row: EnrollmentsTable & { learner_name?: string }): Enrollment {
  return {
    id: row.id,
    sessionId: row.session_id,
    learnerId: row.learner_id,
    ...(row.learner_name !== undefined && { learnerName: row.learner_name }),
    clientId: row.client_id,
    status: row.status as EnrollmentStatus,
    waitlistPosition: row.waitlist_position,
    offerExpiresAt: toIsoOrNull(row.offer_expires_at),
    source: row.source,
    transferredFromId: row.transferred_from_id,
    transferredToId: row.transferred_to_id,
    priceMinor: row.price_minor,
    currency: row.currency,
    paymentStatus: row.payment_status,
    paymentReference: row.payment_reference,
    passed: row.passed === null ? null : row.passed === 1,
    statusReason: row.status_reason,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export const resultOf = (
  row: Pick<EnrollmentsTable, "id" | "status" | "waitlist_position">,
): EnrollResult => ({
  id: row.id,
  status: row.status as EnrollmentStatus,
  ...(row.waitlist_position !== null && { waitlistPosition: row.waitlist_position }),
});

/** What one enrollment write on a session works with, read once under the session lock. */
export interface SessionScope {
  session: SessionForEnrollment;
  segments: SessionSegmentsTable[];
  policy: Policy;
}

export function assertOpen(session: SessionForEnrollment) {
  if (!OPEN_SESSION.has(session.status)) {
    throw new AppError("conflict", `Session ${session.id} is ${session.status} and takes no enrollments`);
  }
}

/** PostgreSQL: lock learner rows (sorted), after the session (see openSession). */
export const lockLearners = (deps: EnrollmentDeps, trx: Executor, tenantId: string, learnerIds: string[]) =>
  bookingRepository.lockResources(trx, deps.database.dialect, tenantId, {
    instructor: [],
    room: [],
    equipment: [],
    learner: learnerIds,
  });

/** Seats a learner of `clientId` may take now: capacity minus seats taken minus other clients' unused reservations. */
export async function freeSeatsFor(
  trx: Executor,
  tenantId: string,
  scope: SessionScope,
  clientId: string | null,
) {
  const [taken, quotas] = await Promise.all([
    enrollmentRepository.seatsTaken(trx, tenantId, scope.session.id),
    enrollmentRepository.quotasOf(trx, tenantId, scope.session.id),
  ]);
  let reservedForOthers = 0;
  for (const quota of quotas) {
    if (quota.client_id === clientId) continue;
    reservedForOthers += Math.max(0, quota.seats - (taken.byClient.get(quota.client_id) ?? 0));
  }
  return scope.session.max_seats - taken.total - reservedForOthers;
}

/** Refuses (409 with the conflicts) when the learner already sits in an overlapping session. */
export async function assertLearnerFree(
  trx: Executor,
  tenantId: string,
  scope: SessionScope,
  learner: Pick<LearnersTable, "id" | "name">,
) {
  const conflicts = await learnerConflicts(trx, tenantId, scope, learner);
  judgeConflicts(
    conflicts,
    null,
    scope.segments.map((s) => s.id),
  );
}

export async function learnerConflicts(
  trx: Executor,
  tenantId: string,
  scope: SessionScope,
  learner: Pick<LearnersTable, "id" | "name">,
) {
  const { session, segments } = scope;
  if (segments.length === 0) return [];
  const proposal: Proposal = {
    sessionId: session.id,
    timeZone: session.time_zone,
    locationId: null,
    format: "vilt",
    maxSeats: session.max_seats,
    segments: segments.map((s) => ({
      key: s.id,
      start: s.starts_at,
      end: s.ends_at,
      startLocal: s.start_local,
      endLocal: s.end_local,
      roomId: null,
    })),
    instructors: [],
    equipment: [],
    learnerIds: [learner.id],
  };
  const bookings = await bookingRepository.findOverlapping(
    trx,
    tenantId,
    [learner.id],
    { from: session.starts_at, to: session.ends_at },
    session.id,
  );
  const context: ConflictContext = {
    course: {
      id: session.course_id,
      code: "",
      title: session.course_title,
      requiredQualifications: [],
      requiredRoomFeatures: [],
    },
    instructors: new Map(),
    rooms: new Map(),
    equipment: new Map(),
    learnerNames: new Map([[learner.id, learner.name]]),
    bookings,
    travelMinutes: () => null,
    locationName: (id) => id,
  };
  return findConflicts(proposal, context);
}

export async function addLearnerBookings(
  deps: EnrollmentDeps,
  trx: Executor,
  tenantId: string,
  scope: SessionScope,
  learnerId: string,
  now: number,
) {
  if (!HOLDS_BOOKINGS(scope.session.status)) return;
  await bookingRepository.insertMany(
    trx,
    deps.database.dialect,
    scope.segments.map((segment) => ({
      tenant_id: tenantId,
      id: newId(),
      resource_type: "learner",
      resource_id: learnerId,
      session_id: scope.session.id,
      segment_id: segment.id,
      starts_at: segment.starts_at,
      ends_at: segment.ends_at,
      busy_from: segment.starts_at,
      busy_to: segment.ends_at,
      quantity: 1,
      location_id: scope.session.location_id,
      created_at: now,
    })),
  );
}

export const removeLearnerBookings = (
  trx: Executor,
  tenantId: string,
  sessionId: string,
  learnerId: string,
) => bookingRepository.deleteForResource(trx, tenantId, sessionId, "learner", learnerId);

export const eventPayload = (row: Pick<EnrollmentsTable, "id" | "session_id" | "learner_id" | "status">) => ({
  enrollmentId: row.id,
  sessionId: row.session_id,
  learnerId: row.learner_id,
  status: row.status,
});

export interface Change {
  /** History kind, e.g. "enrolled", "promoted", "cancelled". */
  kind: string;
  /** Domain event type, e.g. "enrollment.cancelled"; null when consumers need not know (reordering). */
  event: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
  /** Extra domain event payload fields. */
  payload?: Record<string, unknown>;
}

/** Records a change already applied to `after`: history row, domain event and audit, in the caller's transaction. */
export async function recordChange(
  trx: Executor,
  actor: Actor,
  now: number,
  before: EnrollmentsTable | null,
  after: EnrollmentsTable,
  change: Change,
) {
  await enrollmentRepository.insertEvent(trx, {
    tenant_id: actor.tenantId,
    id: newId(),
    enrollment_id: after.id,
    session_id: after.session_id,
    occurred_at: now,
    kind: change.kind,
    from_status: before?.status ?? null,
    to_status: after.status,
    reason: change.reason ?? null,
    data_json: change.data ? JSON.stringify(change.data) : null,
    actor_kind: actor.kind,
    actor_id: actor.id,
    actor_label: actor.label,
  });
  if (change.event) {
    await publishEvents(trx, actor, now, [
      {
        type: change.event,
        entityType: "enrollment",
        entityId: after.id,
        sessionId: after.session_id,
        payload: { ...eventPayload(after), ...change.payload },
      },
    ]);
  }
  await recordAudit(trx, actor, now, {
    action: change.kind,
    entityType: "enrollment",
    entityId: after.id,
    before: before ? presentEnrollment(before) : undefined,
    after: { ...presentEnrollment(after), ...(change.reason && { reason: change.reason }) },
  });
}

/** Applies a status change to a row, with its history, event and audit. */
export async function changeStatus(
  trx: Executor,
  actor: Actor,
  now: number,
  before: EnrollmentsTable,
  values: Partial<EnrollmentsTable> & { status: EnrollmentStatus },
  change: Change,
): Promise<EnrollmentsTable> {
  assertTransition(before.status, values.status);
  const after: EnrollmentsTable = { ...before, ...values, version: before.version + 1, updated_at: now };
  await enrollmentRepository.update(trx, actor.tenantId, before.id, {
    ...values,
    version: after.version,
    updated_at: now,
  });
  await recordChange(trx, actor, now, before, after, change);
  return after;
}

export const SEAT_STATUSES: readonly string[] = SEAT_HOLDING;
