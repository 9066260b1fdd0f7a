import { hostname } from "node:os";
import type { Database } from "../db/database.js";
import type { JobsTable } from "../db/schema.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { jobRepository } from "./jobs.repository.js";

/** A job as a handler sees it (payload parsed). */
export interface Job {
  tenantId: string;
  id: string;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

export type JobHandler = (job: Job) => Promise<void>;

/** Thrown by a handler when retrying cannot help (bad payload, permanent refusal): dead at once. */
export class PermanentJobError extends Error {}

/** Periodic work a worker does besides draining jobs (dispatching events, arming reminders). */
export interface WorkerTick {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

export interface WorkerOptions {
  database: Pick<Database, "db" | "dialect">;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  ticks?: WorkerTick[];
  id?: string;
  /** Jobs claimed (and run concurrently) at a time. */
  batchSize?: number;
  /** Sleep when there was nothing to do. */
  pollMs?: number;
  /** How long a claim lasts; a job held longer by a dead worker is claimed again. */
  leaseMs?: number;
  /** Backoff after the n-th failure: base·2^(n-1), capped, with ±50 % jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Graceful shutdown waits this long for running handlers, then gives their jobs back. */
  shutdownGraceMs?: number;
  onError?: (error: unknown, context: string) => void;
}

export interface Worker {
  id: string;
  /** Claims and runs one batch; resolves to the number of jobs run (tests and benchmarks drive this). */
  runOnce(): Promise<number>;
  /** Runs due ticks once. */
  tick(): Promise<void>;
  start(): void;
  /** Stops claiming, waits for running jobs (up to the grace), releases the rest. */
  stop(): Promise<void>;
}

export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.5 + random()));
}

export function createWorker(options: WorkerOptions): Worker {
  const { database, clock, handlers } = options;
  const id = options.id ?? `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  const batchSize = options.batchSize ?? 10;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const base = options.backoffBaseMs ?? 5_000;
  const cap = options.backoffMaxMs ?? 60 * 60_000;
  const grace = options.shutdownGraceMs ?? 20_000;
  const report = options.onError ?? ((error, context) => console.error(`worker ${context}:`, error));
  const ticks = (options.ticks ?? []).map((tick) => ({ ...tick, nextAt: 0 }));
  const running = new Map<string, Promise<unknown>>();
  let stopping = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  /** Runs one job; a success is returned for the batch's single "done" update, anything else finished here. */
  async function runJob(row: JobsTable): Promise<JobsTable | null> {
    const now = () => clock.now();
    const finish = (values: Partial<JobsTable>) =>
      jobRepository.finish(database.db, row, id, { ...values, updated_at: now() });
    if (row.attempts > row.max_attempts) {
      await finish({
        status: "dead",
        finished_at: now(),
        last_error:
          row.last_error ?? "claimed more often than max_attempts (worker killed while running it?)",
      });
      return null;
    }
    const handler = handlers[row.type];
    try {
      if (!handler) throw new PermanentJobError(`No handler for job type ${row.type}`);
      await handler({
        tenantId: row.tenant_id,
        id: row.id,
        type: row.type,
        payload: JSON.parse(row.payload_json) as Record<string, unknown>,
        attempts: row.attempts,
        maxAttempts: row.max_attempts,
      });
      return row;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const permanent = error instanceof PermanentJobError;
      if (permanent || row.attempts >= row.max_attempts) {
        await finish({ status: "dead", finished_at: now(), last_error: message });
      } else {
        await finish({
          status: "queued",
          run_at: now() + backoffMs(row.attempts, base, cap),
          last_error: message,
        });
      }
      return null;
    }
  }

  async function runOnce(): Promise<number> {
    const rows = await jobRepository.claim(
      database.db,
      database.dialect,
      id,
      clock.now(),
      leaseMs,
      batchSize,
    );
    const outcomes = await Promise.all(
      rows.map((row) => {
        const work = runJob(row)
          .catch((error) => {
            report(error, `job ${row.id}`);
            return null;
          })
          .finally(() => running.delete(row.id));
        running.set(row.id, work);
        return work;
      }),
    );
    // One statement marks the batch's successes done (per-job commits would dominate the cost).
    const succeeded = outcomes.filter((row): row is JobsTable => row !== null);
    try {
      await jobRepository.finishDone(database.db, id, succeeded, clock.now());
    } catch (error) {
      report(error, "finishing a batch"); // the jobs stay claimed; their lease expires and they run again
    }
    return rows.length;
  }

  async function tick(): Promise<void> {
    for (const due of ticks) {
      const at = Date.now();
      if (at < due.nextAt) continue;
      due.nextAt = at + due.everyMs;
      try {
        await due.run();
      } catch (error) {
        report(error, `tick ${due.name}`);
      }
    }
  }

  async function main() {
    while (!stopping) {
      let ran = 0;
      try {
        await tick();
        ran = await runOnce();
      } catch (error) {
        report(error, "loop");
      }
      if (stopping) break;
      if (ran < batchSize) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  }

  return {
    id,
    runOnce,
    tick,
    start() {
      if (!loop) loop = main();
    },
    async stop() {
      stopping = true;
      wake?.();
      const finished = (loop ?? Promise.all([...running.values()])).then(() => "done" as const);
      const timeout = new Promise<"timeout">((resolve) =>
        setTimeout(() => resolve("timeout"), grace).unref(),
      );
      if ((await Promise.race([finished, timeout])) === "timeout") {
        // Handlers still running lose their claim: another worker runs those jobs from the start.
        await jobRepository.release(database.db, id, [...running.keys()], clock.now());
        await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      }
    },
  };
}
