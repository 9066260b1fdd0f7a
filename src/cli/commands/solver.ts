import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { cttToModel, parseCtt, writeSolution } from "../../core/solver/itc2007/ctt.js";
import { formatReport, formatSummary, validateItc } from "../../core/solver/itc2007/validate.js";
import { runSolverInWorker } from "../../core/solver/run-in-worker.js";

function positive(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number`);
  return number;
}

function integer(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a non-negative integer`);
  return number;
}

export function registerSolverCommands(program: Command) {
  program
    .command("solve-itc")
    .description("Solve an ITC2007 Track 3 instance (.ctt) and print the official validator summary")
    .argument("<file>", "instance file (.ctt)")
    .option("--time <seconds>", "time limit in seconds", "60")
    .option("--seed <n>", "random seed (same seed and --iterations: same result)", "1")
    .option("--iterations <n>", "move budget instead of the clock (reproducible)")
    .option("--out <file>", "write the solution (<course> <room> <day> <period> per line)")
    .action(
      async (file: string, options: { time: string; seed: string; iterations?: string; out?: string }) => {
        const instance = parseCtt(readFileSync(file, "utf8"));
        const model = cttToModel(instance);
        const live = process.stderr.isTTY;
        const job = runSolverInWorker(model, {
          timeLimitMs: positive("--time", options.time) * 1000,
          seed: integer("--seed", options.seed),
          ...(options.iterations ? { maxIterations: integer("--iterations", options.iterations) } : {}),
          progressIntervalMs: 200,
          onProgress: (p) => {
            if (!live) return;
            const moves = p.iterations >= 1e6 ? `${(p.iterations / 1e6).toFixed(1)}M` : String(p.iterations);
            process.stderr.write(
              `\r${(p.elapsedMs / 1000).toFixed(1)}s  best: ${p.bestHard} hard, ${p.bestSoft} soft  ${moves} moves  T=${p.temperature.toFixed(3)}   `,
            );
          },
        });
        const stop = () => job.cancel();
        process.once("SIGINT", stop);
        const result = await job.result.finally(() => process.off("SIGINT", stop));
        if (live) process.stderr.write("\n");
        const solution = writeSolution(instance, model, result);
        if (options.out) writeFileSync(options.out, solution);
        console.log(
          `${instance.name}: ${result.iterations} moves in ${(result.elapsedMs / 1000).toFixed(1)} s (seed ${options.seed})`,
        );
        console.log(formatSummary(validateItc(instance, solution)));
      },
    );

  program
    .command("validate-itc")
    .description("Validate an ITC2007 Track 3 solution with the official scoring")
    .argument("<instance>", "instance file (.ctt)")
    .argument("<solution>", "solution file (<course> <room> <day> <period> per line)")
    .action((instanceFile: string, solutionFile: string) => {
      const instance = parseCtt(readFileSync(instanceFile, "utf8"));
      console.log(formatReport(validateItc(instance, readFileSync(solutionFile, "utf8"))));
    });
}
