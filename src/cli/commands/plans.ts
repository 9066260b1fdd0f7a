import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { Core } from "../../core/app.js";
import type { Actor } from "../../core/auth/actor.js";
import {
  type AutoStaffResult,
  applyInputSchema,
  autoStaffInputSchema,
  type Plan,
  planInputSchema,
} from "../../core/planning/plans.schemas.js";
import { parseInput } from "../../core/shared/parse-input.js";
import { clearProgress, cliActor, resolveTenant, showProgress, withCore } from "../context.js";

interface CreateOptions {
  demand?: string;
  sessions?: string;
  seed?: string;
  time?: string;
  iterations?: string;
  tenant?: string;
  json?: boolean;
}

/** A demand file is a list of demand items, or a whole plan input ({demand, sessions, seed, …}). */
function readInput(options: CreateOptions) {
  const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as unknown;
  const demand = options.demand ? read(options.demand) : [];
  const base = Array.isArray(demand) ? { demand } : (demand as Record<string, unknown>);
  const raw = {
    ...base,
    ...(options.sessions && {
      sessions: (read(options.sessions) as unknown[]).map((item) =>
        typeof item === "string" ? { sessionId: item } : item,
      ),
    }),
    ...(options.seed && { seed: Number(options.seed) }),
    ...(options.time && { timeLimitSeconds: Number(options.time) }),
    ...(options.iterations && { iterations: Number(options.iterations) }),
  };
  return parseInput(planInputSchema, raw);
}

export function printPlan(plan: Plan, log: (line: string) => void = console.log) {
  log(`plan ${plan.id}: ${plan.status}`);
  if (plan.error) log(`  ${plan.error}`);
  const result = plan.result;
  if (!result) return;
  for (const item of result.items) {
    log(
      `${item.key} ${item.courseTitle}: ${item.status}${item.sessionId ? ` (session ${item.sessionId})` : ""}`,
    );
    for (const s of item.segments)
      log(`  ${s.date} ${s.start}-${s.end}  ${s.instructorName ?? "-"}  ${s.roomName ?? "virtual"}`);
    for (const e of item.explanation) log(`  blocked by ${e.constraint}: ${e.message}`);
  }
  const costs = result.score.constraints
    .filter((c) => c.count > 0)
    .map((c) => `${c.constraint} ${c.count}${c.kind === "soft" ? ` x${c.weight}` : ""}`);
  log(
    `score: hard ${result.score.hard}, soft ${result.score.soft}${costs.length ? ` (${costs.join(", ")})` : ""}`,
  );
  log(`placed ${result.placed}, unplaced ${result.unplaced}`);
  for (const entry of plan.applied ?? []) {
    log(
      `apply ${entry.key}: ${entry.status}${entry.sessionId ? ` ${entry.sessionId}` : ""}${entry.message ? ` — ${entry.message}` : ""}`,
    );
    for (const conflict of entry.conflicts) log(`  ${conflict.type}: ${conflict.message}`);
  }
}

export function printStaffing(result: AutoStaffResult, log: (line: string) => void = console.log) {
  if (result.candidates.length === 0) log("nobody qualified is free for this session");
  result.candidates.forEach((c, i) => {
    const rates = [
      ...(c.dayRateMinor === null ? [] : [`${(c.dayRateMinor / 100).toFixed(2)} ${c.currency}/day`]),
      ...(c.hourRateMinor === null ? [] : [`${(c.hourRateMinor / 100).toFixed(2)} ${c.currency}/hour`]),
    ];
    const rate = rates.length === 0 ? "no rate" : rates.join(", ");
    const travel = c.travelMinutes > 0 ? `${c.travelMinutes} min travel` : "local";
    log(
      `${i + 1}. ${c.name}  ${rate}  ${c.teachingDays} days that month  ${travel}  cost ${Math.round(c.cost)}`,
    );
  });
  for (const r of result.rejected) log(`not free: ${r.name} (${r.constraints.join(", ")})`);
  if (result.assigned) log(`assigned ${result.candidates[0]!.name} to session ${result.assigned.id}`);
}

