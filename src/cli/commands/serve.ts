import type { Command } from "commander";
import { createCore } from "../../core/app.js";
import { loadConfig, publicUrl } from "../../core/config.js";
import { seedDemoSessions } from "../../core/demo/demo-sessions.js";
import { seedDemo } from "../../core/demo/seed-demo.js";
import { bootstrapTenant } from "../../core/tenancy/bootstrap.js";
import { buildServer } from "../../server/app.js";
import { clearProgress, showProgress } from "../context.js";

export function registerServe(program: Command) {
  program
    .command("serve")
    .description("Migrate the database, create the first tenant and admin if needed, and serve the API")
    .option("--demo", "load the demo training company into the tenant (skipped if it has data)")
    .option("--port <port>", "port to listen on (env PORT, default 3000)")
    .option("--host <host>", "interface to bind (env HOST, default localhost; 0.0.0.0 for all)")
    .action(async (options: { demo?: boolean; port?: string; host?: string }) => {
      const config = loadConfig({
        ...process.env,
        ...(options.port && { PORT: options.port }),
        ...(options.host && { HOST: options.host }),
      });
      const core = await createCore(config);
      const { tenant, admin } = await bootstrapTenant(core, config);
      if (options.demo) {
        const summary = await seedDemo(core, tenant.id, {
          onProgress: showProgress("demo"),
        });
        clearProgress();
        // Six weeks of sessions from today, so the calendar and dashboard have something to show.
        const sessions = summary.skipped
          ? 0
          : await seedDemoSessions(core, tenant.id, { from: new Date().toISOString().slice(0, 10) });
        console.log(
          summary.skipped
            ? "Demo data: tenant already has data, nothing loaded"
            : `Demo data loaded: ${summary.locations} locations, ${summary.rooms} rooms, ${summary.courses} courses, ${summary.instructors} instructors, ${summary.clients} clients, ${summary.learners} learners, ${sessions} sessions`,
        );
      }
      const app = await buildServer(core, {
        logLevel: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL,
        trustProxy: config.TRUST_PROXY,
      });
      await app.listen({ port: config.PORT, host: config.HOST });
      const worker = config.LECTERN_WORKER ? core.createWorker() : null;
      worker?.start();
      const url = publicUrl(config);
      console.log(`Lectern is running at ${url}  (database: ${core.database.description})`);
      console.log(`  API reference: ${url}/api/docs   health: ${url}/api/v1/health`);
      console.log(
        `  jobs: ${worker ? "worker running in this process" : "LECTERN_WORKER=false, run `lectern worker`"}; email: ${config.SMTP_URL ? "SMTP" : "no SMTP_URL, messages stay in the outbox (GET /api/v1/messages)"}`,
      );
      if (admin) {
        console.log(
          "\nFirst start: created the admin of tenant",
          `"${tenant.slug}". Shown once; keep them safe:`,
        );
        console.log(`  email:     ${admin.email}`);
        if (admin.password) console.log(`  password:  ${admin.password}`);
        console.log(`  API token: ${admin.token}`);
        console.log(`  try:       curl -H "Authorization: Bearer ${admin.token}" ${url}/api/v1/me\n`);
      }
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        console.log(`\n${signal}: finishing requests and closing`);
        await app.close();
        await worker?.stop();
        await core.close();
        process.exit(0);
      };
      process.on("SIGINT", () => void shutdown("SIGINT"));
      process.on("SIGTERM", () => void shutdown("SIGTERM"));
    });
}
