import { readFileSync, writeFileSync } from "node:fs";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { stringify } from "csv-stringify/sync";
import { importEntities } from "../../core/imports/formats/index.js";
import type { ImportProgress } from "../../core/imports/import-csv.js";
import type { ImportReport } from "../../core/imports/imports.schemas.js";
import { importEntitySchema } from "../../core/imports/imports.schemas.js";
import { cliActor, resolveTenant, withCore } from "../context.js";

function parseEntity(value: string) {
  const entity = importEntitySchema.safeParse(value);
  if (!entity.success) throw new Error(`entity must be one of ${importEntities.join(", ")}`);
  return entity.data;
}

/** One bar per phase (validate, then write), on stderr so stdout stays clean. */
function progressBar() {
  let bar: SingleBar | undefined;
  let phase: ImportProgress["phase"] | undefined;
  return {
    update(progress: ImportProgress) {
      if (progress.total < 5000 || !process.stderr.isTTY) return;
      if (phase !== progress.phase) {
        bar?.stop();
        phase = progress.phase;
        bar = new SingleBar({
          format: `${progress.phase === "validate" ? "validating" : "importing "} [{bar}] {percentage}% | {value}/{total} rows | {duration}s`,
          stream: process.stderr,
          hideCursor: true,
        });
        bar.start(progress.total, 0);
      }
      bar?.update(progress.done);
    },
    stop: () => bar?.stop(),
  };
}

const SHOWN_PROBLEMS = 50;

function printReport(report: ImportReport, reportFile?: string) {
  const table = report.errors.map((error) => ({
    row: error.row,
    column: error.column ?? "",
    problem: error.message,
  }));
  if (table.length > 0) console.table(table.slice(0, SHOWN_PROBLEMS));
  if (reportFile) {
    writeFileSync(reportFile, stringify(table, { header: true, columns: ["row", "column", "problem"] }));
    const partial = report.errorCount > table.length ? ` (the first ${table.length})` : "";
    console.log(`problem list written to ${reportFile}${partial}`);
  } else if (report.errorCount > SHOWN_PROBLEMS) {
    console.log(`… and ${report.errorCount - SHOWN_PROBLEMS} more problems (--report <file.csv> lists them)`);
  }
  const verdict = report.dryRun
    ? report.errorCount === 0
      ? "dry run: the file is valid, nothing written"
      : "dry run: nothing written"
    : report.created > 0
      ? `imported ${report.created} ${report.entity}`
      : "nothing imported (the file must have no problems at all)";
  console.log(`${report.rows} rows, ${report.valid} valid, ${report.errorCount} problems — ${verdict}`);
}

export function registerCsvCommands(program: Command) {
  program
    .command("import")
    .description(`Import a CSV file (${importEntities.join(", ")}); all or nothing`)
    .argument("<entity>", importEntities.join(" | "))
    .argument("<file>", "CSV file with a header row (see docs/CSV.md)")
    .option("--tenant <slug>", "tenant slug (default: LECTERN_TENANT_SLUG or 'default')")
    .option("--dry-run", "validate and report problems without writing")
    .option("--report <file>", "write the problems (row, column, problem) to a CSV file")
    .action(
      (entityName: string, file: string, options: { tenant?: string; dryRun?: boolean; report?: string }) =>
        withCore(async (core, config) => {
          const entity = parseEntity(entityName);
          const tenant = await resolveTenant(core, config, options.tenant);
          const bar = progressBar();
          const report = await core.imports
            .importCsv(cliActor(tenant), entity, readFileSync(file), {
              dryRun: options.dryRun,
              onProgress: bar.update,
            })
            .finally(bar.stop);
          printReport(report, options.report);
          if (report.errorCount > 0) process.exitCode = 1;
        }),
    );

  program
    .command("export")
    .description(`Export as CSV (${importEntities.join(", ")}) in the format import reads`)
    .argument("<entity>", importEntities.join(" | "))
    .option("--tenant <slug>", "tenant slug (default: LECTERN_TENANT_SLUG or 'default')")
    .option("--out <file>", "write to a file instead of stdout")
    .option("--archived <mode>", "exclude | include | only", "exclude")
    .action((entityName: string, options: { tenant?: string; out?: string; archived: string }) =>
      withCore(async (core, config) => {
        const entity = parseEntity(entityName);
        if (!["exclude", "include", "only"].includes(options.archived))
          throw new Error("--archived must be exclude, include or only");
        const tenant = await resolveTenant(core, config, options.tenant);
        const csv = await core.exports.exportCsv(cliActor(tenant), entity, {
          archived: options.archived as "exclude" | "include" | "only",
        });
        if (options.out) writeFileSync(options.out, csv);
        else process.stdout.write(csv);
      }),
    );
}
