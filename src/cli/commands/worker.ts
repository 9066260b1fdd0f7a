import type { Command } from "commander";
import { createCore } from "../../core/app.js";
import { loadConfig } from "../../core/config.js";

/** Stops a worker on SIGINT/SIGTERM: running jobs finish (or are given back), then the process exits. */
export function stopOnSignals(stop: () => Promise<void>) {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing running jobs`);
    stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => handle("SIGINT"));
  process.on("SIGTERM", () => handle("SIGTERM"));
}

export function registerWorker(program: Command) {
  program
    .command("worker")
    .description(
      "Run a job worker: sends email, delivers webhooks, dispatches events and arms reminders. Run as many as you like (PostgreSQL); set LECTERN_WORKER=false on `serve` when you do",
    )
    .option("--batch <n>", "jobs claimed and run at a time", "10")
    .option("--poll <ms>", "sleep when idle, in ms", "1000")
    .option("--lease <ms>", "how long a claimed job is held before another worker may take it", "300000")
    .action(async (options: { batch: string; poll: string; lease: string }) => {
      const config = loadConfig();
      const core = await createCore(config);
      const worker = core.createWorker({
        batchSize: Number(options.batch),
        pollMs: Number(options.poll),
        leaseMs: Number(options.lease),
      });
      worker.start();
      console.log(`Lectern worker ${worker.id} running (database: ${core.database.description})`);
      stopOnSignals(async () => {
        await worker.stop();
        await core.close();
      });
    });
}
