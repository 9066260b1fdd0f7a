/**
 * The TMS planner end to end at a training company's scale (issue 6). The world of world.ts (20
 * sites in four zones, 100 rooms, 150 qualified instructors, SESSIONS confirmed one-day sessions
 * as fixed bookings) gets three more courses (1, 2 and 3 days); then, for each size in SIZES, a
 * quarter's demand of that many runs over those courses and the open sites is planned through
 * the planning service (the answer once the input is checked, the model built from the database,
 * the search in its worker thread with a coordinator's defaults, the proposal read back) and
 * applied through the conflict-checked session path. Each size plans its own quarter, so earlier
 * sizes do not crowd later ones; the sessions are seeded from the Monday after next, since plans
 * cannot start in the past.
 *
 * Baseline in the same run: the dry-run check of one two-day session (the check every session
 * write makes), so applying is shown per session as a multiple of it.
 *
 * HALF_DAYS=1 gives the one-day course a morning (09:00–12:30) and an afternoon (13:30–17:00) line
 * per site instead of one all day: runs may then share rooms and instructors within a day (the
 * solver's time bands).
 *
 *   npm run bench:planning                       (SQLite; also PostgreSQL with LECTERN_TEST_PG_URL)
 *   SIZES=30,100 SESSIONS=5000 npm run bench:planning
 *   HALF_DAYS=1 SIZES=300 npm run bench:planning
 */
import { createCore } from "../src/core/app.js";
import { type Actor, systemActor } from "../src/core/auth/actor.js";
import { applyInputSchema, planInputSchema } from "../src/core/planning/plans.schemas.js";
import { addDays } from "../src/core/time/zoned.js";
import { freshDatabase, mulberry32, pgUrl, round, writeResult } from "./support.js";
import { benchCourse, PER_DAY, seedWorld, type World } from "./world.js";

