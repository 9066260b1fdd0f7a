/**
 * Job throughput on PostgreSQL: jobs drained per second by one worker and by two workers (each
 * with its own connection pool, claiming concurrently with FOR UPDATE SKIP LOCKED), against a raw
 * claim-and-update loop in the same run (one statement claims a batch with SKIP LOCKED, one marks
 * it done; no handler, no per-job bookkeeping). Handlers do nothing, so this measures the queue.
 * Medians of RUNS alternating runs, each on JOBS fresh jobs.
 *
 *   LECTERN_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:jobs
 *   JOBS=5000 BATCH=50 RUNS=3 npm run bench:jobs      (defaults; without a PostgreSQL URL: SQLite)
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { createCore } from "../src/core/app.js";
import { createDatabase, type Database } from "../src/core/db/database.js";
import { skipLocked } from "../src/core/db/sql.js";
import { enqueueJobs } from "../src/core/jobs/enqueue-job.js";
import { createWorker } from "../src/core/jobs/worker.js";
import { systemClock } from "../src/core/shared/clock.js";
import { pgUrl, round, writeResult } from "./support.js";

const JOBS = Number(process.env.JOBS ?? 5000);
const BATCH = Number(process.env.BATCH ?? 50);
const RUNS = Number(process.env.RUNS ?? 3);

async function target() {
  const suffix = randomBytes(5).toString("hex");
  if (!pgUrl) {
    const path = join(tmpdir(), `lectern-bench-jobs-${suffix}.db`);
    return {
      kind: "sqlite" as const,
      url: `sqlite:${path}`,
      drop: async () => {
        for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
      },
    };
  }
  const schema = `lectern_bench_jobs_${suffix}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.searchParams.set("schema", schema);
  return {
    kind: "postgres" as const,
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

async function refill(database: Database, tenantId: string) {
  await database.db.deleteFrom("jobs").execute();
  const now = Date.now();
  for (let start = 0; start < JOBS; start += 1000) {
    const jobs = Array.from({ length: Math.min(1000, JOBS - start) }, (_, i) => ({
      type: "bench.noop",
      payload: { n: start + i },
      idempotencyKey: `bench:${start + i}`,
    }));
    await database.db.transaction().execute((trx) => enqueueJobs(trx, tenantId, now, jobs));
  }
}

async function drainWithWorkers(databases: Database[]): Promise<number> {
  const started = performance.now();
  await Promise.all(
    databases.map(async (database, index) => {
      const worker = createWorker({
        database,
        clock: systemClock,
        handlers: { "bench.noop": async () => undefined },
        batchSize: BATCH,
        id: `bench-${index}`,
      });
      while ((await worker.runOnce()) > 0) {}
    }),
  );
  return performance.now() - started;
}

async function drainRaw(database: Database): Promise<number> {
  const started = performance.now();
  for (;;) {
    const claimed = await sql<{ tenant_id: string; id: string }>`
      update jobs set status = 'running', locked_by = 'raw', locked_until = ${Date.now() + 60_000}, attempts = attempts + 1
      where (tenant_id, id) in (select tenant_id, id from jobs where status = 'queued' order by run_at limit ${BATCH} ${skipLocked(database.dialect)})
      returning tenant_id, id`.execute(database.db);
    if (claimed.rows.length === 0) break;
    await database.db
      .updateTable("jobs")
      .set({ status: "done", locked_by: null, locked_until: null, finished_at: Date.now() })
      .where((eb) =>
        eb(
          eb.refTuple("tenant_id", "id"),
          "in",
          claimed.rows.map((row) => eb.tuple(row.tenant_id, row.id)),
        ),
      )
      .execute();
  }
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const db = await target();
  const core = await createCore({ DATABASE_URL: db.url, DATABASE_POOL_MAX: 4 });
  const second = createDatabase(db.url, { poolMax: 4 });
  try {
    const { tenant } = await core.tenancy.ensureTenant("bench");
    const times: Record<"raw" | "one" | "two", number[]> = { raw: [], one: [], two: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const mode of ["raw", "one", "two"] as const) {
        await refill(core.database, tenant.id);
        const ms =
          mode === "raw"
            ? await drainRaw(core.database)
            : await drainWithWorkers(mode === "one" ? [core.database] : [core.database, second]);
        const left = await core.database.db
          .selectFrom("jobs")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("status", "!=", "done")
          .executeTakeFirstOrThrow();
        if (Number(left.n) !== 0) throw new Error(`${mode}: ${left.n} jobs not done`);
        times[mode].push(ms);
      }
    }
    const perSecond = (ms: number) => round((JOBS / ms) * 1000, 0);
    const result = {
      database: db.kind,
      jobs: JOBS,
      batch: BATCH,
      runs: RUNS,
      rawMs: round(median(times.raw)),
      oneWorkerMs: round(median(times.one)),
      twoWorkersMs: round(median(times.two)),
      rawJobsPerSecond: perSecond(median(times.raw)),
      oneWorkerJobsPerSecond: perSecond(median(times.one)),
      twoWorkersJobsPerSecond: perSecond(median(times.two)),
      oneWorkerVsRaw: round(median(times.raw) / median(times.one), 2),
      twoWorkersVsRaw: round(median(times.raw) / median(times.two), 2),
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`written to ${writeResult(`jobs-${db.kind}`, result)}`);
  } finally {
    await second.destroy();
    await core.close();
    await db.drop();
  }
}

await main();
