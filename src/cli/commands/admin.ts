import type { Command } from "commander";
import { roles } from "../../core/auth/actor.js";
import { roleSchema } from "../../core/auth/auth.schemas.js";
import { loadConfig } from "../../core/config.js";
import { createDatabase } from "../../core/db/database.js";
import { migrateToLatest } from "../../core/db/migrate.js";
import { seedDemoSessions } from "../../core/demo/demo-sessions.js";
import { seedDemo } from "../../core/demo/seed-demo.js";
import { clearProgress, cliActor, resolveTenant, showProgress, withCore } from "../context.js";

export function registerAdminCommands(program: Command) {
  program
    .command("migrate")
    .description("Apply pending database migrations (serve does this on start too)")
    .action(async () => {
      const config = loadConfig();
      const database = createDatabase(config.DATABASE_URL);
      try {
        const report = await migrateToLatest(database);
        console.log(
          report.applied.length === 0
            ? `Database is up to date (${report.total} migrations): ${database.description}`
            : `Applied ${report.applied.join(", ")} to ${database.description}`,
        );
      } finally {
        await database.destroy();
      }
    });

  program
    .command("seed")
    .description("Load sample data into a tenant")
    .requiredOption("--demo", "the demo training company")
    .option("--tenant <slug>", "tenant slug (created if missing)")
    .action((options: { tenant?: string }) =>
      withCore(async (core, config) => {
        const tenant = await resolveTenant(core, config, options.tenant);
        const summary = await seedDemo(core, tenant.id, {
          onProgress: showProgress("demo"),
        });
        clearProgress();
        if (summary.skipped) return console.log(`Tenant "${tenant.slug}" already has data; nothing loaded`);
        // Six weeks of sessions from today, so the calendar and dashboard have something to show.
        const sessions = await seedDemoSessions(core, tenant.id, {
          from: new Date().toISOString().slice(0, 10),
        });
        console.log({ ...summary, sessions });
      }),
    );

  const token = program.command("token").description("API tokens");
  token
    .command("create")
    .description("Create an API token and print only the token (the tenant is created if missing)")
    .option("--tenant <slug>", "tenant slug (default: LECTERN_TENANT_SLUG or 'default')")
    .option("--role <role>", `one of ${roles.join(", ")}`, "admin")
    .option("--name <name>", "label shown in token lists", "CLI token")
    .option("--client <clientId>", "the client a client_contact token acts for (that role only)")
    .action((options: { tenant?: string; role: string; name: string; client?: string }) =>
      withCore(async (core, config) => {
        const role = roleSchema.safeParse(options.role);
        if (!role.success) throw new Error(`--role must be one of ${roles.join(", ")}`);
        const tenant = await resolveTenant(core, config, options.tenant);
        const clientId = options.client ?? null;
        await core.auth.assertClientBinding(tenant.id, role.data, clientId);
        const created = await core.auth.issueToken(cliActor(tenant), {
          name: options.name,
          role: role.data,
          expiresAt: null,
          clientId,
        });
        process.stdout.write(`${created.token}\n`);
      }),
    );
}
