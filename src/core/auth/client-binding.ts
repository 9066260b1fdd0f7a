import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type { FieldError } from "../errors.js";
import type { Role } from "./actor.js";

/**
 * A client contact (user or token) is bound to exactly one client of the tenant; no other role is.
 * Returns the field errors (path `clientId`): an unknown, other-tenant or archived client reads as
 * "not a client of this tenant", as references do elsewhere.
 */
export async function clientBindingErrors(
  db: Executor,
  tenantId: string,
  role: Role,
  clientId: string | null | undefined,
): Promise<FieldError[]> {
  // Learner accounts are made by their own sign-in link (web-auth/sign-in-link.ts), bound to the
  // learner whose address received it; nobody creates one for them.
  if (role === "learner") {
    return [{ path: "role", message: "learner accounts are created by signing in with an e-mailed link" }];
  }
  if (role !== "client_contact") {
    return clientId ? [{ path: "clientId", message: "is only for the client_contact role" }] : [];
  }
  if (!clientId) return [{ path: "clientId", message: "is required for the client_contact role" }];
  const client = await entityStore.find(db, "clients", tenantId, clientId);
  if (!client || client.archived_at !== null)
    return [{ path: "clientId", message: "is not a client of this tenant" }];
  return [];
}
