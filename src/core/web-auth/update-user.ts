import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize, type Role } from "../auth/actor.js";
import { clientBindingErrors } from "../auth/client-binding.js";
import type { Database } from "../db/database.js";
import type { UsersTable } from "../db/schema.js";
import { AppError, type FieldError, notFound } from "../errors.js";
import type { Clock } from "../shared/clock.js";
import { presentUser } from "./present-user.js";
import { webAuthRepository } from "./web-auth.repository.js";
import type { User, UserPatch } from "./web-auth.schemas.js";

/**
 * An admin renames a user, changes their role (with the instructor or client it binds) or
 * deactivates them (their open sessions end at once) or reactivates them. Learner accounts keep
 * their role (their link binds them); nobody can leave the tenant without an active admin.
 */
export async function updateUser(
  deps: { database: Pick<Database, "db">; clock: Clock },
  actor: Actor,
  id: string,
  patch: UserPatch,
): Promise<User> {
  authorize(actor, "tenant:manage");
  return deps.database.db.transaction().execute(async (trx) => {
    const row = await webAuthRepository.findUser(trx, actor.tenantId, id);
    if (!row) throw notFound("User", id);
    const role = (patch.role ?? row.role) as Role;
    const roleChanged = role !== row.role;
    const errors: FieldError[] = [];
    if (roleChanged && (row.role === "learner" || role === "learner"))
      errors.push({ path: "role", message: "learner accounts keep the learner role" });
    // A new role drops the binding of the old one unless the patch names one.
    const instructorId =
      patch.instructorId !== undefined
        ? patch.instructorId
        : roleChanged
          ? null
          : (row.instructor_id ?? null);
    const clientId =
      patch.clientId !== undefined ? patch.clientId : roleChanged ? null : (row.client_id ?? null);
    if (instructorId && !(await webAuthRepository.instructorExists(trx, actor.tenantId, instructorId)))
      errors.push({ path: "instructorId", message: "is not an instructor of this tenant" });
    if (role === "instructor" && !instructorId)
      errors.push({ path: "instructorId", message: "is required for the instructor role" });
    if (role !== "learner") errors.push(...(await clientBindingErrors(trx, actor.tenantId, role, clientId)));
    if (errors.length > 0) throw new AppError("validation_failed", "The user is not valid", { errors });

    const now = deps.clock.now();
    const disabledAt =
      patch.disabled === undefined ? row.disabled_at : patch.disabled ? (row.disabled_at ?? now) : null;
    const losesAdmin =
      row.role === "admin" && row.disabled_at === null && (role !== "admin" || disabledAt !== null);
    if (losesAdmin && (await webAuthRepository.countActiveAdmins(trx, actor.tenantId)) <= 1) {
      throw new AppError("conflict", "This is the last active admin; make another admin first", {
        errors: [{ path: patch.disabled ? "disabled" : "role", message: "would leave no active admin" }],
      });
    }
    const changes: Partial<UsersTable> = {
      name: patch.name ?? row.name,
      role,
      instructor_id: instructorId,
      client_id: clientId,
      disabled_at: disabledAt,
      updated_at: now,
    };
    await webAuthRepository.updateUser(trx, actor.tenantId, id, changes);
    // A deactivated user, or one whose rights changed, signs in again.
    if (disabledAt !== null || roleChanged) await webAuthRepository.deleteSessionsOf(trx, actor.tenantId, id);
    const after = presentUser({ ...row, ...changes });
    await recordAudit(trx, actor, now, {
      action: "update",
      entityType: "user",
      entityId: id,
      before: presentUser(row),
      after,
    });
    return after;
  });
}
