import { sql } from "kysely";
import type { Dialect, Executor } from "../db/database.js";
import type { JobsTable } from "../db/schema.js";
import { skipLocked } from "../db/sql.js";

export type JobStatus = "queued" | "running" | "done" | "dead";

export const jobRepository = {
  /** Inserts jobs; one whose idempotency key the tenant already has is skipped (enqueued once, ever). */
  async insert(db: Executor, rows: JobsTable[]): Promise<void> {
    if (rows.length === 0) return;
    await db
      .insertInto("jobs")
      .values(rows)
      .onConflict((oc) => oc.columns(["tenant_id", "idempotency_key"]).doNothing())
      .execute();
  },

  /**
   * Claims up to `limit` due jobs for one worker, across tenants, in one statement: queued jobs
   * whose time has come and running jobs whose lease expired (their worker died). PostgreSQL
   * skips rows another worker is claiming; SQLite has one writer at a time.
   */
  async claim(
    db: Executor,
    dialect: Dialect,
    workerId: string,
    now: number,
    leaseMs: number,
    limit: number,
  ): Promise<JobsTable[]> {
    const result = await sql<JobsTable>`
      update jobs set status = 'running', locked_by = ${workerId}, locked_until = ${now + leaseMs},
        attempts = attempts + 1, updated_at = ${now}
      where (tenant_id, id) in (
        select tenant_id, id from jobs
        where (status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})
        order by run_at limit ${limit} ${skipLocked(dialect)})
      returning *`.execute(db);
    return result.rows;
  },

  /** Finishes a job this worker still holds (a job whose lease was taken over is left alone). */
  async finish(
    db: Executor,
    job: Pick<JobsTable, "tenant_id" | "id">,
    workerId: string,
    values: Partial<JobsTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable("jobs")
      .set({ ...values, locked_by: null, locked_until: null })
      .where("tenant_id", "=", job.tenant_id)
      .where("id", "=", job.id)
      .where("locked_by", "=", workerId)
      .where("status", "=", "running")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** Marks jobs this worker still holds as done, in one statement. */
  async finishDone(
    db: Executor,
    workerId: string,
    jobs: Pick<JobsTable, "tenant_id" | "id">[],
    now: number,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await db
      .updateTable("jobs")
      .set({
        status: "done",
        finished_at: now,
        updated_at: now,
        last_error: null,
        locked_by: null,
        locked_until: null,
      })
      .where((eb) =>
        eb(
          eb.refTuple("tenant_id", "id"),
          "in",
          jobs.map((job) => eb.tuple(job.tenant_id, job.id)),
        ),
      )
      .where("locked_by", "=", workerId)
      .where("status", "=", "running")
      .execute();
  },

  /** Gives claimed jobs back (graceful shutdown): queued again, the attempt not counted. */
  async release(db: Executor, workerId: string, ids: string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await db
      .updateTable("jobs")
      .set((eb) => ({
        status: "queued",
        locked_by: null,
        locked_until: null,
        attempts: eb("attempts", "-", 1),
        updated_at: now,
      }))
      .where("locked_by", "=", workerId)
      .where("status", "=", "running")
      .where("id", "in", ids)
      .execute();
  },

  find: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("jobs")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  async list(
    db: Executor,
    tenantId: string,
    filter: { status?: JobStatus; type?: string; after?: string; limit: number },
  ): Promise<JobsTable[]> {
    let query = db.selectFrom("jobs").selectAll().where("tenant_id", "=", tenantId);
    if (filter.status) query = query.where("status", "=", filter.status);
    if (filter.type) query = query.where("type", "=", filter.type);
    if (filter.after) query = query.where("id", ">", filter.after);
    return query.orderBy("id").limit(filter.limit).execute();
  },

  async update(db: Executor, tenantId: string, id: string, values: Partial<JobsTable>): Promise<void> {
    await db.updateTable("jobs").set(values).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
  },

  /** Counts by status across tenants (tests, benchmarks, health). */
  async countByStatus(db: Executor): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom("jobs")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute();
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  },
};
