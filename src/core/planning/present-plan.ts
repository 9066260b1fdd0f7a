import type { PlansTable } from "../db/schema.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { fromJson } from "../shared/json.js";
import type { ApplyItem, Plan, PlanResult, PlanStatus } from "./plans.schemas.js";

export function presentPlan(row: PlansTable): Plan {
  return {
    id: row.id,
    status: row.status as PlanStatus,
    input: fromJson<unknown>(row.input_json, null),
    seed: row.seed,
    timeLimitMs: row.time_limit_ms,
    maxIterations: row.max_iterations,
    progress: Number(row.progress),
    iterations: row.iterations,
    bestHard: row.best_hard,
    bestSoft: row.best_soft === null ? null : Number(row.best_soft),
    result: readPlanResult(row.result_json),
    applied: fromJson<ApplyItem[] | null>(row.apply_json, null),
    error: row.error,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    startedAt: toIsoOrNull(row.started_at),
    finishedAt: toIsoOrNull(row.finished_at),
    appliedAt: toIsoOrNull(row.applied_at),
  };
}

/** A stored result; those stored before plans chose equipment have no `equipment` on their items. */
export function readPlanResult(json: string | null): PlanResult | null {
  const result = fromJson<PlanResult | null>(json, null);
  if (!result) return result;
  return { ...result, items: result.items.map((item) => ({ ...item, equipment: item.equipment ?? [] })) };
}
