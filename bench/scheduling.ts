import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCore } from "../src/core/app.js";
import { systemActor } from "../src/core/auth/actor.js";
import { bookingRepository } from "../src/core/scheduling/bookings.repository.js";
import { addDays, localToInstant } from "../src/core/time/zoned.js";
import { freshDatabase, mulberry32, pgUrl, round, writeResult } from "./support.js";
import { FIRST_DAY, INSTRUCTORS, seedWorld, type World } from "./world.js";

const SESSIONS = Number(process.env.SESSIONS ?? 60_000);
const ITERATIONS = Number(process.env.ITERATIONS ?? 500);
const WARMUP = Number(process.env.WARMUP ?? 1000);
/** Measuring processes per database; the table shows each, the summary line their median. */
const RUNS = Number(process.env.RUNS ?? 3);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function timed(run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * Measures in a process of its own, started on the seeded database as a server would be: the
 * seeding's garbage and JIT state are not in its heap.
 */
async function measure(url: string, world: World) {
  const core = await createCore({ DATABASE_URL: url, DATABASE_POOL_MAX: 4 });
  const { tenant } = await core.tenancy.ensureTenant("bench");
  const actor = systemActor(tenant.id, "bench");
  const random = mulberry32(11);

  // The same inputs for every loop: a random week at a random site, two random instructors.
  const inputs = Array.from({ length: WARMUP + ITERATIONS }, () => {
    const day = Math.floor(random() * (world.days - 10));
    const monday = addDays(FIRST_DAY, day - (day % 7));
    const location = world.locations[Math.floor(random() * world.locations.length)]!;
    const room = world.rooms.find((r) => r.locationId === location.id)!;
    const first = world.instructors[Math.floor(random() * INSTRUCTORS)]!;
    const second = world.instructors[Math.floor(random() * INSTRUCTORS)]!;
    return { monday, location, room, first, second };
  });
  const checkBody = ({ monday, location, room, first, second }: (typeof inputs)[number]) => ({
    courseId: world.course.id,
    title: null,
    format: "ilt" as const,
    timeZone: location.timeZone,
    locationId: location.id,
    visibility: "public" as const,
    clientId: null,
    priceMinor: null,
    virtualPlatformId: null,
    notes: null,
    status: "draft" as const,
    override: null,
    suggestions: false,
    segments: [0, 1, 2, 3, 4].map((offset) => ({
      start: `${addDays(monday, offset)}T09:00`,
      end: `${addDays(monday, offset)}T17:00`,
      roomId: room.id,
    })),
    instructors: [
      { instructorId: first.id, role: "lead" as const, segments: null, respondBy: null },
      ...(second.id === first.id
        ? []
        : [{ instructorId: second.id, role: "co" as const, segments: null, respondBy: null }]),
    ],
    equipment: [{ equipmentId: world.laptops.id, quantity: 10, segments: null }],
  });

  // Each operation runs in its own loop, alternating with its baseline query, so one operation's
  // garbage is not collected during the other's timing. The first WARMUP rounds are not timed:
  // the figures are a running server's, after the JIT has compiled the path.
  const checks: number[] = [];
  const raws: number[] = [];
  let conflictsSeen = 0;
  for (const [iteration, input] of inputs.entries()) {
    const body = checkBody(input);
    const from = localToInstant(`${input.monday}T09:00`, input.location.timeZone);
    const to = localToInstant(`${addDays(input.monday, 4)}T17:00`, input.location.timeZone);
    const checkMs = await timed(async () => {
      const result = await core.sessions.check(actor, body);
      conflictsSeen += result.conflicts.length;
    });
    const rawMs = await timed(() =>
      bookingRepository.countOverlapping(core.database.db, actor.tenantId, input.first.id, from, to),
    );
    if (iteration < WARMUP) continue;
    checks.push(checkMs);
    raws.push(rawMs);
  }
  const calendars: number[] = [];
  const rawCalendar: number[] = [];
  for (const [iteration, { monday, room }] of inputs.entries()) {
    if (process.env.SKIP_CALENDAR) break;
    const monthStart = `${monday.slice(0, 7)}-01T00:00:00Z`;
    const monthEnd = new Date(Date.parse(monthStart) + 31 * 86_400_000).toISOString();
    const calendarMs = await timed(() => core.sessions.calendar(actor, { from: monthStart, to: monthEnd }));
    const rawCalendarMs = await timed(() =>
      bookingRepository.countOverlapping(
        core.database.db,
        actor.tenantId,
        room.id,
        Date.parse(monthStart),
        Date.parse(monthEnd),
      ),
    );
    if (iteration < WARMUP) continue;
    calendars.push(calendarMs);
    rawCalendar.push(rawCalendarMs);
  }
  await core.close();
  const rawP95 = percentile(raws, 95);
  return {
    rawP50: round(percentile(raws, 50), 2),
    rawP95: round(rawP95, 2),
    checkP50: round(percentile(checks, 50), 2),
    checkP95: round(percentile(checks, 95), 2),
    checkP95VsRaw: round(percentile(checks, 95) / rawP95, 1),
    calendarP50: calendars.length ? round(percentile(calendars, 50), 2) : null,
    calendarP95: calendars.length ? round(percentile(calendars, 95), 2) : null,
    calendarP95VsRaw: calendars.length
      ? round(percentile(calendars, 95) / percentile(rawCalendar, 95), 1)
      : null,
    conflictsPerCheck: round(conflictsSeen / inputs.length, 2),
  };
}

async function run(kind: "sqlite" | "postgres") {
  const database = await freshDatabase(kind, "scheduling");
  const core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 4 });
  const { tenant } = await core.tenancy.ensureTenant("bench");
  const seedStarted = performance.now();
  const world = await seedWorld(core, systemActor(tenant.id, "bench"), SESSIONS);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await core.close();
  try {
    const worldFile = join(tmpdir(), `lectern-bench-world-${process.pid}.json`);
    writeFileSync(worldFile, JSON.stringify(world));
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
        env: { ...process.env, BENCH_MEASURE_URL: database.url, BENCH_WORLD_FILE: worldFile },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 16 * 1024 * 1024,
      });
      if (child.status !== 0) throw new Error(`measuring process failed (${child.status})`);
      const measured = JSON.parse(child.stdout.trim().split("\n").at(-1)!);
      runs.push({
        database: kind,
        run,
        sessions: SESSIONS,
        bookings: world.bookingCount,
        seedSeconds: round(seedSeconds),
        ...measured,
      });
    }
    rmSync(worldFile, { force: true });
    return runs;
  } finally {
    await database.drop();
  }
}

if (process.env.BENCH_MEASURE_URL) {
  const world = JSON.parse(readFileSync(process.env.BENCH_WORLD_FILE!, "utf8")) as World;
  console.log(JSON.stringify(await measure(process.env.BENCH_MEASURE_URL, world)));
  process.exit(0);
}

const results = [];
for (const kind of pgUrl ? (["sqlite", "postgres"] as const) : (["sqlite"] as const))
  results.push(...(await run(kind)));
console.table(results);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const kind of new Set(results.map((result) => result.database))) {
  const runs = results.filter((result) => result.database === kind);
  const ratios = runs.map((result) => result.checkP95VsRaw as number);
  console.log(
    `${kind}: dry-run check p95 ${runs.map((r) => r.checkP95).join(" / ")} ms = ${ratios.join(" / ")}× one raw overlap query (median ${median(ratios)}×, goal < 10×); calendar month p95 ${runs.map((r) => r.calendarP95).join(" / ")} ms`,
  );
}
console.log(
  `written to ${writeResult("scheduling", { date: new Date().toISOString(), node: process.version, iterations: ITERATIONS, warmup: WARMUP, runs: RUNS, results })}`,
);