const SESSIONS = Number(process.env.SESSIONS ?? 20_000);
const SIZES = (process.env.SIZES ?? "30,100,300").split(",").map(Number);
const CHECKS = 30;
const HALF_DAYS = process.env.HALF_DAYS === "1";
/** Plans cannot start in the past: the sessions are seeded from the Monday after next on. */
const today = new Date().toISOString().slice(0, 10);
const FIRST_MONDAY = addDays(today, 14 - ((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7));

type Core = Awaited<ReturnType<typeof createCore>>;

async function addCourses(core: Core, actor: Actor) {
  const courses = [];
  for (const days of [1, 2, 3]) {
    courses.push(
      await core.courses.create(
        actor,
        benchCourse(`PLAN-${days}`, `Planned course, ${days} day${days > 1 ? "s" : ""}`, days),
      ),
    );
  }
  return courses;
}

/**
 * `runs` runs spread round-robin over every (course, site) demand line, in one quarter. The seeded
 * sessions take the first PER_DAY rooms every day, so sites whose rooms are all among them are
 * full: the demand goes to the others.
 */
function demandFor(world: World, courses: { id: string }[], runs: number, monday: string) {
  const open = world.locations.filter((location) =>
    world.rooms.some((room, index) => room.locationId === location.id && index >= PER_DAY),
  );
  // With HALF_DAYS, the one-day course has a morning and an afternoon line per site.
  const hours = HALF_DAYS
    ? [
        { startTime: "09:00", endTime: "12:30" },
        { startTime: "13:30", endTime: "17:00" },
      ]
    : [{}];
  const lines = courses.flatMap((course, c) =>
    open.flatMap((location) =>
      (c === 0 ? hours : [{}]).map((times) => ({
        courseId: course.id,
        locationId: location.id,
        window: { from: monday, to: addDays(monday, 7 * 13 - 3) },
        ...times,
        runs: 0,
      })),
    ),
  );
  for (let run = 0; run < runs; run++) lines[run % lines.length]!.runs++;
  return lines.filter((line) => line.runs > 0);
}

/** Median of CHECKS dry-run checks of a two-day session at random sites and weeks (after as many unmeasured). */
async function checkBaseline(core: Core, actor: Actor, world: World, course: { id: string }, monday: string) {
  const random = mulberry32(5);
  const times: number[] = [];
  for (let i = 0; i < 2 * CHECKS; i++) {
    const location = world.locations[Math.floor(random() * world.locations.length)]!;
    const room = world.rooms.find((r) => r.locationId === location.id)!;
    const instructor = world.instructors[Math.floor(random() * world.instructors.length)]!;
    const start = addDays(monday, 7 * Math.floor(random() * 12));
    const started = performance.now();
    await core.sessions.check(actor, {
      courseId: course.id,
      title: null,
      format: "ilt",
      timeZone: location.timeZone,
      locationId: location.id,
      visibility: "public",
      clientId: null,
      priceMinor: null,
      virtualPlatformId: null,
      notes: null,
      status: "draft",
      override: null,
      suggestions: false,
      segments: [0, 1].map((offset) => ({
        start: `${addDays(start, offset)}T09:00`,
        end: `${addDays(start, offset)}T17:00`,
        roomId: room.id,
      })),
      instructors: [{ instructorId: instructor.id, role: "lead", segments: null, respondBy: null }],
      equipment: [],
    });
    if (i >= CHECKS) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function run(kind: "sqlite" | "postgres") {
  const database = await freshDatabase(kind, "planning");
  const core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 4 });
  try {
    const { tenant } = await core.tenancy.ensureTenant("bench");
    const actor = systemActor(tenant.id, "bench");
    const world = await seedWorld(core, actor, SESSIONS, FIRST_MONDAY);
    const courses = await addCourses(core, actor);
    const lastDay = addDays(FIRST_MONDAY, world.days - 1);
    const rows = [];
    for (const [index, runs] of SIZES.entries()) {
      // Each size plans its own quarter (13 weeks).
      const monday = addDays(FIRST_MONDAY, 7 * 13 * index);
      if (addDays(monday, 7 * 13) > lastDay)
        console.warn(`${kind}: the quarter from ${monday} ends after the seeded sessions (${lastDay})`);
      const checkMs = await checkBaseline(core, actor, world, courses[1]!, monday);
      const input = planInputSchema.parse({ demand: demandFor(world, courses, runs, monday) });
      const created = performance.now();
      const plan = await core.planning.create(actor, input);
      const answerMs = performance.now() - created;
      await core.planning.settled(plan.id);
      const proposalMs = performance.now() - created;
      const done = await core.planning.get(actor, plan.id);
      if (done.status !== "done" || !done.result)
        throw new Error(`plan ${plan.id} is ${done.status}: ${done.error}`);
      if (process.env.DEBUG_PLAN)
        for (const item of done.result.items.filter((i) => i.status === "unplaced"))
          console.error(
            item.key,
            item.timeZone,
            JSON.stringify(item.explanation.map((x) => [x.constraint, x.count, x.message.slice(0, 150)])),
          );
      const applying = performance.now();
      const applied = await core.planning.apply(actor, plan.id, applyInputSchema.parse({}));
      const applyMs = performance.now() - applying;
      const report = applied.applied ?? [];
      const createdSessions = report.filter((item) => item.status === "created").length;
      // Days on which one room or one instructor holds more than one of the plan's runs (time bands).
      const shared = (of: "roomId" | "instructorId") => {
        const runsOn = new Map<string, number>();
        for (const item of done.result!.items)
          for (const segment of item.segments)
            if (segment[of])
              runsOn.set(
                `${segment.date} ${segment[of]}`,
                (runsOn.get(`${segment.date} ${segment[of]}`) ?? 0) + 1,
              );
        return [...runsOn.values()].filter((n) => n > 1).length;
      };
      rows.push({
        database: kind,
        runs,
        events: done.result.stats.events,
        answerMs: round(answerMs, 0),
        proposalS: round(proposalMs / 1000, 1),
        // The model's build is the rest: reads and conflict checks on this thread.
        buildS: round((proposalMs - done.result.stats.elapsedMs) / 1000, 1),
        searchS: round(done.result.stats.elapsedMs / 1000, 1),
        moves: done.result.stats.iterations,
        stoppedBy: done.result.stats.stoppedBy,
        placed: done.result.placed,
        hard: done.result.score.hard,
        soft: round(done.result.score.soft, 1),
        sharedRoomDays: shared("roomId"),
        sharedInstructorDays: shared("instructorId"),
        created: createdSessions,
        refused: report.filter((item) => item.status === "conflict" || item.status === "error").length,
        applyMs: round(applyMs, 0),
        applyPerSessionMs: createdSessions ? round(applyMs / createdSessions, 1) : null,
        checkMs: round(checkMs, 2),
        applyPerSessionVsCheck: createdSessions ? round(applyMs / createdSessions / checkMs, 1) : null,
      });
    }
    return rows;
  } finally {
    await core.close();
    await database.drop();
  }
}

const results = [];
for (const kind of pgUrl ? (["sqlite", "postgres"] as const) : (["sqlite"] as const))
  results.push(...(await run(kind)));
console.table(results);
for (const row of results)
  console.log(
    `${row.database}, ${row.runs} runs (${row.events} days): answered in ${row.answerMs} ms, proposal after ${row.proposalS} s (model ${row.buildS} s, search ${row.searchS} s, ${row.stoppedBy}), ${row.placed} placed (${row.sharedRoomDays} room-days and ${row.sharedInstructorDays} instructor-days shared by runs), ${row.created} created and ${row.refused} refused on apply; apply ${row.applyPerSessionMs} ms a session = ${row.applyPerSessionVsCheck}× one dry-run check`,
  );
console.log(
  `written to ${writeResult("planning", { date: new Date().toISOString(), node: process.version, sessions: SESSIONS, sizes: SIZES, results })}`,
);
