import { type Actor, authorize } from "../auth/actor.js";
import { AppError, notFound } from "../errors.js";
import type { PlanningDeps } from "./create-plan.js";
import { planRepository } from "./plans.repository.js";
import type { Plan } from "./plans.schemas.js";
import { presentPlan } from "./present-plan.js";

/**
 * Stops a queued or running plan. The search ends at its next check and the best proposal found
 * so far is kept (status stays `cancelled`). The process running it may be another one: it sees
 * the status at its next progress write.
 */
export async function cancelPlan(deps: PlanningDeps, actor: Actor, id: string): Promise<Plan> {
  authorize(actor, "reference:write");
  const { db } = deps.database;
  const now = deps.clock.now();
  const cancelled = await planRepository.transition(db, actor.tenantId, id, ["queued", "running"], {
    status: "cancelled",
    updated_at: now,
    finished_at: now,
  });
  const row = await planRepository.find(db, actor.tenantId, id);
  if (!row) throw notFound("Plan", id);
  if (!cancelled)
    throw new AppError("conflict", `Plan ${id} is ${row.status} and can no longer be cancelled`);
  deps.runner.cancel(id);
  return presentPlan(row);
}
