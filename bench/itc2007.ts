/**
 * The planner on the ITC2007 Track 3 benchmark (curriculum-based course timetabling). For every
 * instance in ../shared/bench/itc2007 (ITC2007_DIR or --dir overrides) and every .ctt given as an
 * argument, solves with a fixed time limit per seed on one thread, validates the solution with the
 * official scoring, and compares with REFERENCE_RESULTS.md of that folder (best known in 2013 and
 * the ITC2007 winner's final results). Goal: 0 hard violations everywhere; soft cost within 20%
 * (+5) of Best-2013; better than the winner's final results (ITC-final-M) on most instances.
 *
 *   npm run bench:itc2007                         (TIME=60 s per run, SEEDS=1)
 *   TIME=20 SEEDS=1,2 npm run bench:itc2007 -- comp01 comp04   (only these instances)
 *   npm run bench:itc2007 -- --dir /data/itc2007 extra/comp08.ctt
 *   MOVES=6000000 SEEDS=1,2,3 npm run bench:itc2007   (fixed move budget: reproducible, load-proof)
 *   OPTS='{"kempeRate":0.3}' MOVES=6000000 npm run bench:itc2007   (solver options, for tuning)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cttToModel, parseCtt, writeSolution } from "../src/core/solver/itc2007/ctt.js";
import { type ItcReference, parseReferenceResults } from "../src/core/solver/itc2007/references.js";
import { validateItc } from "../src/core/solver/itc2007/validate.js";
import { type SolveOptions, solve } from "../src/core/solver/solve.js";
import { writeResult } from "./support.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const dirFlag = args.indexOf("--dir");
const directory =
  dirFlag >= 0
    ? resolve(args[dirFlag + 1]!)
    : resolve(process.env.ITC2007_DIR ?? join(root, "../shared/bench/itc2007"));
const rest = dirFlag >= 0 ? args.filter((_, i) => i !== dirFlag && i !== dirFlag + 1) : args;
const TIME = Number(process.env.TIME ?? 60);
const SEEDS = (process.env.SEEDS ?? "1").split(",").map(Number);
// A move budget makes a run reproducible for a seed whatever the machine's load (no time limit then).
const MOVES = process.env.MOVES ? Number(process.env.MOVES) : undefined;
const OPTS = process.env.OPTS ? (JSON.parse(process.env.OPTS) as SolveOptions) : {};

/** REFERENCE_RESULTS.md of the instance folder, when there is one. */
function readReferences(folder: string): Map<string, ItcReference> {
  const file = join(folder, "REFERENCE_RESULTS.md");
  return existsSync(file) ? parseReferenceResults(readFileSync(file, "utf8")) : new Map();
}

const files: string[] = [];
const named = rest.filter((arg) => !arg.endsWith(".ctt"));
if (existsSync(directory))
  for (const file of readdirSync(directory).sort())
    if (file.endsWith(".ctt") && (named.length === 0 || named.includes(basename(file, ".ctt"))))
      files.push(join(directory, file));
for (const arg of rest) if (arg.endsWith(".ctt")) files.push(resolve(arg));
if (files.length === 0) {
  console.error(`no .ctt instances found (looked in ${directory})`);
  process.exit(1);
}
const references = readReferences(directory);
const solutions = join(root, "bench/results/itc2007");
mkdirSync(solutions, { recursive: true });

const budget = MOVES !== undefined ? `${MOVES} moves` : `${TIME} s`;
const optsText = process.env.OPTS ? `, options ${process.env.OPTS}` : "";
console.log(
  `ITC2007 Track 3: ${files.length} instances, ${budget} per run, seeds ${SEEDS.join(",")}${optsText}\n`,
);
const rows: Record<string, unknown>[] = [];
const tally = {
  instances: 0,
  feasible: 0,
  withGoal: 0,
  goalMet: 0,
  runsWithGoal: 0,
  runsInGoal: 0,
  withFinalM: 0,
  beatsM: 0,
  tiesM: 0,
};
const header =
  "| instance | hard | soft (per seed) | mean | best soft | Best-2013 | gap | goal ≤ | ITC-final-M | beats M |";
