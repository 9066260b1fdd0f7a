import { type Actor, authorize, type Permission } from "../auth/actor.js";
import { AppError, notFound } from "../errors.js";

// The one place that says what a client contact (role client_contact, bound to one client) may
// do. They enroll, list, cancel, transfer and approve only their own client's learners, within
// the policy cut-offs, and read their client's certificates and compliance status. Anything of
// another client answers as if it did not exist (404), so ids of other clients leak nothing.
// Learners belong to a client through learners.client_id; enrollments and certificates through
// their own client_id (the learner's client when they were registered).
//
// A learner user (role learner, bound to one learner) is narrower still: their own enrollments
// and certificates, cancel and transfer within the cut-offs, transfer only into public sessions.
// The use cases they may call use authorizeOrOwn; every other one keeps them out (403).

export const isClientContact = (actor: Actor): boolean => actor.role === "client_contact";
export const isLearner = (actor: Actor): boolean => actor.role === "learner";

/** authorizeOrClient(), except that a learner may also do this, on their own records only. */
export function authorizeOrOwn(actor: Actor, permission: Permission): void {
  if (!isLearner(actor)) authorizeOrClient(actor, permission);
  else if (!actor.learnerId) throw new AppError("forbidden", "This learner account is bound to no learner");
}

/**
 * authorize(), except that a client contact may also do this: the use case then scopes every
 * learner, enrollment or session it touches with the assertions below.
 */
export function authorizeOrClient(actor: Actor, permission: Permission): void {
  if (!isClientContact(actor)) authorize(actor, permission);
  else if (!actor.clientId) throw new AppError("forbidden", "This client contact is bound to no client");
}

/** The client a contact acts for (their role is checked by authorizeOrClient first). */
const ownClient = (actor: Actor): string | null => (isClientContact(actor) ? (actor.clientId ?? null) : null);

/** A client contact may act only for learners of their client; another's answers 404. */
export function assertMayActFor(actor: Actor, learner: { id: string; client_id: string | null }): void {
  if (!isClientContact(actor)) return;
  if (learner.client_id === null || learner.client_id !== ownClient(actor))
    throw notFound("Learner", learner.id);
}

/** The same for a record held for a client (an enrollment, a certificate). */
export function assertClientRecord(
  actor: Actor,
  entity: "Enrollment" | "Certificate",
  row: { id: string; client_id: string | null; learner_id?: string },
): void {
  if (isLearner(actor) && row.learner_id !== actor.learnerId) throw notFound(entity, row.id);
  if (!isClientContact(actor)) return;
  if (row.client_id === null || row.client_id !== ownClient(actor)) throw notFound(entity, row.id);
}

/** A client contact enrolls into public sessions and their own client's private sessions. */
export function assertSessionOpenTo(
  actor: Actor,
  session: { id: string; visibility: string; client_id: string | null },
): void {
  if (isLearner(actor) && session.visibility !== "public") throw notFound("Session", session.id);
  if (!isClientContact(actor)) return;
  if (session.visibility === "public") return;
  if (session.client_id === null || session.client_id !== ownClient(actor))
    throw notFound("Session", session.id);
}

/** Cut-offs bind a client contact: only staff may override them. */
export function assertMayOverride(actor: Actor, override: unknown): void {
  if ((isClientContact(actor) || isLearner(actor)) && override) {
    throw new AppError("forbidden", `A ${actor.role} may not override a cut-off`, {
      errors: [{ path: "override", message: "is for staff only" }],
    });
  }
}

/**
 * The client filter of a list: a client contact always sees their own client only (asking for
 * another client answers 404); staff see what they ask for.
 */
export function clientFilter(actor: Actor, requested: string | undefined): string | undefined {
  if (!isClientContact(actor)) return requested;
  const own = ownClient(actor)!;
  if (requested && requested !== own) throw notFound("Client", requested);
  return own;
}

/** The learner filter of a list: a learner always sees their own only (another answers 404). */
export function learnerFilter(actor: Actor, requested: string | undefined): string | undefined {
  if (!isLearner(actor)) return requested;
  const own = actor.learnerId!;
  if (requested && requested !== own) throw notFound("Learner", requested);
  return own;
}
