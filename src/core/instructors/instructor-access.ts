import { type Actor, authorize, type Permission } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { notFound } from "../errors.js";
import { instructorRepository } from "./instructors.repository.js";

/** Authorizes and resolves the instructor a sub-resource belongs to; returns their zone. */
export async function requireInstructor(
  db: Executor,
  actor: Actor,
  instructorId: string,
  permission: Permission,
): Promise<{ timeZone: string }> {
  authorize(actor, permission);
  const timeZone = await instructorRepository.findTimeZone(db, actor.tenantId, instructorId);
  if (!timeZone) throw notFound("Instructor", instructorId);
  return { timeZone };
}
