import { type Actor, authorize, authorizeOrSelf, type Permission } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { notFound } from "../errors.js";
import { instructorRepository } from "./instructors.repository.js";

/**
 * Authorizes and resolves the instructor a sub-resource belongs to; returns their zone.
 * `selfService`: an instructor user may also do this on their own record (availability, time off).
 */
export async function requireInstructor(
  db: Executor,
  actor: Actor,
  instructorId: string,
  permission: Permission,
  options: { selfService?: boolean } = {},
): Promise<{ timeZone: string }> {
  if (options.selfService) authorizeOrSelf(actor, permission, instructorId);
  else authorize(actor, permission);
  const timeZone = await instructorRepository.findTimeZone(db, actor.tenantId, instructorId);
  if (!timeZone) throw notFound("Instructor", instructorId);
  return { timeZone };
}
