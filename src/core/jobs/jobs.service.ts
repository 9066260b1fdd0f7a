import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { JobsTable } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { type Clock, toIso, toIsoOrNull } from "../shared/clock.js";
import { decodeCursor, toPage } from "../shared/pagination.js";
import type { Page } from "../shared/schemas.js";
import { jobRepository } from "./jobs.repository.js";
import type { JobQuery, JobView } from "./jobs.schemas.js";

export const presentJob = (row: JobsTable): JobView => ({
  id: row.id,
  type: row.type,
  status: row.status as JobView["status"],
  payload: JSON.parse(row.payload_json) as Record<string, unknown>,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  runAt: toIso(row.run_at),
  lockedUntil: toIsoOrNull(row.locked_until),
  lockedBy: row.locked_by,
  lastError: row.last_error,
  idempotencyKey: row.idempotency_key,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
  finishedAt: toIsoOrNull(row.finished_at),
});

/** The job queue as the API shows it: listing (dead letters included) and retrying. */
export function createJobService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const { db } = deps.database;
  return {
    async list(actor: Actor, query: JobQuery): Promise<Page<JobView>> {
      authorize(actor, "tenant:manage");
      const rows = await jobRepository.list(db, actor.tenantId, {
        status: query.status,
        type: query.type,
        after: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      const page = toPage(rows, query.limit);
      return { items: page.items.map(presentJob), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<JobView> {
      authorize(actor, "tenant:manage");
      const row = await jobRepository.find(db, actor.tenantId, id);
      if (!row) throw notFound("Job", id);
      return presentJob(row);
    },

    /** A dead job runs again from scratch (attempts reset). */
    retry(actor: Actor, id: string): Promise<JobView> {
      authorize(actor, "tenant:manage");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        const row = await jobRepository.find(trx, actor.tenantId, id);
        if (!row) throw notFound("Job", id);
        if (row.status !== "dead") {
          throw new AppError("conflict", `Only dead jobs can be retried; this one is ${row.status}`);
        }
        const values = { status: "queued", attempts: 0, run_at: now, finished_at: null, updated_at: now };
        await jobRepository.update(trx, actor.tenantId, id, values);
        await recordAudit(trx, actor, now, {
          action: "retry",
          entityType: "job",
          entityId: id,
          before: presentJob(row),
        });
        return presentJob({ ...row, ...values });
      });
    },
  };
}

export type JobService = ReturnType<typeof createJobService>;
