import { AppError } from "../errors.js";

export const roles = ["admin", "coordinator", "finance", "instructor", "viewer"] as const;
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
};

export const can = (actor: Actor, permission: Permission): boolean => grants[actor.role].includes(permission);

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError("forbidden", `The ${actor.role} role may not do this (needs ${permission})`);
  }
}

export const systemActor = (tenantId: string, label = "system"): Actor => ({
  tenantId,
  kind: "system",
  id: null,
  label,
  role: "admin",
});
