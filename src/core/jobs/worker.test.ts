import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "../../../test/app.js";
import { createCommsContext } from "../../../test/comms.js";
import { databaseKinds } from "../../../test/databases.js";
import type { Core } from "../app.js";
import { enqueueJobs } from "./enqueue-job.js";
import { jobRepository } from "./jobs.repository.js";
import { backoffMs, createWorker, type Job, PermanentJobError } from "./worker.js";

describe("backoff", () => {
  it("doubles per attempt within ±50 % jitter, capped", () => {
    expect(backoffMs(1, 1000, 60_000, () => 0.5)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 0.5)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 0.5)).toBe(60_000);
    expect(backoffMs(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(backoffMs(3, 1000, 60_000, () => 0.999)).toBeLessThan(6000);
  });
});

describe.each(databaseKinds)("job queue and worker [%s]", (kind) => {
  let created: Awaited<ReturnType<typeof createCommsContext>>;
  let core: Core;
  const enqueue = (tenantId: string, jobs: Parameters<typeof enqueueJobs>[3]) =>
    core.database.db.transaction().execute((trx) => enqueueJobs(trx, tenantId, Date.now(), jobs));

  beforeAll(async () => {
    created = await createCommsContext(kind, {});
    core = created.context.core;
  }, 60_000);
  afterAll(() => created?.close());

  it("runs each job once even with two workers claiming at the same time; keys enqueue once", async () => {
    const { a } = created.context;
    const runs: string[] = [];
    const handler = async (job: Job) => {
      runs.push(String(job.payload.n));
      await new Promise((resolve) => setTimeout(resolve, 2));
    };
    const jobs = Array.from({ length: 60 }, (_, n) => ({
      type: "test.count",
      payload: { n },
      idempotencyKey: `count:${n}`,
    }));
    await enqueue(a.id, jobs);
    await enqueue(a.id, jobs); // the same keys again: nothing new
    const options = {
      database: core.database,
      clock: core.clock,
      handlers: { "test.count": handler },
      batchSize: 7,
    };
    const one = createWorker({ ...options, id: "one" });
    const two = createWorker({ ...options, id: "two" });
    for (let round = 0; round < 30; round++) await Promise.all([one.runOnce(), two.runOnce()]);
    expect(runs.sort((x, y) => Number(x) - Number(y))).toEqual(jobs.map((j) => String(j.payload.n)));
    const done = await jobRepository.list(core.database.db, a.id, {
      type: "test.count",
      status: "done",
      limit: 100,
    });
    expect(done).toHaveLength(60);
  });

  it("retries with backoff, then dead; the API lists dead jobs and retries them", async () => {
    const { app, a, b } = created.context;
    let failures = 0;
    const worker = createWorker({
      database: core.database,
      clock: core.clock,
      handlers: {
        "test.flaky": async () => {
          failures++;
          throw new Error(`boom ${failures}`);
        },
        "test.permanent": async () => {
          throw new PermanentJobError("bad payload");
        },
      },
      backoffBaseMs: 1,
      backoffMaxMs: 5,
    });
    await enqueue(a.id, [
      { type: "test.flaky", payload: {}, maxAttempts: 3 },
      { type: "test.permanent", payload: {} },
    ]);
    for (let i = 0; i < 20; i++) {
      await worker.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(failures).toBe(3);
    const api = client(app, a.token);
    const dead = await api.get("/jobs?status=dead");
    expect(dead.body.items.map((j: { type: string }) => j.type).sort()).toEqual([
      "test.flaky",
      "test.permanent",
    ]);
    const flaky = dead.body.items.find((j: { type: string }) => j.type === "test.flaky");
    expect(flaky).toMatchObject({ attempts: 3, maxAttempts: 3, lastError: "boom 3", status: "dead" });
    expect((await client(app, b.token).get(`/jobs/${flaky.id}`)).status).toBe(404);
    expect((await client(app, await a.tokenFor("coordinator")).get("/jobs")).status).toBe(403);

    const retried = await api.post(`/jobs/${flaky.id}/retry`);
    expect(retried.body).toMatchObject({ status: "queued", attempts: 0 });
    expect((await api.post(`/jobs/${flaky.id}/retry`)).status).toBe(409);
    await worker.runOnce();
    expect(failures).toBe(4);
  });

  it("reclaims a job whose worker died (lease expired) and marks dead one claimed too often", async () => {
    const { a } = created.context;
    const ran: string[] = [];
    const handlers = { "test.lease": async (job: Job) => void ran.push(job.id) };
    await enqueue(a.id, [{ type: "test.lease", payload: {}, maxAttempts: 2 }]);
    // A worker claims it and dies: nothing finishes it.
    const claimed = await jobRepository.claim(
      core.database.db,
      core.database.dialect,
      "dead-worker",
      Date.now(),
      1,
      10,
    );
    expect(claimed.map((j) => j.type)).toContain("test.lease");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rescuer = createWorker({ database: core.database, clock: core.clock, handlers, id: "rescuer" });
    await rescuer.runOnce();
    expect(ran).toHaveLength(1);
    const job = await jobRepository.find(core.database.db, a.id, ran[0]!);
    expect(job).toMatchObject({ status: "done", attempts: 2, locked_by: null });
    // The dead worker's late finish does not touch it.
    expect(await jobRepository.finish(core.database.db, job!, "dead-worker", { status: "queued" })).toBe(
      false,
    );
  });

  it("stops gracefully: running jobs finish; jobs still running after the grace are given back", async () => {
    const { a } = created.context;
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const worker = createWorker({
      database: core.database,
      clock: core.clock,
      handlers: {
        "test.slow": async () => {
          started++;
          await blocked;
        },
      },
      pollMs: 10,
      shutdownGraceMs: 100,
      onError: () => undefined,
    });
    await enqueue(a.id, [{ type: "test.slow", payload: {} }]);
    worker.start();
    while (started === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.stop();
    const [job] = await jobRepository.list(core.database.db, a.id, { type: "test.slow", limit: 10 });
    expect(job).toMatchObject({ status: "queued", attempts: 0, locked_by: null });
    release();
  });
});