async function waitFor(core: Core, actor: Actor, id: string): Promise<Plan> {
  const progress = showProgress("planning");
  for (;;) {
    const plan = await core.planning.get(actor, id);
    if (!["queued", "running"].includes(plan.status)) {
      clearProgress();
      return plan;
    }
    progress(
      `${Math.round(plan.progress * 100)}%, best hard ${plan.bestHard ?? "-"} soft ${plan.bestSoft ?? "-"}`,
    );
    await Promise.race([core.planning.settled(id), new Promise((resolve) => setTimeout(resolve, 250))]);
  }
}

export function registerPlanCommands(program: Command) {
  const plan = program.command("plan").description("Plan sessions with the solver (docs/PLANNER.md)");

  plan
    .command("create")
    .description(
      "Plan a demand (JSON: a list of {courseId, runs, window, locationId, …} or a whole plan input) and/or draft sessions; the plan runs in this process, which waits for it and prints the proposal",
    )
    .option("--demand <file>", "JSON file with the demand list (or the whole plan input)")
    .option("--sessions <file>", "JSON file with draft session ids (or {sessionId, lock, window} items)")
    .option("--seed <n>", "random seed (same seed and iterations: same plan)")
    .option("--time <seconds>", "time limit")
    .option("--iterations <n>", "move budget")
    .option("--tenant <slug>", "tenant slug (default: LECTERN_TENANT_SLUG or 'default')")
    .option("--json", "print the plan as JSON")
    .action((options: CreateOptions) =>
      withCore(async (core, config) => {
        const actor = cliActor(await resolveTenant(core, config, options.tenant));
        const input = readInput(options);
        const created = await core.planning.create(actor, input);
        // Ctrl-C stops the search and keeps the best plan found so far.
        const stop = () => void core.planning.cancel(actor, created.id).catch(() => {});
        process.once("SIGINT", stop);
        const finished = await waitFor(core, actor, created.id);
        process.off("SIGINT", stop);
        if (options.json) console.log(JSON.stringify(finished, null, 2));
        else printPlan(finished);
        if (finished.status === "failed") process.exitCode = 1;
      }),
    );

  plan
    .command("show")
    .description("Print a plan: progress or proposal, score, explanations, apply report")
    .argument("<id>", "the plan")
    .option("--tenant <slug>", "tenant slug")
    .option("--json", "print the plan as JSON")
    .action((id: string, options: { tenant?: string; json?: boolean }) =>
      withCore(async (core, config) => {
        const found = await core.planning.get(
          cliActor(await resolveTenant(core, config, options.tenant)),
          id,
        );
        if (options.json) console.log(JSON.stringify(found, null, 2));
        else printPlan(found);
      }),
    );

  plan
    .command("apply")
    .description("Write a finished plan through the normal, conflict-checked session path (idempotent)")
    .argument("<id>", "the plan")
    .option("--status <status>", "status of new sessions: draft or planned", "draft")
    .option("--override <reason>", "accept warning conflicts with this reason (never double bookings)")
    .option("--tenant <slug>", "tenant slug")
    .action((id: string, options: { status: string; override?: string; tenant?: string }) =>
      withCore(async (core, config) => {
        const actor = cliActor(await resolveTenant(core, config, options.tenant));
        const input = parseInput(applyInputSchema, {
          status: options.status,
          override: options.override ? { reason: options.override } : null,
        });
        const applied = await core.planning.apply(actor, id, input);
        printPlan(applied);
        if (applied.status !== "applied") process.exitCode = 1;
      }),
    );

  plan
    .command("staff")
    .description(
      "Rank the qualified instructors free for a session by the planner's cost (cheapest first); --assign gives the role to the first through the normal update",
    )
    .argument("<sessionId>", "the session")
    .option("--role <role>", "lead or co", "lead")
    .option("--assign", "assign the cheapest free instructor")
    .option("--override <reason>", "with --assign: accept the session's warning conflicts with this reason")
    .option("--tenant <slug>", "tenant slug")
    .action(
      (sessionId: string, options: { role: string; assign?: boolean; override?: string; tenant?: string }) =>
        withCore(async (core, config) => {
          const actor = cliActor(await resolveTenant(core, config, options.tenant));
          const input = parseInput(autoStaffInputSchema, {
            role: options.role,
            assign: options.assign ?? false,
            override: options.override ? { reason: options.override } : null,
          });
          const result = await core.planning.autoStaff(actor, sessionId, input);
          printStaffing(result);
          if (options.assign && !result.assigned) process.exitCode = 1;
        }),
    );
}
