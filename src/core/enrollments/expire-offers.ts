import { systemActor } from "../auth/actor.js";
import { type EnrollmentDeps, inTransaction } from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import { openSession } from "./waitlist.js";

/**
 * Lapses every seat offer past its expiry, in every tenant, and offers (or gives) the seat to the
 * next learner on the waitlist. For a job or `lectern enrollments expire-offers`; the same sweep
 * also runs lazily whenever a session's enrollments are written or listed.
 */
export async function expireOffers(deps: EnrollmentDeps, now: number): Promise<{ sessions: number }> {
  const due = await enrollmentRepository.expiredOffers(deps.database.db, now);
  for (const { tenant_id, session_id } of due) {
    const actor = systemActor(tenant_id, "offer expiry");
    await inTransaction(deps, (trx) => openSession(deps, trx, actor, session_id, now));
  }
  return { sessions: due.length };
}
