import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type { EnrollmentsTable } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { toIso } from "../shared/clock.js";
import {
  addLearnerBookings,
  changeStatus,
  type EnrollmentDeps,
  freeSeatsFor,
  learnerConflicts,
  OPEN_SESSION,
  type SessionScope,
} from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import { loadPolicy } from "./policies.js";

// The session lock and what happens under it to the waitlist: promotions, offers, their expiry.

/**
 * Opens a session for enrollment writes: locks it, reads it with its policy, and moves expired
 * offers on (the lazy sweep). Lock order on PostgreSQL, everywhere: sessions (by id), then the
 * learners (sorted) — scheduling writes lock the session before its learners too.
 */
export async function openSession(
  deps: EnrollmentDeps,
  trx: Executor,
  actor: Actor,
  sessionId: string,
  now: number,
): Promise<SessionScope> {
  await enrollmentRepository.lockSession(trx, deps.database.dialect, actor.tenantId, sessionId);
  const session = await enrollmentRepository.findSession(trx, actor.tenantId, sessionId);
  if (!session) throw notFound("Session", sessionId);
  const [segments, policy] = await Promise.all([
    enrollmentRepository.segmentsOf(trx, actor.tenantId, sessionId),
    loadPolicy(trx, actor.tenantId, session),
  ]);
  const scope = { session, segments, policy };
  await sweepExpiredOffers(deps, trx, actor, scope, now);
  return scope;
}

/** Takes an entry off the waitlist: closes its gap so positions stay 1..n. */
export async function leaveWaitlist(trx: Executor, tenantId: string, row: EnrollmentsTable) {
  if (row.waitlist_position === null) return;
  await enrollmentRepository.update(trx, tenantId, row.id, { waitlist_position: null });
  await enrollmentRepository.shiftWaitlist(
    trx,
    tenantId,
    row.session_id,
    { from: row.waitlist_position + 1 },
    -1,
  );
}

const HOUR = 3600_000;

/**
 * The waitlist policy: while seats are free, the next waitlisted learner (first come, first
 * served; reserved client seats respected) is enrolled directly or offered the seat until an
 * expiry. A learner who now sits in an overlapping session is skipped and keeps their place.
 */
export async function fillFreedSeats(
  deps: EnrollmentDeps,
  trx: Executor,
  actor: Actor,
  scope: SessionScope,
  now: number,
): Promise<EnrollmentsTable[]> {
  if (!OPEN_SESSION.has(scope.session.status)) return [];
  const moved: EnrollmentsTable[] = [];
  const waitlist = await enrollmentRepository.waitlist(trx, actor.tenantId, scope.session.id);
  for (const entry of waitlist) {
    if ((await freeSeatsFor(trx, actor.tenantId, scope, entry.client_id)) <= 0) {
      // A seat reserved for another client may be free for that client's learners further down.
      if (!(await anySeatFree(trx, actor.tenantId, scope))) break;
      continue;
    }
    const learner = (await entityStore.find(trx, "learners", actor.tenantId, entry.learner_id))!;
    if ((await learnerConflicts(trx, actor.tenantId, scope, learner)).length > 0) continue;
    // Positions shift as earlier entries leave: work on this entry as it is now.
    const before = (await enrollmentRepository.find(trx, actor.tenantId, entry.id))!;
    await leaveWaitlist(trx, actor.tenantId, before);
    if (scope.policy.waitlistPolicy === "offer") {
      const expiresAt = now + scope.policy.offerHours * HOUR;
      moved.push(
        await changeStatus(
          trx,
          actor,
          now,
          before,
          { status: "offered", waitlist_position: null, offer_expires_at: expiresAt },
          { kind: "offered", event: "enrollment.offered", payload: { offerExpiresAt: toIso(expiresAt) } },
        ),
      );
    } else {
      await addLearnerBookings(deps, trx, actor.tenantId, scope, entry.learner_id, now);
      moved.push(
        await changeStatus(
          trx,
          actor,
          now,
          before,
          { status: "enrolled", waitlist_position: null },
          { kind: "promoted", event: "enrollment.promoted" },
        ),
      );
    }
  }
  return moved;
}

async function anySeatFree(trx: Executor, tenantId: string, scope: SessionScope) {
  const taken = await enrollmentRepository.seatsTaken(trx, tenantId, scope.session.id);
  return taken.total < scope.session.max_seats;
}

/** Offers past their expiry lapse (cancelled, reason offer_expired) and the seat moves on. */
export async function sweepExpiredOffers(
  deps: EnrollmentDeps,
  trx: Executor,
  actor: Actor,
  scope: SessionScope,
  now: number,
): Promise<number> {
  const expired = await enrollmentRepository.expiredOffersOfSession(
    trx,
    actor.tenantId,
    scope.session.id,
    now,
  );
  if (expired.length === 0) return 0;
  for (const row of expired) {
    await changeStatus(
      trx,
      actor,
      now,
      row,
      { status: "cancelled", status_reason: "offer_expired", cancelled_at: now, offer_expires_at: null },
      {
        kind: "offer_expired",
        event: "enrollment.cancelled",
        reason: "offer_expired",
        payload: { reason: "offer_expired" },
      },
    );
  }
  await fillFreedSeats(deps, trx, actor, scope, now);
  return expired.length;
}

/**
 * A session's seats changed (scheduling): never below the seats already taken (409); more seats
 * go to the waitlist per the policy. Runs inside the scheduling write's transaction.
 */
export async function applyCapacityChange(
  deps: EnrollmentDeps,
  trx: Executor,
  actor: Actor,
  sessionId: string,
  previousMaxSeats: number,
  now: number,
) {
  const scope = await openSession(deps, trx, actor, sessionId, now);
  const taken = await enrollmentRepository.seatsTaken(trx, actor.tenantId, sessionId);
  if (taken.total > scope.session.max_seats) {
    throw new AppError(
      "conflict",
      `${taken.total} seats are taken; maxSeats cannot go below that (cancel or transfer enrollments first)`,
      { errors: [{ path: "maxSeats", message: `at least ${taken.total}` }] },
    );
  }
  if (scope.session.max_seats > previousMaxSeats) await fillFreedSeats(deps, trx, actor, scope, now);
}
