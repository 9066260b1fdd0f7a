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
}

/** A plan's model, built from the database once the plan is stored, and its move budget. */
export type BuildPlan = () => Promise<{ problem: PlanProblem; maxIterations: number }>;

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
 * Runs plans in this process: each builds its model (on this thread: reads and conflict checks),
 * then searches in a worker thread; its progress, heartbeat and result are recorded in the plans
 * table, so any request (or another process) can poll them. A plan cancelled in the table (from
 * any process) is stopped at its next progress write, keeping its best result; one cancelled here
 * while its model is built stops as soon as its search starts, with the construction's result.
 */
export function createPlanRunner(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const running = new Map<string, { cancel(): void; finished: Promise<void> }>();
  const { db } = deps.database;

  function start(tenantId: string, planId: string, options: RunOptions, build: BuildPlan): void {
    // Progress and heartbeat writes are chained, and the outcome waits for the chain, so a write
    // issued before the end can never land after it (a late progress write reset progress to 0).
    let writes: Promise<unknown> = Promise.resolve();
    const update = (changes: Parameters<typeof planRepository.update>[3]) => {
      const write = writes.then(() =>
        planRepository.update(db, tenantId, planId, { ...changes, updated_at: deps.clock.now() }),
      );
      writes = write.catch(() => {});
      return write;
    };
    let writing = false;
    let cancelled = false;
    let cancel = () => {
      cancelled = true;
    };
    const search = (problem: PlanProblem, maxIterations: number): Promise<SolveResult> => {
      if (problem.model.events.length === 0) return Promise.resolve(noSolve);
      const job = runSolverInWorker(problem.model, {
        seed: options.seed,
        timeLimitMs: options.timeLimitMs,
        maxIterations,
        hardWeight: PLAN_HARD_WEIGHT,
        progressIntervalMs: 250,
        onProgress: (progress) => {
          if (writing) return;
          writing = true;
          update({
            progress: Math.min(1, progress.iterations / maxIterations),
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
      if (cancelled) job.cancel();
      return job.result;
    };
    const heartbeat = setInterval(() => void update({}).catch(() => {}), HEARTBEAT_MS);
    heartbeat.unref();
    const finished = build()
      .then(async ({ problem, maxIterations }) => {
        await update({ max_iterations: maxIterations });
        const result = await search(problem, maxIterations);
        const planResult = interpretPlan(problem, result);
        clearInterval(heartbeat);
        await writes;
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
