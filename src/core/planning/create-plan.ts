import { type Actor, authorize } from "../auth/actor.js";
import type { Database, Executor } from "../db/database.js";
import { AppError } from "../errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { buildPlanProblem } from "./build-plan-model.js";
import { type PlanRunner, STALE_AFTER_MS } from "./plan-runner.js";
import { planRepository } from "./plans.repository.js";
import type { Plan, PlanInput } from "./plans.schemas.js";
import { presentPlan } from "./present-plan.js";
import { readPlanItems } from "./read-plan-items.js";

export interface PlanningDeps {
  database: Pick<Database, "db" | "dialect">;
  clock: Clock;
  runner: PlanRunner;
}

/**
 * Plans a tenant may have searching at once: each takes a worker thread (a core) for up to its time
 * limit, so one tenant's burst must not take every core of the server.
 */
export const MAX_LIVE_PLANS = 3;

/** A 409 when the tenant has MAX_LIVE_PLANS searching (interrupted plans, whose heartbeat stopped, do not count). */
async function refuseOverCap(db: Executor, tenantId: string, now: number) {
  const live = await planRepository.countLive(db, tenantId, ["queued", "running"], now - STALE_AFTER_MS);
  if (live >= MAX_LIVE_PLANS)
    throw new AppError(
      "conflict",
      `${live} plans are running for this organisation (at most ${MAX_LIVE_PLANS} at once): wait for one to finish or cancel one`,
      { running: live, limit: MAX_LIVE_PLANS },
    );
}

/** A move budget that grows with the plan, so the cooling is reproducible for a seed. */
const defaultIterations = (events: number) => Math.min(5_000_000, 20_000 + 4_000 * events);

/**
 * Validates the demand or draft sessions (so input errors answer at once), stores the plan and
 * starts it: the solver model is built from the database (seconds for a quarter of many demand
 * lines), then searched in a worker thread. The answer is the running plan: poll it for progress
 * and the proposal. Its move budget (`maxIterations`) is known once the model is built.
 */
export async function createPlan(deps: PlanningDeps, actor: Actor, input: PlanInput): Promise<Plan> {
  authorize(actor, "reference:write");
  const { db } = deps.database;
  const now = deps.clock.now();
  await refuseOverCap(db, actor.tenantId, now); // before the items are read: answer at once
  const items = await readPlanItems(db, actor, input, now);
  const id = newId();
  const options = {
    seed: input.seed,
    timeLimitMs: Math.round(input.timeLimitSeconds * 1000),
  };
  const row = {
    tenant_id: actor.tenantId,
    id,
    status: "running",
    input_json: JSON.stringify(input),
    seed: options.seed,
    time_limit_ms: options.timeLimitMs,
    // The default budget grows with the model: set once it is built.
    max_iterations: input.iterations ?? 0,
    progress: 0,
    iterations: 0,
    best_hard: null,
    best_soft: null,
    result_json: null,
    apply_json: null,
    error: null,
    created_by: actor.label,
    created_at: now,
    updated_at: now,
    started_at: now,
    finished_at: null,
    applied_at: null,
  };
  // Counted again and stored under one lock, so simultaneous requests cannot pass the cap together.
  await db.transaction().execute(async (trx) => {
    await planRepository.lockTenant(trx, deps.database.dialect, actor.tenantId);
    await refuseOverCap(trx, actor.tenantId, now);
    await planRepository.insert(trx, row);
  });
  deps.runner.start(actor.tenantId, id, options, async () => {
    const problem = await buildPlanProblem(db, actor, items);
    return { problem, maxIterations: input.iterations ?? defaultIterations(problem.model.events.length) };
  });
  return presentPlan(row);
}
