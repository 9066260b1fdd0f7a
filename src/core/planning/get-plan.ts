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
 * Marks failed a plan still marked running whose process stopped writing its heartbeat (a restart,
 * a crash), unless it runs in this process.
 */
async function failIfInterrupted(deps: PlanningDeps, tenantId: string, id: string, now: number) {
  if (deps.runner.isRunningHere(id)) return;
  await planRepository.transition(deps.database.db, tenantId, id, ACTIVE, {
    status: "failed",
    error:
      "Interrupted: the process running this plan stopped (for example a server restart). Create the plan again.",
    finished_at: now,
    updated_at: now,
  });
}

/** A plan with its progress or result; an interrupted one is marked failed the first time anyone looks. */
export async function getPlan(deps: PlanningDeps, actor: Actor, id: string): Promise<Plan> {
  authorize(actor, "reference:write");
  const { db } = deps.database;
  let row = await planRepository.find(db, actor.tenantId, id);
  if (!row) throw notFound("Plan", id);
  const now = deps.clock.now();
  if (ACTIVE.includes(row.status) && now - Number(row.updated_at) > STALE_AFTER_MS) {
    await failIfInterrupted(deps, actor.tenantId, id, now);
    row = (await planRepository.find(db, actor.tenantId, id))!;
  }
  return presentPlan(row);
}

/** Newest first; interrupted plans are marked failed first, so a `running` filter lists live ones only. */
export async function listPlans(deps: PlanningDeps, actor: Actor, query: PlanQuery): Promise<Page<Plan>> {
  authorize(actor, "reference:write");
  const { db } = deps.database;
  const now = deps.clock.now();
  for (const id of await planRepository.idleIds(db, actor.tenantId, ACTIVE, now - STALE_AFTER_MS))
    await failIfInterrupted(deps, actor.tenantId, id, now);
  const rows = await planRepository.list(db, actor.tenantId, {
    status: query.status,
    beforeId: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  return toPage(rows.map(presentPlan), query.limit);
}