const lines = [header, "|---|---|---|---|---|---|---|---|---|---|"];
for (const file of files) {
  const name = basename(file, ".ctt");
  const instance = parseCtt(readFileSync(file, "utf8"));
  const model = cttToModel(instance);
  const runs = SEEDS.map((seed) => {
    const result = solve(
      model,
      MOVES !== undefined
        ? { ...OPTS, seed, maxIterations: MOVES, timeLimitMs: 3_600_000 }
        : { ...OPTS, seed, timeLimitMs: TIME * 1000 },
    );
    const solution = writeSolution(instance, model, result);
    writeFileSync(join(solutions, `${name}-seed${seed}.sol`), solution);
    const v = validateItc(instance, solution);
    process.stderr.write(
      `${name} seed ${seed}: violations ${v.violations}, cost ${v.totalCost}, ${result.iterations} moves, ${(result.elapsedMs / 1000).toFixed(1)} s\n`,
    );
    return { seed, violations: v.violations, cost: v.totalCost, moves: result.iterations, validation: v };
  });
  const feasible = runs.filter((run) => run.violations === 0);
  const bestSoft = feasible.length > 0 ? Math.min(...feasible.map((run) => run.cost)) : null;
  const ref = references.get(name);
  const best2013 = ref?.best2013 ?? null;
  const finalM = ref?.finalM ?? null;
  const goal = best2013 !== null ? Math.floor(best2013 * 1.2 + 5) : null;
  const gap =
    best2013 !== null && bestSoft !== null
      ? `${(((bestSoft - best2013) / Math.max(best2013, 1)) * 100).toFixed(0)}%`
      : "–";
  const hard = Math.max(...runs.map((run) => run.violations));
  const mean =
    feasible.length > 0
      ? (feasible.reduce((sum, run) => sum + run.cost, 0) / feasible.length).toFixed(1)
      : "–";
  lines.push(
    `| ${name} | ${hard} | ${runs.map((run) => (run.violations ? `${run.cost}*` : run.cost)).join(", ")} | ${mean} | ${bestSoft ?? "–"} | ${best2013 ?? "–"} | ${gap} | ${goal ?? "–"}${goal !== null && bestSoft !== null ? (bestSoft <= goal ? " ✓" : " ✗") : ""} | ${finalM ?? "–"} | ${finalM !== null && bestSoft !== null ? (bestSoft < finalM ? "yes" : bestSoft === finalM ? "tie" : "no") : "–"} |`,
  );
  tally.instances++;
  if (hard === 0) tally.feasible++;
  if (goal !== null && bestSoft !== null) {
    tally.withGoal++;
    if (bestSoft <= goal) tally.goalMet++;
    tally.runsWithGoal += runs.length;
    tally.runsInGoal += feasible.filter((run) => run.cost <= goal).length;
  }
  if (finalM !== null && bestSoft !== null) {
    tally.withFinalM++;
    if (bestSoft < finalM) tally.beatsM++;
    else if (bestSoft === finalM) tally.tiesM++;
  }
  rows.push({
    instance: name,
    runs: runs.map(({ validation, ...run }) => run),
    bestSoft,
    reference: ref ?? null,
  });
}
console.log(lines.join("\n"));
console.log(
  [
    "",
    `No hard violation in any run: ${tally.feasible} of ${tally.instances} instances.`,
    `Within 20% (+5) of Best-2013: ${tally.goalMet} of ${tally.withGoal} instances by the best seed; ${tally.runsInGoal} of ${tally.runsWithGoal} runs.`,
    `Better than ITC-final-M: ${tally.beatsM} of ${tally.withFinalM} instances (tied on ${tally.tiesM}).`,
  ].join("\n"),
);
console.log("\n* = infeasible run (hard violations > 0). Solutions in bench/results/itc2007/.");
const file = writeResult("itc2007", {
  date: new Date().toISOString(),
  timeSeconds: MOVES === undefined ? TIME : null,
  moves: MOVES ?? null,
  options: OPTS,
  seeds: SEEDS,
  rows,
});
console.log(`results: ${file}`);
