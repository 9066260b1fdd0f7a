import { type Actor, authorize, type Permission } from "../auth/actor.js";
import { AppError, notFound } from "../errors.js";

// The one place that says what a client contact (role client_contact, bound to one client) may
// do. They enroll, list, cancel, transfer and approve only their own client's learners, within
// the policy cut-offs, and read their client's certificates and compliance status. Anything of
// another client answers as if it did not exist (404), so ids of other clients leak nothing.
// Learners belong to a client through learners.client_id; enrollments and certificates through
// their own client_id (the learner's client when they were registered).

export const isClientContact = (actor: Actor): boolean => actor.role === "client_contact";

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
  row: { id: string; client_id: string | null },
): void {
  if (!isClientContact(actor)) return;
  if (row.client_id === null || row.client_id !== ownClient(actor)) throw notFound(entity, row.id);
}

/** A client contact enrolls into public sessions and their own client's private sessions. */
export function assertSessionOpenTo(
  actor: Actor,
  session: { id: string; visibility: string; client_id: string | null },
): void {
  if (!isClientContact(actor)) return;
  if (session.visibility === "public") return;
  if (session.client_id === null || session.client_id !== ownClient(actor))
    throw notFound("Session", session.id);
}

/** Cut-offs bind a client contact: only staff may override them. */
export function assertMayOverride(actor: Actor, override: unknown): void {
  if (isClientContact(actor) && override) {
    throw new AppError("forbidden", "A client contact may not override a cut-off", {
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
