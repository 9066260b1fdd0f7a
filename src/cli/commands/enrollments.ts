import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { cliActor, resolveTenant, withCore } from "../context.js";

export function registerEnrollmentCommands(program: Command) {
  const enrollments = program.command("enrollments").description("Enrollments and waitlists");

  enrollments
    .command("expire-offers")
    .description("Lapse every seat offer past its expiry (all tenants) and offer the seats on; for cron")
    .action(() =>
      withCore(async (core) => {
        const { sessions } = await core.enrollments.expireOffers();
        console.log(`expired offers handled in ${sessions} session${sessions === 1 ? "" : "s"}`);
      }),
    );

  enrollments
    .command("import")
    .description(
      "Enroll the learners of a CSV file (a learnerId or email column) into a session, in file order",
    )
    .argument("<session-id>", "the session")
    .argument("<file>", "CSV file with a header row")
    .option("--tenant <slug>", "tenant slug (default: LECTERN_TENANT_SLUG or 'default')")
    .action((sessionId: string, file: string, options: { tenant?: string }) =>
      withCore(async (core, config) => {
        const tenant = await resolveTenant(core, config, options.tenant);
        const { results } = await core.enrollments.enrollCsv(
          cliActor(tenant),
          sessionId,
          readFileSync(file, "utf8"),
        );
        const count = (status: string) => results.filter((r) => r.enrollment?.status === status).length;
        for (const result of results.filter((r) => r.error)) {
          console.error(`  ${result.learnerId}: ${result.error!.message}`);
        }
        console.log(
          `${count("enrolled")} enrolled, ${count("waitlisted")} waitlisted, ${count("pending_approval")} pending approval, ${results.filter((r) => r.error).length} refused`,
        );
        if (results.some((r) => r.error)) process.exitCode = 1;
      }),
    );
}
