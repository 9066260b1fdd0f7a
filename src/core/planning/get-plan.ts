import { type Actor, authorize } from "../auth/actor.js";
import { notFound } from "../errors.js";
import { decodeCursor, toPage } from "../shared/pagination.js";
import type { Page } from "../shared/schemas.js";
import type { PlanningDeps } from "./create-plan.js";
import { STALE_AFTER_MS } from "./plan-runner.js";
import { planRepository } from "./plans.repository.js";
import type { Plan, PlanQuery } from "./plans.schemas.js";
import { presentPlan } from "./present-plan.js";

const ACTIVE = ["queued", "running"];

/**
 * A plan with its progress or result. A plan still marked running whose process stopped writing
 * its heartbeat (a restart, a crash) is marked failed here, the first time anyone looks.
 */
export async function getPlan(deps: PlanningDeps, actor: Actor, id: string): Promise<Plan> {
  authorize(actor, "reference:write");
  const { db } = deps.database;
  let row = await planRepository.find(db, actor.tenantId, id);
  if (!row) throw notFound("Plan", id);
  const now = deps.clock.now();
  if (
    ACTIVE.includes(row.status) &&
    !deps.runner.isRunningHere(id) &&
    now - Number(row.updated_at) > STALE_AFTER_MS
  ) {
    await planRepository.transition(db, actor.tenantId, id, ACTIVE, {
      status: "failed",
      error:
        "Interrupted: the process running this plan stopped (for example a server restart). Create the plan again.",
      finished_at: now,
      updated_at: now,
    });
    row = (await planRepository.find(db, actor.tenantId, id))!;
  }
  return presentPlan(row);
}

/** Newest first. */
export async function listPlans(deps: PlanningDeps, actor: Actor, query: PlanQuery): Promise<Page<Plan>> {
  authorize(actor, "reference:write");
  const rows = await planRepository.list(deps.database.db, actor.tenantId, {
    status: query.status,
    beforeId: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  return toPage(rows.map(presentPlan), query.limit);
}
