import { type ChildProcess, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startSmtpServer } from "../../../test/comms.js";
import { createTestDatabase, databaseKinds } from "../../../test/databases.js";
import { createCore } from "../app.js";
import { systemActor } from "../auth/actor.js";
import { publishEvents } from "../events/publish-event.js";

const bin = new URL("../../../bin/lectern.js", import.meta.url).pathname;
const TOTAL = 60;
const BATCH = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe.each(databaseKinds)("a worker killed with SIGKILL mid-batch [%s]", (kind) => {
  it("loses nothing: after a restart every job completes once and every email arrives once (by Message-ID)", async () => {
    // Slow sends keep a claimed batch running for long enough that the kill below, sent right
    // after a query saw it running, lands before the batch finishes even on a loaded machine.
    const smtp = await startSmtpServer({ delayMs: 400 });
    const database = await createTestDatabase(kind);
    const core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 4 });
    const children: ChildProcess[] = [];
    const startWorker = () => {
      const child = spawn(
        process.execPath,
        [bin, "worker", "--batch", String(BATCH), "--poll", "50", "--lease", "2000"],
        {
          env: { ...process.env, DATABASE_URL: database.url, SMTP_URL: smtp.url(), LOG_LEVEL: "silent" },
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let stderr = "";
      child.stderr!.on("data", (chunk) => (stderr += chunk));
      child.on("exit", (code, signal) => {
        if (code && code !== 0) console.error(`worker exited ${code} ${signal}: ${stderr}`);
      });
      children.push(child);
      return child;
    };
    try {
      const { tenant } = await core.tenancy.ensureTenant("kill");
      const actor = systemActor(tenant.id, "test");
      const emails = Array.from({ length: TOTAL }, (_, n) => `person${n}@example.com`);
      await core.database.db.transaction().execute((trx) =>
        publishEvents(
          trx,
          actor,
          Date.now(),
          emails.map((email, n) => ({
            type: "registration.confirmation_requested",
            entityType: "registration",
            entityId: `r${n}`,
            payload: {
              email,
              name: `Person ${n}`,
              confirmUrl: `https://example.com/confirm/${n}`,
              expiresAt: "soon",
            },
          })),
        ),
      );
      const db = core.database.db;
      const countMessages = async (status?: string) => {
        let query = db.selectFrom("messages").select((eb) => eb.fn.countAll<number>().as("n"));
        if (status) query = query.where("status", "=", status);
        return Number((await query.executeTakeFirstOrThrow()).n);
      };

      const running = async () =>
        Number(
          (
            await db
              .selectFrom("jobs")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("status", "=", "running")
              .where("type", "=", "email.send")
              .executeTakeFirstOrThrow()
          ).n,
        );
      // Kill while sends are in flight (a batch claimed, the slow server still answering). A batch
      // seen running may still finish before the kill lands (between two batches nothing is
      // claimed): then the kill stranded nothing, and a new worker is killed again.
      let kills = 0;
      let stranded = 0;
      while (stranded === 0 && kills < 5) {
        const worker = startWorker();
        await waitFor(
          async () => smtp.received.length >= 12 && (await running()) > 0,
          60_000,
          "sends in flight",
        );
        worker.kill("SIGKILL");
        await new Promise((resolve) => worker.once("exit", resolve));
        kills++;
        stranded = (await db.selectFrom("jobs").select(["id"]).where("status", "=", "running").execute())
          .length;
      }
      expect(stranded).toBeGreaterThan(0); // killed mid-batch: claimed jobs left behind
      expect(smtp.received.length).toBeLessThan(TOTAL);

      const second = startWorker();
      await waitFor(async () => (await countMessages("sent")) === TOTAL, 90_000, "every message sent");
      await waitFor(
        async () => {
          const open = await db
            .selectFrom("jobs")
            .select("id")
            .where("status", "in", ["queued", "running"])
            .execute();
          return open.length === 0;
        },
        30_000,
        "every job done",
      );
      second.kill("SIGTERM");
      await new Promise((resolve) => second.once("exit", resolve));

      const jobs = await db.selectFrom("jobs").select(["type", "status", "idempotency_key"]).execute();
      expect(jobs.filter((j) => j.status !== "done")).toEqual([]);
      const byType = (type: string) => jobs.filter((j) => j.type === type);
      expect(byType("notify.event")).toHaveLength(TOTAL);
      expect(byType("email.send")).toHaveLength(TOTAL);
      expect(new Set(jobs.map((j) => j.idempotency_key)).size).toBe(jobs.length);
      expect(await countMessages()).toBe(TOTAL);

      // Every recipient got their message; the only repeats are sends that were in flight at a
      // kill, re-sent with the same Message-ID (receivers drop them), at most a batch per kill.
      const ids = new Set(smtp.received.map((mail) => mail.messageId));
      expect(ids.size).toBe(TOTAL);
      const recipients = new Set(
        smtp.received.map((mail) => (mail.to as { text: string }).text.match(/<(.+)>/)?.[1]),
      );
      expect([...recipients].sort()).toEqual([...emails].sort());
      expect(smtp.received.length - ids.size).toBeLessThanOrEqual(BATCH * kills);
    } finally {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await core.close();
      await database.drop();
      await smtp.close();
    }
  }, 180_000);
});
