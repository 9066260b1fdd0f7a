import { sql } from "kysely";
import { createCore } from "../src/core/app.js";
import { createDatabase, type Database } from "../src/core/db/database.js";
import { skipLocked } from "../src/core/db/sql.js";
import { enqueueJobs } from "../src/core/jobs/enqueue-job.js";
import { createWorker } from "../src/core/jobs/worker.js";
import { systemClock } from "../src/core/shared/clock.js";
import { freshDatabase, pgUrl, round, writeResult } from "./support.js";

const JOBS = Number(process.env.JOBS ?? 5000);
const BATCH = Number(process.env.BATCH ?? 50);
const RUNS = Number(process.env.RUNS ?? 3);

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
  const db = await freshDatabase(pgUrl ? "postgres" : "sqlite", "jobs");
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
