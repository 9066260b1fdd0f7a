import { AppError } from "../errors.js";

export const roles = [
  "admin",
  "coordinator",
  "finance",
  "instructor",
  "viewer",
  "client_contact",
  "learner",
] as const;
export type Role = (typeof roles)[number];

/** Who is acting: every use case receives one; its tenant scopes every query. */
export interface Actor {
  tenantId: string;
  kind: "user" | "token" | "system";
  /** user id, token id, or null for the system itself (CLI, bootstrap, demo seed) */
  id: string | null;
  label: string;
  role: Role;
  requestId?: string;
  /** A user who is an instructor: they may answer their own assignments and keep their own
   * availability and time off (the instructor portal). */
  instructorId?: string | null;
  /** A client contact (role client_contact, user or token): the client whose employees they
   * enroll and approve. Its rule lives in src/core/enrollments/client-scope.ts. */
  clientId?: string | null;
  /** A learner user (role learner): the learner whose own enrollments and certificates they
   * see, cancel and transfer. Its rule lives in src/core/enrollments/client-scope.ts too. */
  learnerId?: string | null;
}

export type Permission =
  | "reference:read"
  | "reference:write"
  | "tokens:manage"
  | "audit:read"
  | "tenant:manage";

const grants: Record<Role, readonly Permission[]> = {
  admin: ["reference:read", "reference:write", "tokens:manage", "audit:read", "tenant:manage"],
  coordinator: ["reference:read", "reference:write"],
  finance: ["reference:read"],
  instructor: ["reference:read"],
  viewer: ["reference:read"],
  // Nothing tenant-wide: a client contact acts only for their own client's learners, through the
  // use cases that call client-scope.ts (enrollments, approvals, certificates, compliance).
  client_contact: [],
  // Nothing tenant-wide either: a learner sees and changes only their own registrations.
  learner: [],
};

export const can = (actor: Actor, permission: Permission): boolean => grants[actor.role].includes(permission);

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError("forbidden", `The ${actor.role} role may not do this (needs ${permission})`);
  }
}

/** An instructor acting on their own record, which their role alone would not allow. */
export const actsAsInstructor = (actor: Actor, instructorId: string): boolean =>
  actor.role === "instructor" && !!actor.instructorId && actor.instructorId === instructorId;

/** authorize(), except that an instructor may act on their own record. */
export function authorizeOrSelf(actor: Actor, permission: Permission, instructorId: string): void {
  if (!actsAsInstructor(actor, instructorId)) authorize(actor, permission);
}

export const systemActor = (tenantId: string, label = "system"): Actor => ({
  tenantId,
  kind: "system",
  id: null,
  label,
  role: "admin",
});
