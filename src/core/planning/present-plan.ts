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
    result: fromJson<PlanResult | null>(row.result_json, null),
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
