import { Command } from "commander";
import { ConfigError } from "../core/config.js";
import { AppError } from "../core/errors.js";
import { version } from "../server/version.js";
import { registerAdminCommands } from "./commands/admin.js";
import { registerCsvCommands } from "./commands/csv.js";
import { registerEnrollmentCommands } from "./commands/enrollments.js";
import { registerPlanCommands } from "./commands/plans.js";
import { registerServe } from "./commands/serve.js";
import { registerSolverCommands } from "./commands/solver.js";
import { registerWorker } from "./commands/worker.js";

const program = new Command()
  .name("lectern")
  .description("Lectern training management system. Reads DATABASE_URL (default sqlite:./data/lectern.db).")
  .version(version);

registerServe(program);
registerAdminCommands(program);
registerCsvCommands(program);
registerWorker(program);
registerEnrollmentCommands(program);
registerSolverCommands(program);
registerPlanCommands(program);

function report(error: unknown): number {
  if (error instanceof ConfigError) {
    console.error(error.message);
    return 2;
  }
  if (error instanceof AppError) {
    console.error(`error: ${error.message}`);
    for (const field of error.details.errors ?? []) console.error(`  ${field.path}: ${field.message}`);
    return 1;
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}

// `lectern export learners | head` closes the pipe early; that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = report(error);
});
