import type { Database } from "../db/database.js";
import type { Clock } from "../shared/clock.js";
import { runSolverInWorker } from "../solver/run-in-worker.js";
import { zeroScore } from "../solver/score-breakdown.js";
import type { SolveResult } from "../solver/solve.js";
import { interpretPlan } from "./interpret-plan.js";
import type { PlanProblem } from "./plan-problem.js";
import { PLAN_HARD_WEIGHT } from "./planning-costs.js";
import { planRepository } from "./plans.repository.js";

/** A running plan writes at least this often; one silent for STALE_AFTER_MS has lost its process. */
const HEARTBEAT_MS = 2_000;
export const STALE_AFTER_MS = 30_000;

export interface RunOptions {
  seed: number;
  timeLimitMs: number;
  maxIterations: number;
}

const noSolve: SolveResult = {
  period: [],
  room: [],
  instructor: [],
  poolChoice: [],
  score: zeroScore(),
  iterations: 0,
  elapsedMs: 0,
  stoppedBy: "iterations",
  history: [],
};

/**
 * Runs plans in worker threads of this process and records their progress, heartbeat and result
 * in the plans table, so any request (or another process) can poll them. A plan cancelled in the
 * table (from any process) is stopped at its next progress write, keeping its best result.
 */
export function createPlanRunner(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const running = new Map<string, { cancel(): void; finished: Promise<void> }>();
  const { db } = deps.database;

  function start(tenantId: string, planId: string, problem: PlanProblem, options: RunOptions): void {
    const update = (changes: Parameters<typeof planRepository.update>[3]) =>
      planRepository.update(db, tenantId, planId, { ...changes, updated_at: deps.clock.now() });
    let writing = false;
    let cancel = () => {};
    const job =
      problem.model.events.length === 0
        ? { result: Promise.resolve(noSolve), cancel: () => {} }
        : runSolverInWorker(problem.model, {
            seed: options.seed,
            timeLimitMs: options.timeLimitMs,
            maxIterations: options.maxIterations,
            hardWeight: PLAN_HARD_WEIGHT,
            progressIntervalMs: 250,
            onProgress: (progress) => {
              if (writing) return;
              writing = true;
              update({
                progress: Math.min(1, progress.iterations / options.maxIterations),
                iterations: progress.iterations,
                best_hard: progress.bestHard,
                best_soft: progress.bestSoft,
              })
                .then(() => planRepository.status(db, tenantId, planId))
                .then((status) => {
                  if (status === "cancelled") cancel();
                })
                .catch(() => {})
                .finally(() => {
                  writing = false;
                });
            },
          });
    cancel = job.cancel;
    const heartbeat = setInterval(() => void update({}).catch(() => {}), HEARTBEAT_MS);
    heartbeat.unref();
    const finished = job.result
      .then(async (result) => {
        const planResult = interpretPlan(problem, result);
        const now = deps.clock.now();
        const outcome = {
          result_json: JSON.stringify(planResult),
          progress: 1,
          iterations: result.iterations,
          best_hard: result.score.hard,
          best_soft: result.score.soft,
          finished_at: now,
          updated_at: now,
        };
        // A plan cancelled meanwhile keeps its status, with the best result found before it stopped.
        const done = await planRepository.transition(db, tenantId, planId, ["queued", "running"], {
          ...outcome,
          status: "done",
        });
        if (!done) await planRepository.update(db, tenantId, planId, outcome);
      })
      .catch(async (error: unknown) => {
        const now = deps.clock.now();
        await planRepository
          .transition(db, tenantId, planId, ["queued", "running", "cancelled"], {
            status: "failed",
            error: error instanceof Error ? error.message : String(error),
            finished_at: now,
            updated_at: now,
          })
          .catch(() => {});
      })
      .finally(() => {
        clearInterval(heartbeat);
        running.delete(planId);
      });
    running.set(planId, { cancel: () => cancel(), finished });
  }

  return {
    start,
    isRunningHere: (planId: string) => running.has(planId),
    cancel: (planId: string) => running.get(planId)?.cancel(),
    /** Resolves when the plan (if it runs here) has stored its outcome. */
    settled: (planId: string) => running.get(planId)?.finished ?? Promise.resolve(),
    /** Stops every plan of this process and waits for their outcomes to be stored. */
    async close() {
      const jobs = [...running.values()];
      for (const job of jobs) job.cancel();
      await Promise.all(jobs.map((job) => job.finished));
    },
  };
}

export type PlanRunner = ReturnType<typeof createPlanRunner>;
