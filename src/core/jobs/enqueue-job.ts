import type { Executor } from "../db/database.js";
import { newId } from "../shared/ids.js";
import { toJson } from "../shared/json.js";
import { jobRepository } from "./jobs.repository.js";

export interface JobRequest {
  type: string;
  payload: Record<string, unknown>;
  /** Not before this instant (default: at once). */
  runAt?: number;
  maxAttempts?: number;
  /**
   * A job with a key the tenant already has is not enqueued again, whatever its state: the way
   * an event, a reminder or a send turns into work exactly once.
   */
  idempotencyKey?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** Enqueues jobs in the caller's transaction: they exist if and only if the change commits. */
export async function enqueueJobs(
  db: Executor,
  tenantId: string,
  now: number,
  jobs: JobRequest[],
): Promise<void> {
  await jobRepository.insert(
    db,
    jobs.map((job) => ({
      tenant_id: tenantId,
      id: newId(),
      type: job.type,
      payload_json: toJson(job.payload),
      run_at: job.runAt ?? now,
      attempts: 0,
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      status: "queued",
      locked_until: null,
      locked_by: null,
      last_error: null,
      idempotency_key: job.idempotencyKey ?? null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })),
  );
}
