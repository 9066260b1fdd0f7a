import { sql } from "kysely";
import { expect, it } from "vitest";
import {
  type ApiResponse,
  client,
  describeEachDatabase,
  expectProblem,
  paths,
  unique,
  uniqueEmail,
} from "../../../test/app.js";
import { schedulingWorld, sessionBody, type World } from "../../../test/scheduling-fixtures.js";
import { PLAN_SCORE_LINES } from "../../core/planning/plans.schemas.js";

type Api = ReturnType<typeof client>;

async function waitForPlan(api: Api, id: string): Promise<ApiResponse> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const response = await api.get(`/plans/${id}`);
    expect(response.status).toBe(200);
    if (!["queued", "running"].includes(response.body.status)) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`plan ${id} did not finish`);
}

async function runPlan(api: Api, body: unknown) {
  const created = await api.post("/plans", body);
  expect(created.status, JSON.stringify(created.body)).toBe(202);
  expect(["running", "done"]).toContain(created.body.status);
  const plan = await waitForPlan(api, created.body.id);
  expect(plan.body.status, JSON.stringify(plan.body.error)).toBe("done");
  return plan.body;
}

/**
 * Re-plans a one-day draft over three days of which only the last is free for it: it lands there,
 * and over the first two alone it is unplaced with the given explanation.
 */
async function expectOnlyFreeDay(
  api: Api,
  sessionId: string,
  [first, second, free]: [string, string, string],
  explanation: { constraint: string; message: string; count: number },
) {
  const plan = await runPlan(api, {
    sessions: [{ sessionId, window: { from: first, to: free } }],
    iterations: 3000,
  });
  expect(plan.result.items[0].segments[0].date).toBe(free);
  const blocked = await runPlan(api, {
    sessions: [{ sessionId, window: { from: first, to: second } }],
    iterations: 3000,
  });
  expect(blocked.result.items[0].status).toBe("unplaced");
  expect(blocked.result.items[0].explanation).toContainEqual(explanation);
}

/** A plan's score line for one constraint (count, weight, cost). */
const scoreLine = (plan: any, constraint: string) =>
  plan.result.score.constraints.find((c: { constraint: string }) => c.constraint === constraint);

/** Applies a plan and expects each item's outcome (created, updated, skipped), in order. */
async function applyExpecting(api: Api, planId: string, statuses: string[]) {
  const applied = await api.post(`/plans/${planId}/apply`, {});
  expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  expect(applied.body.applied.map((item: { status: string }) => item.status)).toEqual(statuses);
}

const demand = (world: World, window: { from: string; to: string }, extra: Record<string, unknown> = {}) => ({
  courseId: world.course.id,
  locationId: world.location.id,
  window,
  ...extra,
});

/** Two one-day runs planned on one day where only one can be held: the plan and why the other is not. */
async function twoRunsOneDay(api: Api, world: World, date: string) {
  const plan = await runPlan(api, {
    demand: [demand(world, { from: date, to: date }, { runs: 2 })],
    iterations: 5000,
  });
  expect(plan.result.placed).toBe(1);
  return { plan, lost: plan.result.items.find((item: any) => item.status === "unplaced").explanation[0] };
}

/** Two one-day runs planned over two days that the pools leave room for one a day: one goes on each. */
async function twoRunsTwoDays(api: Api, world: World, first: string, second: string) {
  const plan = await runPlan(api, {
    demand: [demand(world, { from: first, to: second }, { runs: 2 })],
    iterations: 5000,
  });
  expect(plan.result.items.map((item: any) => item.segments[0]?.date).sort()).toEqual([first, second]);
  return plan;
}

/** The scheduling world with its course asking for laptops (the world has a pool of 10 at its location). */
async function worldNeedingLaptops(api: Api, requirement: Record<string, unknown>) {
  const world = await schedulingWorld(api);
  const patched = await api.patch(`/courses/${world.course.id}`, { requiredEquipment: [requirement] });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  return world;
}

/** An online session with no room or instructor that takes `quantity` of a pool on a date. */
async function onlineSessionTaking(
  api: Api,
  world: World,
  pool: { id: string },
  quantity: number,
  date: string,
  times = ["09:00", "17:00"],
) {
  const online = await api.post(
    "/sessions",
    sessionBody(world, date, {
      format: "vilt",
      locationId: null,
      segments: [{ start: `${date}T${times[0]}`, end: `${date}T${times[1]}`, roomId: null }],
      instructors: [],
      equipment: [{ equipmentId: pool.id, quantity }],
    }),
  );
  expect(online.status, JSON.stringify(online.body)).toBe(201);
}

/**
 * Plans one demand run beside a draft (Anna in room B, kept, on the window's last day) that takes
 * `quantity` of a pool; both may have either day of the window.
 */
async function planRunBesideDraft(
  api: Api,
  world: World,
  pool: { id: string },
  quantity: number,
  window: { from: string; to: string },
) {
  const draft = await api.post(
    "/sessions",
    sessionBody(world, window.to, {
      equipment: [{ equipmentId: pool.id, quantity }],
      instructors: [{ instructorId: world.anna.id, role: "lead" }],
      segments: [{ start: `${window.to}T09:00`, end: `${window.to}T17:00`, roomId: world.roomB.id }],
    }),
  );
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  return runPlan(api, {
    demand: [demand(world, window)],
    sessions: [{ sessionId: draft.body.id, window, lock: { instructors: true, rooms: true } }],
    iterations: 5000,
  });
}

/** Ben (the cheaper instructor) gets a teaching-day limit and already teaches on the given dates. */
async function limitBen(api: Api, world: World, limit: Record<string, number>, taught: string[]) {
  expect((await api.patch(`/instructors/${world.ben.id}`, limit)).status).toBe(200);
  const asBen = { instructors: [{ instructorId: world.ben.id, role: "lead" }] };
  for (const date of taught)
    expect((await api.post("/sessions", sessionBody(world, date, asBen))).status).toBe(201);
}

/** Plans two one-day runs in the window: the plan, and who teaches the placed runs (sorted). */
async function planTwoRuns(api: Api, world: World, window: { from: string; to: string }) {
  const plan = await runPlan(api, { demand: [demand(world, window, { runs: 2 })], iterations: 5000 });
  const teachers = plan.result.items
    .filter((item: any) => item.status === "placed")
    .map((item: any) => item.segments[0].instructorId)
    .sort();
  return { plan, teachers };
}

/** A plan row marked running whose heartbeat was last written at `at`. */
const runningPlan = (tenantId: string, id: string, at: number) => ({
  tenant_id: tenantId,
  id,
  status: "running",
  input_json: "{}",
  seed: 1,
  time_limit_ms: 1000,
  max_iterations: 1000,
  progress: 0.5,
  iterations: 500,
  best_hard: 0,
  best_soft: 10,
  result_json: null,
  apply_json: null,
  error: null,
  created_by: "test",
  created_at: at,
  updated_at: at,
  started_at: at,
  finished_at: null,
  applied_at: null,
});

describeEachDatabase("planning", (ctx) => {
  const api = () => client(ctx().app, ctx().a.token);

  it("chooses the cheaper of two free qualified instructors (never the unqualified cheapest one) and the tightest room", async () => {
    const world = await schedulingWorld(api());
    const plan = await runPlan(api(), {
      demand: [demand(world, { from: "2027-03-01", to: "2027-03-01" })],
      iterations: 5000,
    });
    const [item] = plan.result.items;
    expect(item.status).toBe("placed");
    expect(item.segments).toHaveLength(1);
    expect(item.segments[0]).toMatchObject({
      date: "2027-03-01",
      start: "09:00",
      instructorId: world.ben.id,
    });
    expect([world.roomA.id, world.roomB.id]).toContain(item.segments[0].roomId);
    const cost = scoreLine(plan, "instructor_cost");
    expect(cost.count).toBe(500);
    expect(plan.result.score.hard).toBe(0);
    // Every line the OpenAPI description names, in its order.
    expect(plan.result.score.constraints.map((c: { constraint: string }) => c.constraint)).toEqual([
      ...PLAN_SCORE_LINES.hard,
      ...PLAN_SCORE_LINES.soft,
    ]);
    expect(plan.progress).toBe(1);
  });

  it("spreads a plan's days over instructors once the cheaper one's load outweighs the saving", async () => {
    const world = await schedulingWorld(api());
    // Anna costs 550 a day, Ben 500; each day the plan gives Ben after his first costs 25 more.
    // Ben for all four runs: 2,000 + 25 × (0 + 1 + 2 + 3) = 2,150. Three and Anna one: 1,500 + 75
    // + 550 = 2,125 (and two each: 2,150).
    expect((await api().patch(`/instructors/${world.anna.id}`, { dayRateMinor: 55_000 })).status).toBe(200);
    const plan = await runPlan(api(), {
      demand: [demand(world, { from: "2027-11-01", to: "2027-11-04" }, { runs: 4 })],
      iterations: 20_000,
    });
    const teachers = plan.result.items.map((item: any) => item.segments[0]?.instructorId);
    expect(teachers.filter((id: string) => id === world.ben.id)).toHaveLength(3);
    expect(teachers.filter((id: string) => id === world.anna.id)).toHaveLength(1);
    const balance = scoreLine(plan, "workload_balance");
    expect(balance).toMatchObject({ kind: "soft", count: 3, weight: 25, cost: 75 });
  });

  it("finds the only feasible assignment left by time off, an existing booking and room size", async () => {
    const world = await schedulingWorld(api());
    // Ben (cheaper) is off both days; Anna teaches elsewhere on Tuesday; only room B seats 15.
    expect(
      (await api().post(`/instructors/${world.ben.id}/time-off`, { start: "2027-03-08", end: "2027-03-09" }))
        .status,
    ).toBe(201);
    const busy = await api().post("/sessions", sessionBody(world, "2027-03-09"));
    expect(busy.status, JSON.stringify(busy.body)).toBe(201);
    const plan = await runPlan(api(), {
      demand: [demand(world, { from: "2027-03-08", to: "2027-03-09" }, { maxSeats: 15 })],
      iterations: 5000,
    });
    expect(plan.result.items[0].status).toBe("placed");
    expect(plan.result.items[0].segments).toEqual([
      expect.objectContaining({ date: "2027-03-08", instructorId: world.anna.id, roomId: world.roomB.id }),
    ]);
  });

  it("keeps instructors within their teaching-day limits, counting what they teach already", async () => {
    const world = await schedulingWorld(api());
    // Ben (cheaper) may teach two days a week and already teaches Monday and Tuesday.
    await limitBen(api(), world, { maxDaysPerWeek: 2 }, ["2027-06-07", "2027-06-08"]);
    const wednesday = await runPlan(api(), {
      demand: [demand(world, { from: "2027-06-09", to: "2027-06-09" })],
      iterations: 2000,
    });
    expect(wednesday.result.items[0].segments[0]).toMatchObject({ instructorId: world.anna.id });
    // The next week Ben is within his limit again, and cheaper.
    const nextWeek = await runPlan(api(), {
      demand: [demand(world, { from: "2027-06-14", to: "2027-06-14" })],
      iterations: 2000,
    });
    expect(nextWeek.result.items[0].segments[0]).toMatchObject({ instructorId: world.ben.id });
    // With Anna away, the run cannot be placed that week, and the plan says why.
    await api().post(`/instructors/${world.anna.id}/time-off`, { start: "2027-06-09", end: "2027-06-09" });
    const blocked = await runPlan(api(), {
      demand: [demand(world, { from: "2027-06-09", to: "2027-06-09" })],
      iterations: 2000,
    });
    expect(blocked.result.items[0].status).toBe("unplaced");
    const reasons = blocked.result.items[0].explanation;
    expect(reasons.map((e: { constraint: string }) => e.constraint)).toContain("instructor_week_limit");
    expect(
      reasons.find((e: { constraint: string }) => e.constraint === "instructor_week_limit").message,
    ).toContain(world.ben.name);
  });

  it("keeps the days a plan adds within an instructor's limit, across its items, and applies cleanly", async () => {
    const world = await schedulingWorld(api());
    // Ben (cheaper) may teach two days a week and already teaches Monday: of two runs later that
    // week he can take one, so Anna takes the other.
    await limitBen(api(), world, { maxDaysPerWeek: 2 }, ["2027-06-07", "2027-06-14"]);
    const { plan, teachers } = await planTwoRuns(api(), world, { from: "2027-06-08", to: "2027-06-10" });
    expect(teachers).toEqual([world.anna.id, world.ben.id].sort());
    expect(scoreLine(plan, "teaching_day_limit")).toMatchObject({ kind: "hard", count: 0 });
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["created", "created"]);

    // The next week Anna is away: Ben takes one run, the other is left out and the plan says why.
    await api().post(`/instructors/${world.anna.id}/time-off`, { start: "2027-06-15", end: "2027-06-17" });
    const short = await planTwoRuns(api(), world, { from: "2027-06-15", to: "2027-06-17" });
    expect(short.teachers).toEqual([world.ben.id]);
    const unplaced = short.plan.result.items.find((item: any) => item.status === "unplaced");
    expect(unplaced.explanation[0]).toEqual({
      constraint: "instructor_week_limit",
      message: `${world.ben.name} would teach more than their limit of 2 days a week in week 2027-W24, with the other items of this plan`,
      count: 1,
    });
  });

  it("counts a monthly limit across the plan's items too, on the days already taught that month", async () => {
    const world = await schedulingWorld(api());
    // Ben may teach three days a month and teaches two in July already (other weeks).
    await limitBen(api(), world, { maxDaysPerMonth: 3 }, ["2027-07-01", "2027-07-02"]);
    const { plan, teachers } = await planTwoRuns(api(), world, { from: "2027-07-19", to: "2027-07-21" });
    expect(teachers).toEqual([world.anna.id, world.ben.id].sort());
    expect(plan.result.score.hard).toBe(0);
  });

  it("keeps one instructor over a run's days rather than save a little per day", async () => {
    const world = await schedulingWorld(api());
    expect((await api().patch(`/courses/${world.course.id}`, { durationDays: 2 })).status).toBe(200);
    // Ben (500 a day) is off on Tuesday; Anna (600) is free both days. Ben then Anna would cost
    // 1,100 but split the run; Anna alone costs 1,200.
    await api().post(`/instructors/${world.ben.id}/time-off`, { start: "2027-06-22", end: "2027-06-22" });
    const plan = await runPlan(api(), {
      demand: [demand(world, { from: "2027-06-21", to: "2027-06-22" })],
      iterations: 5000,
    });
    const [item] = plan.result.items;
    expect(
      item.segments.map((s: { date: string; instructorId: string }) => [s.date, s.instructorId]),
    ).toEqual([
      ["2027-06-21", world.anna.id],
      ["2027-06-22", world.anna.id],
    ]);
    const stability = scoreLine(plan, "instructor_stability");
    expect(stability).toMatchObject({ count: 0 });
  });

  it("keeps a multi-day run on consecutive days rather than split it over a gap for an earlier start", async () => {
    const world = await schedulingWorld(api());
    expect((await api().patch(`/courses/${world.course.id}`, { durationDays: 2 })).status).toBe(200);
    // Both instructors are off on Tuesday: Monday and Wednesday would start earliest, but split the
    // run; Wednesday and Thursday keep it together.
    for (const who of [world.anna, world.ben])
      await api().post(`/instructors/${who.id}/time-off`, { start: "2027-07-06", end: "2027-07-06" });
    const plan = await runPlan(api(), {
      demand: [demand(world, { from: "2027-07-05", to: "2027-07-09" })],
      iterations: 5000,
    });
    const [item] = plan.result.items;
    expect(item.segments.map((s: { date: string }) => s.date)).toEqual(["2027-07-07", "2027-07-08"]);
    const consecutive = scoreLine(plan, "consecutive_days");
    expect(consecutive).toMatchObject({ count: 0 });
  });

  it("plans runs in two zones on one day, each with an instructor free for its own hours", async () => {
    const world = await schedulingWorld(api());
    // A New York site, its room and its instructor (Mon–Fri 08:00–18:00 New York time). Anna and Ben
    // (08:00–18:00 Berlin) cannot teach New York's 09:00–17:00, nor can Dana teach Berlin's: each
    // is blocked for the other site's run only, not for the day.
    const newYork = (
      await api().post("/locations", { name: unique("New York"), timeZone: "America/New_York" })
    ).body;
    const nyRoom = await api().post("/rooms", {
      locationId: newYork.id,
      name: unique("Hudson"),
      capacity: 12,
      features: ["projector"],
    });
    expect(nyRoom.status).toBe(201);
    const dana = (
      await api().post("/instructors", {
        name: unique("Dana Brooks"),
        email: uniqueEmail("dana"),
        homeLocationId: newYork.id,
        dayRateMinor: 55_000,
      })
    ).body;
    const skill = world.course.requiredQualifications[0];
    expect((await api().post(`/instructors/${dana.id}/qualifications`, { skill })).status).toBe(201);
    const rules = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: "08:00", endTime: "18:00" }));
    expect((await api().put(`/instructors/${dana.id}/availability-rules`, { rules })).status).toBe(200);

    const day = { from: "2027-09-14", to: "2027-09-14" };
    const plan = await runPlan(api(), {
      demand: [demand(world, day), { ...demand(world, day), locationId: newYork.id }],
      iterations: 5000,
    });
    const [berlin, ny] = plan.result.items;
    expect(berlin.status).toBe("placed");
    expect([world.anna.id, world.ben.id]).toContain(berlin.segments[0].instructorId);
    expect(ny.status).toBe("placed");
    expect(ny.segments[0]).toMatchObject({
      date: "2027-09-14",
      instructorId: dana.id,
      roomId: nyRoom.body.id,
    });
    const notFree = scoreLine(plan, "instructor_not_free");
    expect(notFree).toMatchObject({ kind: "hard", count: 0 });

    await applyExpecting(api(), plan.id, ["created", "created"]);
  });

  it("gives an afternoon run a room booked in the morning, and refuses it to a morning run", async () => {
    const world = await schedulingWorld(api());
    // Both rooms are booked 09:00–11:00 (room A with its 15 minutes of teardown).
    const date = "2027-10-05";
    for (const [room, lead] of [
      [world.roomA, world.anna],
      [world.roomB, world.ben],
    ]) {
      const booked = await api().post(
        "/sessions",
        sessionBody(
          world,
          date,
          {
            instructors: [{ instructorId: lead.id, role: "lead" }],
            segments: [{ start: `${date}T09:00`, end: `${date}T11:00`, roomId: room.id }],
          },
          ["09:00", "11:00"],
        ),
      );
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    }
    const day = { from: date, to: date };
    const plan = await runPlan(api(), {
      demand: [
        demand(world, day, { startTime: "09:30", endTime: "12:30" }),
        demand(world, day, { startTime: "13:30", endTime: "17:00" }),
      ],
      iterations: 5000,
    });
    const [morning, afternoon] = plan.result.items;
    expect(morning.status).toBe("unplaced");
    expect(morning.explanation.map((e: { constraint: string }) => e.constraint)).toContain(
      "room_double_booked",
    );
    expect(afternoon.status, JSON.stringify(afternoon.explanation)).toBe("placed");
    expect(afternoon.segments[0]).toMatchObject({ date, start: "13:30", end: "17:00" });
    expect([world.roomA.id, world.roomB.id]).toContain(afternoon.segments[0].roomId);
    const notFree = scoreLine(plan, "room_not_free");
    expect(notFree).toMatchObject({ kind: "hard", count: 0 });

    await applyExpecting(api(), plan.id, ["skipped", "created"]);
  });

  it("puts a morning and an afternoon run in one room on one day, but not two runs whose hours meet", async () => {
    const world = await schedulingWorld(api());
    // 15 seats: only Room B (20 seats, no setup or teardown) holds them.
    const date = "2027-10-12";
    const day = { from: date, to: date };
    const run = (startTime: string, endTime: string) =>
      demand(world, day, { startTime, endTime, maxSeats: 15 });
    const plan = await runPlan(api(), {
      demand: [run("09:00", "12:00"), run("13:00", "16:00")],
      iterations: 5000,
    });
    expect(plan.result.placed, JSON.stringify(plan.result.items)).toBe(2);
    for (const item of plan.result.items)
      expect(item.segments[0]).toMatchObject({ date, roomId: world.roomB.id });
    expect(scoreLine(plan, "room_double_booked")).toMatchObject({ count: 0 });
    await applyExpecting(api(), plan.id, ["created", "created"]);

    // The next day, 11:00–14:00 meets 09:00–12:00 in the only room: one of them is not placed.
    const next = { from: "2027-10-13", to: "2027-10-13" };
    const clash = await runPlan(api(), {
      demand: [
        demand(world, next, { startTime: "09:00", endTime: "12:00", maxSeats: 15 }),
        demand(world, next, { startTime: "11:00", endTime: "14:00", maxSeats: 15 }),
      ],
      iterations: 5000,
    });
    expect(clash.result.placed).toBe(1);
    expect(clash.result.items[1].status).toBe("unplaced");
  });

  it("gives one instructor a morning and an afternoon run on one day, leaving the journey between sites", async () => {
    const world = await schedulingWorld(api());
    // Anna is off, so Ben is the only qualified instructor on these days.
    await api().post(`/instructors/${world.anna.id}/time-off`, { start: "2027-11-02", end: "2027-11-04" });
    const munichRoom = await api().post("/rooms", {
      locationId: world.otherSite.id,
      name: unique("Munich room"),
      capacity: 12,
      features: ["projector"],
    });
    expect(munichRoom.status).toBe(201);
    const travel = await api().patch(`/locations/${world.otherSite.id}`, {
      travelTimes: [{ locationId: world.location.id, minutes: 90 }],
    });
    expect(travel.status, JSON.stringify(travel.body)).toBe(200);
    const halfDays = async (date: string, afternoon: { site: string; start: string }) =>
      runPlan(api(), {
        demand: [
          demand(world, { from: date, to: date }, { startTime: "09:00", endTime: "12:00" }),
          {
            ...demand(world, { from: date, to: date }, { startTime: afternoon.start, endTime: "17:00" }),
            locationId: afternoon.site,
          },
        ],
        iterations: 5000,
      });

    const sameSite = await halfDays("2027-11-02", { site: world.location.id, start: "13:00" });
    expect(sameSite.result.placed, JSON.stringify(sameSite.result.items)).toBe(2);
    for (const item of sameSite.result.items) expect(item.segments[0].instructorId).toBe(world.ben.id);
    expect(scoreLine(sameSite, "instructor_double_booked")).toMatchObject({ count: 0 });
    await applyExpecting(api(), sameSite.id, ["created", "created"]);

    // Munich is 90 minutes away: 12:00 to 13:00 is too short for Ben, 12:00 to 13:30 is enough.
    const tooClose = await halfDays("2027-11-03", { site: world.otherSite.id, start: "13:00" });
    expect(tooClose.result.placed).toBe(1);
    const enough = await halfDays("2027-11-04", { site: world.otherSite.id, start: "13:30" });
    expect(enough.result.placed, JSON.stringify(enough.result.items)).toBe(2);
    expect(enough.result.items[1].segments[0].roomId).toBe(munichRoom.body.id);
    await applyExpecting(api(), enough.id, ["created", "created"]);
  });

  it("pays a day rate once for two half-days of one day, an hour rate by the hour, and counts a day already paid", async () => {
    const world = await schedulingWorld(api());
    const halfDays = (date: string) =>
      runPlan(api(), {
        demand: [
          demand(world, { from: date, to: date }, { startTime: "09:00", endTime: "12:00" }),
          demand(world, { from: date, to: date }, { startTime: "13:00", endTime: "16:00" }),
        ],
        iterations: 5000,
      });
    const teachers = (plan: any) => plan.result.items.map((item: any) => item.segments[0].instructorId);
    // Anna: 100 an hour (300 a half-day), at most her 600 a day. Ben: 500 a day. Ben for both
    // halves is paid one day (500) and works one day (no load). Counting a day rate per run, Ben
    // and Anna (800) would look cheaper than Ben twice (1,000).
    expect((await api().patch(`/instructors/${world.anna.id}`, { hourRateMinor: 10_000 })).status).toBe(200);
    const daily = await halfDays("2027-12-06");
    expect(teachers(daily)).toEqual([world.ben.id, world.ben.id]);
    expect(scoreLine(daily, "instructor_cost")).toMatchObject({ count: 500 });

    // At 60 an hour Anna is cheaper for both halves (360) than Ben's day.
    expect((await api().patch(`/instructors/${world.anna.id}`, { hourRateMinor: 6_000 })).status).toBe(200);
    const hourly = await halfDays("2027-12-07");
    expect(teachers(hourly)).toEqual([world.anna.id, world.anna.id]);
    expect(scoreLine(hourly, "instructor_cost")).toMatchObject({ count: 360 });

    // Ben already teaches a booked morning: his day is paid, so the afternoon costs only the load.
    const asBen = {
      instructors: [{ instructorId: world.ben.id, role: "lead" }],
      segments: [{ start: "2027-12-08T09:00", end: "2027-12-08T12:00", roomId: world.roomB.id }],
    };
    expect((await api().post("/sessions", sessionBody(world, "2027-12-08", asBen))).status).toBe(201);
    const afternoon = await runPlan(api(), {
      demand: [
        demand(world, { from: "2027-12-08", to: "2027-12-08" }, { startTime: "13:00", endTime: "16:00" }),
      ],
      iterations: 3000,
    });
    expect(teachers(afternoon)).toEqual([world.ben.id]);
    expect(scoreLine(afternoon, "instructor_cost")).toMatchObject({ count: 25 });
    await applyExpecting(api(), afternoon.id, ["created"]);

    // Ben now lives 90 minutes away (a journey of 60 a day). Teaching both halves he makes one
    // journey: 500 + 60 against Anna's 600 (100 an hour, her day rate). A journey per run (620)
    // would hand both halves to Anna.
    expect((await api().patch(`/instructors/${world.anna.id}`, { hourRateMinor: 10_000 })).status).toBe(200);
    expect(
      (await api().patch(`/instructors/${world.ben.id}`, { homeLocationId: world.otherSite.id })).status,
    ).toBe(200);
    const travel = await api().patch(`/locations/${world.otherSite.id}`, {
      travelTimes: [{ locationId: world.location.id, minutes: 90 }],
    });
    expect(travel.status, JSON.stringify(travel.body)).toBe(200);
    const journey = await halfDays("2027-12-09");
    expect(teachers(journey)).toEqual([world.ben.id, world.ben.id]);
    expect(scoreLine(journey, "instructor_cost")).toMatchObject({ count: 560 });
  });

  it("explains an item it cannot place, naming the blocking constraints", async () => {
    const world = await schedulingWorld(api());
    for (const who of [world.anna, world.ben])
      await api().post(`/instructors/${who.id}/time-off`, { start: "2027-04-05", end: "2027-04-06" });
    const plan = await runPlan(api(), {
      demand: [
        demand(world, { from: "2027-04-05", to: "2027-04-06" }),
        demand(world, { from: "2027-04-12", to: "2027-04-12" }, { maxSeats: 40 }),
      ],
      iterations: 2000,
    });
    const [offDays, tooBig] = plan.result.items;
    expect(offDays.status).toBe("unplaced");
    expect(offDays.explanation[0]).toMatchObject({ constraint: "instructor_time_off", count: 4 });
    expect(offDays.explanation[0].message).toContain(world.anna.name);
    expect(tooBig.status).toBe("unplaced");
    expect(tooBig.explanation.map((e: { constraint: string }) => e.constraint)).toContain("room_too_small");
    expect(plan.result.unplaced).toBe(2);
  });

  it("leaves the third of three runs on one day unplaced, losing to the other two", async () => {
    const world = await schedulingWorld(api());
    const plan = await runPlan(api(), {
      demand: [demand(world, { from: "2027-04-19", to: "2027-04-19" }, { runs: 3 })],
      iterations: 5000,
    });
    expect(plan.result.placed).toBe(2);
    const lost = plan.result.items.find((item: { status: string }) => item.status === "unplaced");
    expect(lost.explanation[0].constraint).toBe("competition");
    const placed = plan.result.items.filter((item: { status: string }) => item.status === "placed");
    expect(new Set(placed.map((item: any) => item.segments[0].instructorId))).toEqual(
      new Set([world.anna.id, world.ben.id]),
    );
  });

  it("gives the same plan for the same seed, and apply writes conflict-free sessions once", async () => {
    const world = await schedulingWorld(api());
    const body = {
      demand: [demand(world, { from: "2027-05-03", to: "2027-05-07" }, { runs: 3 })],
      seed: 7,
      iterations: 20_000,
    };
    const first = await runPlan(api(), body);
    const second = await runPlan(api(), body);
    expect(second.result.items).toEqual(first.result.items);
    expect(second.result.score).toEqual(first.result.score);
    expect(first.result.placed).toBe(3);
    // Three runs, two rooms: no (instructor, day) or (room, day) is used twice.
    const slots = first.result.items.flatMap((item: any) => item.segments);
    expect(new Set(slots.map((s: any) => `${s.instructorId}|${s.date}`)).size).toBe(3);
    expect(new Set(slots.map((s: any) => `${s.roomId}|${s.date}`)).size).toBe(3);

    const applied = await api().post(`/plans/${first.id}/apply`, {});
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.status).toBe("applied");
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["created", "created", "created"]);
    for (const entry of applied.body.applied) {
      const session = (await api().get(`/sessions/${entry.sessionId}`)).body;
      const { id: _id, ...check } = {
        id: session.id,
        courseId: session.courseId,
        timeZone: session.timeZone,
        format: session.format,
        locationId: session.locationId,
        maxSeats: session.maxSeats,
        segments: session.segments.map((s: any) => ({ start: s.start, end: s.end, roomId: s.roomId })),
        instructors: session.instructors.map((i: any) => ({ instructorId: i.instructorId, role: i.role })),
      };
      const dryRun = await api().post("/sessions/check", { ...check, sessionId: session.id });
      expect(dryRun.status).toBe(200);
      expect(dryRun.body.conflicts).toEqual([]);
    }
    const count = async () =>
      (await api().get(`/sessions?courseId=${world.course.id}&from=2027-05-01T00:00:00Z&limit=100`)).body
        .items.length;
    expect(await count()).toBe(3);
    const again = await api().post(`/plans/${first.id}/apply`, {});
    expect(again.status).toBe(200);
    expect(again.body.applied).toEqual(applied.body.applied);
    expect(await count()).toBe(3);
    // The second plan proposed the same slots, now taken: applying it is refused item by item.
    const clash = await api().post(`/plans/${second.id}/apply`, {});
    expect(clash.status).toBe(200);
    expect(clash.body.status).toBe("done");
    expect(clash.body.applied.every((a: any) => a.status === "conflict" && a.conflicts.length > 0)).toBe(
      true,
    );
    expect(await count()).toBe(3);
  });

  it("writes a session and its line of the apply report together or not at all", async () => {
    const { core } = ctx();
    const world = await schedulingWorld(api());
    const plan = await runPlan(api(), {
      demand: [demand(world, { from: "2027-07-05", to: "2027-07-05" })],
      iterations: 2000,
    });
    const count = async () =>
      (await api().get(`/sessions?courseId=${world.course.id}&from=2027-07-01T00:00:00Z&limit=100`)).body
        .items.length;
    // Storing the report fails inside the write's transaction: the session must not stay behind.
    const failing =
      core.database.dialect === "postgres"
        ? [
            sql`create function refuse_report() returns trigger language plpgsql as $$ begin raise exception 'report refused'; end $$`,
            sql`create trigger refuse_report before update of apply_json on plans for each row when (new.apply_json like '%"created"%') execute function refuse_report()`,
          ]
        : [
            sql`create trigger refuse_report before update of apply_json on plans when new.apply_json like '%"created"%' begin select raise(abort, 'report refused'); end`,
          ];
    for (const statement of failing) await statement.execute(core.database.db);
    try {
      const broken = await api().post(`/plans/${plan.id}/apply`, {});
      expect(broken.status).toBe(500);
      expect(await count()).toBe(0);
    } finally {
      await sql`drop trigger refuse_report${core.database.dialect === "postgres" ? sql` on plans` : sql``}`.execute(
        core.database.db,
      );
      if (core.database.dialect === "postgres")
        await sql`drop function refuse_report`.execute(core.database.db);
    }
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["created"]);
    expect(await count()).toBe(1);
  });

  it("re-plans a draft session with locked dates and staffs it through the normal update", async () => {
    const world = await schedulingWorld(api());
    const draft = await api().post("/sessions", sessionBody(world, "2027-06-07"));
    expect(draft.status).toBe(201);
    const plan = await runPlan(api(), {
      sessions: [{ sessionId: draft.body.id, lock: { dates: true } }],
      iterations: 3000,
    });
    expect(plan.result.items[0]).toMatchObject({
      status: "placed",
      sessionId: draft.body.id,
      segments: [expect.objectContaining({ date: "2027-06-07", instructorId: world.ben.id })],
    });
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied[0]).toMatchObject({ status: "updated", sessionId: draft.body.id });
    const session = (await api().get(`/sessions/${draft.body.id}`)).body;
    expect(session.instructors.map((i: any) => i.instructorId)).toEqual([world.ben.id]);
    expect(session.segments[0].id).toBe(draft.body.segments[0].id);
  });

  it("keeps locked leads and rooms with their own days, and every lead on apply", async () => {
    const world = await schedulingWorld(api());
    const draft = await api().post(
      "/sessions",
      sessionBody(world, "2027-06-07", {
        segments: [
          { start: "2027-06-07T09:00", end: "2027-06-07T17:00", roomId: world.roomA.id },
          { start: "2027-06-08T09:00", end: "2027-06-08T17:00", roomId: world.roomB.id },
        ],
        instructors: [
          { instructorId: world.anna.id, role: "lead", segments: [0] },
          { instructorId: world.ben.id, role: "lead", segments: [1] },
        ],
      }),
    );
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const plan = await runPlan(api(), {
      sessions: [
        {
          sessionId: draft.body.id,
          window: { from: "2027-06-09", to: "2027-06-11" },
          lock: { instructors: true, rooms: true },
        },
      ],
      iterations: 3000,
    });
    const [item] = plan.result.items;
    expect(item.status, JSON.stringify(item)).toBe("placed");
    expect(item.segments.map((s: any) => [s.instructorId, s.roomId])).toEqual([
      [world.anna.id, world.roomA.id],
      [world.ben.id, world.roomB.id],
    ]);
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied[0], JSON.stringify(applied.body)).toMatchObject({ status: "updated" });
    const session = (await api().get(`/sessions/${draft.body.id}`)).body;
    expect(session.segments.map((s: any) => [s.start.slice(0, 10) >= "2027-06-09", s.roomId])).toEqual([
      [true, world.roomA.id],
      [true, world.roomB.id],
    ]);
    const segmentIds = session.segments.map((s: any) => s.id);
    expect(segmentIds).toEqual(draft.body.segments.map((s: any) => s.id));
    expect(session.instructors.map((i: any) => [i.instructorId, i.role, i.segmentIds]).sort()).toEqual(
      [
        [world.anna.id, "lead", [segmentIds[0]]],
        [world.ben.id, "lead", [segmentIds[1]]],
      ].sort(),
    );

    // Two leads of every day: the solver gives each day one of them, apply keeps both.
    const paired = await api().post(
      "/sessions",
      sessionBody(world, "2027-06-14", {
        instructors: [
          { instructorId: world.anna.id, role: "lead" },
          { instructorId: world.ben.id, role: "lead" },
        ],
      }),
    );
    expect(paired.status, JSON.stringify(paired.body)).toBe(201);
    const pairedPlan = await runPlan(api(), {
      sessions: [
        {
          sessionId: paired.body.id,
          window: { from: "2027-06-15", to: "2027-06-16" },
          lock: { instructors: true },
        },
      ],
      iterations: 3000,
    });
    expect(pairedPlan.result.items[0].status).toBe("placed");
    const pairedApplied = await api().post(`/plans/${pairedPlan.id}/apply`, {});
    expect(pairedApplied.body.applied[0]).toMatchObject({ status: "updated" });
    const after = (await api().get(`/sessions/${paired.body.id}`)).body;
    expect(after.segments[0].start.slice(0, 10)).not.toBe("2027-06-14");
    expect(after.instructors.map((i: any) => i.instructorId).sort()).toEqual(
      [world.anna.id, world.ben.id].sort(),
    );
  });

  it("does not apply a plan to a draft that changed after the plan was made", async () => {
    const world = await schedulingWorld(api());
    const draft = await api().post("/sessions", sessionBody(world, "2027-06-07"));
    expect(draft.status).toBe(201);
    const plan = await runPlan(api(), {
      sessions: [{ sessionId: draft.body.id, window: { from: "2027-06-07", to: "2027-06-11" } }],
      iterations: 3000,
    });
    expect(plan.result.items[0].status).toBe("placed");
    const confirmed = await api().post(`/sessions/${draft.body.id}/status`, { status: "planned" });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const before = (await api().get(`/sessions/${draft.body.id}`)).body;
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.status).toBe(200);
    expect(applied.body.status).toBe("done");
    expect(applied.body.applied[0]).toMatchObject({ status: "conflict", sessionId: draft.body.id });
    expect(applied.body.applied[0].message).toContain("changed after this plan was made");
    expect((await api().get(`/sessions/${draft.body.id}`)).body).toEqual(before);
  });

  it("moves a re-planned draft only to days its enrolled learners are free, and says so", async () => {
    const world = await schedulingWorld(api());
    const learner = await api().post("/learners", {
      name: "Lena Busy",
      email: `lena-${Date.now()}@example.com`,
    });
    expect(learner.status).toBe(201);
    const draft = await api().post("/sessions", sessionBody(world, "2027-07-05"));
    // Lena is enrolled in the draft and, on Tuesday and Wednesday, in another session (room B, Ben).
    const elsewhere = await api().post(
      "/sessions",
      sessionBody(world, "2027-07-06", {
        segments: ["2027-07-06", "2027-07-07"].map((date) => ({
          start: `${date}T09:00`,
          end: `${date}T17:00`,
          roomId: world.roomB.id,
        })),
        instructors: [{ instructorId: world.ben.id }],
      }),
    );
    for (const session of [draft, elsewhere]) {
      const enrolled = await api().post(`/sessions/${session.body.id}/enrollments`, {
        learnerId: learner.body.id,
      });
      expect(enrolled.status, JSON.stringify(enrolled.body)).toBeLessThan(300);
    }
    await expectOnlyFreeDay(api(), draft.body.id, ["2027-07-06", "2027-07-07", "2027-07-08"], {
      constraint: "learner_double_booked",
      message: "learners booked in another session: Lena Busy (2 days)",
      count: 2,
    });
  });

  it("moves a re-planned draft only to days with enough of its equipment in stock", async () => {
    const world = await schedulingWorld(api());
    // The pool has 10 laptops: the draft needs 6, another session takes 6 on Tuesday and Wednesday.
    const laptops = (quantity: number) => ({ equipment: [{ equipmentId: world.laptops.id, quantity }] });
    const draft = await api().post("/sessions", sessionBody(world, "2027-07-12", laptops(6)));
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const elsewhere = await api().post(
      "/sessions",
      sessionBody(world, "2027-07-13", {
        ...laptops(6),
        segments: ["2027-07-13", "2027-07-14"].map((date) => ({
          start: `${date}T09:00`,
          end: `${date}T17:00`,
          roomId: world.roomB.id,
        })),
        instructors: [{ instructorId: world.ben.id }],
      }),
    );
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);
    await expectOnlyFreeDay(api(), draft.body.id, ["2027-07-13", "2027-07-14", "2027-07-15"], {
      constraint: "equipment_short",
      message: "not enough equipment in stock: Laptops (2 days)",
      count: 2,
    });
  });

  it("gives a demand run its course's equipment from a pool with enough on its day, and apply books it", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 1, perLearner: true });
    const spare = await api().post("/equipment", { name: "Spare laptops", kind: "laptop", quantity: 8 });
    expect(spare.status).toBe(201);
    // On Monday another session takes 6 of the location's 10 laptops.
    const busy = await api().post(
      "/sessions",
      sessionBody(world, "2027-08-02", { equipment: [{ equipmentId: world.laptops.id, quantity: 6 }] }),
    );
    expect(busy.status, JSON.stringify(busy.body)).toBe(201);
    const planSix = async (from: string, to: string) => {
      const plan = await runPlan(api(), {
        demand: [demand(world, { from, to }, { maxSeats: 6 })],
        iterations: 3000,
      });
      expect(plan.result.items[0].status).toBe("placed");
      return { plan, item: plan.result.items[0] };
    };
    const line = (pool: { id: string }, name: string) => [{ equipmentId: pool.id, name, quantity: 6 }];
    // On Tuesday the pool kept at the location comes first, though the mobile one is smaller.
    expect((await planSix("2027-08-03", "2027-08-03")).item.equipment).toEqual(
      line(world.laptops, "Laptops"),
    );
    // On Monday it has 4 left: a run of 6 seats takes the mobile pool's laptops, and apply books them.
    const monday = await planSix("2027-08-02", "2027-08-02");
    expect(monday.item.equipment).toEqual(line(spare.body, "Spare laptops"));
    const applied = await api().post(`/plans/${monday.plan.id}/apply`, {});
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.applied[0].status).toBe("created");
    const session = await api().get(`/sessions/${applied.body.applied[0].sessionId}`);
    expect(session.body.equipment).toEqual([
      expect.objectContaining({ equipmentId: spare.body.id, quantity: 6 }),
    ]);
    // Now both pools are short on Monday: the next run goes on Tuesday.
    const next = await planSix("2027-08-02", "2027-08-03");
    expect(next.item.segments[0].date).toBe("2027-08-03");
    expect(next.item.equipment).toEqual(line(world.laptops, "Laptops"));
    // Two runs of 6 on Tuesday: the location's pool serves one, the mobile pool the other.
    const both = await runPlan(api(), {
      demand: [demand(world, { from: "2027-08-03", to: "2027-08-03" }, { runs: 2, maxSeats: 6 })],
      iterations: 5000,
    });
    expect(both.result.items.map((item: any) => item.equipment[0]?.name).sort()).toEqual([
      "Laptops",
      "Spare laptops",
    ]);
    // A mobile pool serves every location: archived, it leaves the tenant's other tests alone.
    expect((await api().post(`/equipment/${spare.body.id}/archive`)).status).toBe(200);
    const window = { from: "2027-08-02", to: "2027-08-03" };

    // 25 seats need 25 laptops, more than any pool holds: the run cannot be held as the course needs.
    const big = await runPlan(api(), {
      demand: [demand(world, window, { maxSeats: 25 })],
      iterations: 3000,
    });
    expect(big.result.items[0].status).toBe("unplaced");
    expect(big.result.items[0].explanation).toContainEqual({
      constraint: "equipment_short",
      message:
        'The course needs 25 of kind "laptop"; the largest pool at the location or mobile, Laptops, holds 10',
      count: 0,
    });
  });

  it("keeps runs that together need more of a pool than it holds on different days", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 6 });
    // Two instructors and two rooms could hold both runs on Monday, but the 10 laptops cannot.
    const twoDays = await twoRunsTwoDays(api(), world, "2027-08-09", "2027-08-10");
    const shared = (plan: any) => scoreLine(plan, "equipment_pool_shared").count;
    expect(shared(twoDays)).toBe(0);
    const applied = await api().post(`/plans/${twoDays.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["created", "created"]);

    const { plan: oneDay, lost } = await twoRunsOneDay(api(), world, "2027-08-16");
    expect(lost).toEqual({
      constraint: "equipment_short",
      message:
        "Laptops would be short on 2027-08-16: the other items of this plan take 6 of 10, this run needs 6",
      count: 1,
    });
    // The solver's count: the two runs together take 2 laptops more than the 10.
    expect(shared(oneDay)).toBe(2);
    const lines = oneDay.result.score.constraints.filter((c: any) => c.kind === "hard");
    expect(lines.reduce((sum: number, c: any) => sum + c.cost, 0)).toBe(oneDay.result.score.hard);
  });

  it("keeps a run and a re-planned draft apart when only together they overflow a pool, only one taking more than half", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 6 });
    // A draft taking 5 of the 10 laptops (Anna in room B, kept) may move to Monday or Tuesday, as
    // may a run taking 6 (Ben in room A). Both would rather be on Monday, the earlier day.
    const plan = await planRunBesideDraft(api(), world, world.laptops, 5, {
      from: "2027-08-30",
      to: "2027-08-31",
    });
    expect(plan.result.items.map((item: any) => item.status)).toEqual(["placed", "placed"]);
    expect(plan.result.items.map((item: any) => item.segments[0].date).sort()).toEqual([
      "2027-08-30",
      "2027-08-31",
    ]);
    expect(plan.result.score.hard).toBe(0);
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status).sort()).toEqual(["created", "updated"]);
  });

  it("keeps runs apart when together they need more than the pools they may take from hold", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 5 });
    const spare = await api().post("/equipment", { name: "Spare laptops", kind: "laptop", quantity: 8 });
    expect(spare.status).toBe(201);
    // On Monday an online session takes all 10 of the location's laptops. That leaves the mobile
    // pool's 8 for a run of 5 (either pool would do for it) and a draft taking 5 of the mobile ones
    // (Anna in room B, kept): not both, though both would rather have Monday.
    await onlineSessionTaking(api(), world, world.laptops, 10, "2027-09-13");
    const plan = await planRunBesideDraft(api(), world, spare.body, 5, {
      from: "2027-09-13",
      to: "2027-09-14",
    });
    expect(plan.result.items.map((item: any) => item.status)).toEqual(["placed", "placed"]);
    const byDate = Object.fromEntries(
      plan.result.items.map((item: any) => [item.segments[0].date, `${item.kind} ${item.equipment[0].name}`]),
    );
    // Whichever has Monday takes the mobile laptops; a run on Tuesday takes the location's.
    expect([
      { "2027-09-13": "demand Spare laptops", "2027-09-14": "session Spare laptops" },
      { "2027-09-13": "session Spare laptops", "2027-09-14": "demand Laptops" },
    ]).toContainEqual(byDate);
    expect(plan.result.score.hard).toBe(0);
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status).sort()).toEqual(["created", "updated"]);
    // A mobile pool serves every location: archived, it leaves the tenant's other tests alone.
    expect((await api().post(`/equipment/${spare.body.id}/archive`)).status).toBe(200);
  });

  it("splits runs over the pools they may take as their units fit, not as the pools' sum", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 1, perLearner: true });
    const spare = await api().post("/equipment", { name: "Spare laptops", kind: "laptop", quantity: 8 });
    expect(spare.status).toBe(201);
    // On Monday an online session takes 4 of the location's 10 laptops: 6 + 8 are free, 14 in all,
    // but two runs of 7 seats need 7 each from one pool, and only the mobile pool has 7. Monday is
    // preferred and Ben is off on Tuesday, so both runs would rather be on Monday (Ben and Anna).
    await onlineSessionTaking(api(), world, world.laptops, 4, "2027-11-01");
    await api().post(`/instructors/${world.ben.id}/time-off`, { start: "2027-11-02", end: "2027-11-02" });
    const plan = await runPlan(api(), {
      demand: [
        demand(
          world,
          { from: "2027-11-01", to: "2027-11-02" },
          { runs: 2, maxSeats: 7, preferredWeekdays: [1] },
        ),
      ],
      iterations: 5000,
    });
    expect(plan.result.score.hard).toBe(0);
    const byDate = Object.fromEntries(
      plan.result.items.map((item: any) => [item.segments[0]?.date, item.equipment[0]?.name]),
    );
    // One on Monday from the mobile pool; the other on Tuesday from the location's, preferred.
    expect(byDate).toEqual({ "2027-11-01": "Spare laptops", "2027-11-02": "Laptops" });
    const rank = scoreLine(plan, "equipment_pool_preference");
    expect(rank).toMatchObject({ count: 1, cost: 5 });
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["created", "created"]);
    // A mobile pool serves every location: archived, it leaves the tenant's other tests alone.
    expect((await api().post(`/equipment/${spare.body.id}/archive`)).status).toBe(200);
  });

  it("gives each run the pools the solver chose, not the first that fits, so a later run keeps the pool only it can use", async () => {
    const world = await schedulingWorld(api());
    const projectors = await api().post("/equipment", {
      name: "Projectors",
      kind: "projector",
      quantity: 2,
      locationId: world.location.id,
    });
    const spare = await api().post("/equipment", { name: "Spare laptops", kind: "laptop", quantity: 8 });
    expect([projectors.status, spare.status]).toEqual([201, 201]);
    // A projector (one pool holds enough: not a choice) comes before the laptops (a choice).
    const patched = await api().patch(`/courses/${world.course.id}`, {
      requiredEquipment: [
        { kind: "projector", quantity: 1 },
        { kind: "laptop", quantity: 1, perLearner: true },
      ],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    // Monday leaves 7 of the location's laptops and 6 of the mobile ones. The first run (6 seats)
    // fits either, the second (7) only the location's: taking the first that fits, the first run
    // would take the location's and leave the second none. Monday is preferred, Ben off on Tuesday.
    await onlineSessionTaking(api(), world, world.laptops, 3, "2027-11-08");
    await onlineSessionTaking(api(), world, spare.body, 2, "2027-11-08");
    await api().post(`/instructors/${world.ben.id}/time-off`, { start: "2027-11-09", end: "2027-11-09" });
    const window = { from: "2027-11-08", to: "2027-11-09" };
    const plan = await runPlan(api(), {
      demand: [
        demand(world, window, { maxSeats: 6, preferredWeekdays: [1] }),
        demand(world, window, { maxSeats: 7, preferredWeekdays: [1] }),
      ],
      iterations: 5000,
    });
    expect(plan.result.score.hard).toBe(0);
    expect(
      plan.result.items.map((item: any) => [
        item.segments[0]?.date,
        item.equipment.map((line: any) => `${line.quantity} ${line.name}`),
      ]),
    ).toEqual([
      ["2027-11-08", ["1 Projectors", "6 Spare laptops"]],
      ["2027-11-08", ["1 Projectors", "7 Laptops"]],
    ]);
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["created", "created"]);
    // A mobile pool serves every location: archived, it leaves the tenant's other tests alone.
    expect((await api().post(`/equipment/${spare.body.id}/archive`)).status).toBe(200);
  });

  it("lets a morning and an afternoon run share a pool that holds one of them at a time, not a run all day", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 6 });
    const monday = { from: "2027-11-15", to: "2027-11-15" };
    const plan = await runPlan(api(), {
      demand: [
        demand(world, monday, { startTime: "09:00", endTime: "12:00" }),
        demand(world, monday, { startTime: "13:00", endTime: "17:00" }),
        // All day, it overlaps both: with 10 laptops it cannot have Monday, so it takes Tuesday.
        demand(world, { from: "2027-11-15", to: "2027-11-16" }, { startTime: "09:00", endTime: "17:00" }),
      ],
      iterations: 5000,
    });
    expect(plan.result.items.map((item: any) => [item.status, item.segments[0]?.date])).toEqual([
      ["placed", "2027-11-15"],
      ["placed", "2027-11-15"],
      ["placed", "2027-11-16"],
    ]);
    expect(plan.result.score.hard).toBe(0);
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["created", "created", "created"]);
  });

  it("does not compare hours across time zones: of a Berlin morning and a New York dawn run that overlap, one has the laptops", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 6 });
    const monday = { from: "2027-11-22", to: "2027-11-22" };
    const plan = await runPlan(api(), {
      demand: [
        demand(world, monday, { startTime: "09:00", endTime: "12:00" }),
        // 04:00–07:00 in New York is 10:00–13:00 in Berlin: both would need 6 of the 10 at once.
        demand(world, monday, { startTime: "04:00", endTime: "07:00", timeZone: "America/New_York" }),
      ],
      iterations: 5000,
    });
    expect(plan.result.items.map((item: any) => item.status)).toEqual(["placed", "unplaced"]);
    expect(plan.result.items[1].explanation.map((e: any) => e.constraint)).toContain("equipment_short");
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["created", "skipped"]);
  });

  it("counts a pool's use by the hour: a run all day fits beside an afternoon run when a morning booking leaves room", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 5 });
    // Monday morning an online session takes 5 of the 10: 5 + 5 in the morning, 5 + 5 after it.
    await onlineSessionTaking(api(), world, world.laptops, 5, "2027-11-29", ["09:00", "12:00"]);
    const monday = { from: "2027-11-29", to: "2027-11-29" };
    const plan = await runPlan(api(), {
      demand: [
        demand(world, monday, { startTime: "13:00", endTime: "17:00" }),
        demand(world, monday, { startTime: "09:00", endTime: "17:00" }),
      ],
      iterations: 5000,
    });
    expect(plan.result.items.map((item: any) => [item.status, item.segments[0]?.date])).toEqual([
      ["placed", "2027-11-29"],
      ["placed", "2027-11-29"],
    ]);
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["created", "created"]);
  });

  it("counts a pool's day as the runs that may have it see it: a morning booking does not keep an afternoon run away", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 6 });
    // On Monday morning an online session takes 8 of the 10 laptops: a morning run cannot have
    // Monday, an afternoon run can.
    await onlineSessionTaking(api(), world, world.laptops, 8, "2027-09-20", ["09:00", "12:00"]);
    // The afternoon may have Monday only (over both days it would join the morning run on
    // Tuesday, its instructor's day then paid once).
    const window = { from: "2027-09-20", to: "2027-09-21" };
    const plan = await runPlan(api(), {
      demand: [
        demand(world, window, { startTime: "09:00", endTime: "12:00" }),
        demand(world, { ...window, to: window.from }, { startTime: "13:00", endTime: "17:00" }),
      ],
      iterations: 5000,
    });
    expect(plan.result.items.map((item: any) => [item.status, item.segments[0]?.date])).toEqual([
      ["placed", "2027-09-21"],
      ["placed", "2027-09-20"],
    ]);
    expect(plan.result.score.hard).toBe(0);
  });

  it("takes a draft's line for some of its days on those days only, in the segments' order", async () => {
    const world = await schedulingWorld(api());
    const projector = await api().post("/equipment", {
      name: "Projector",
      kind: "projector",
      quantity: 1,
      locationId: world.location.id,
    });
    expect(projector.status).toBe(201);
    // The only projector is out on Tuesday.
    await onlineSessionTaking(api(), world, projector.body, 1, "2027-10-05");
    // A two-day draft, now elsewhere, taking the projector on one of its days.
    const twoDays = async (segment: number, now: string[]) => {
      const draft = await api().post(
        "/sessions",
        sessionBody(world, now[0]!, {
          segments: now.map((date) => ({
            start: `${date}T09:00`,
            end: `${date}T17:00`,
            roomId: world.roomB.id,
          })),
          equipment: [{ equipmentId: projector.body.id, quantity: 1, segments: [segment] }],
        }),
      );
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      const plan = await runPlan(api(), {
        sessions: [
          {
            sessionId: draft.body.id,
            window: { from: "2027-10-04", to: "2027-10-06" },
            lock: { instructors: true, rooms: true },
          },
        ],
        iterations: 5000,
      });
      expect(plan.result.score.hard).toBe(0);
      return { plan, dates: plan.result.items[0].segments.map((s: any) => s.date) };
    };
    // Needed on the second day: Tuesday and Wednesday put it on Wednesday, when it is free; Monday
    // and Tuesday would not (not applied, so the next draft has Anna and room B to itself).
    expect((await twoDays(1, ["2027-10-13", "2027-10-14"])).dates).toEqual(["2027-10-05", "2027-10-06"]);
    // Needed on the first day: Monday and Tuesday (a whole-session line would have had to skip Tuesday).
    const first = await twoDays(0, ["2027-10-20", "2027-10-21"]);
    expect(first.dates).toEqual(["2027-10-04", "2027-10-05"]);
    expect(first.plan.result.items[0].equipment).toEqual([
      { equipmentId: projector.body.id, name: "Projector", quantity: 1, segments: [0] },
    ]);
    const applied = await api().post(`/plans/${first.plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status)).toEqual(["updated"]);
    const session = await api().get(`/sessions/${applied.body.applied[0].sessionId}`);
    // The line stays on the first day's segment.
    expect(session.body.segments.map((s: any) => s.start.slice(0, 10))).toEqual(["2027-10-04", "2027-10-05"]);
    expect(session.body.equipment).toEqual([
      expect.objectContaining({ equipmentId: projector.body.id, segmentIds: [session.body.segments[0].id] }),
    ]);
  });

  it("counts what other sessions take of a pool on the day when the plan's runs share it", async () => {
    const world = await worldNeedingLaptops(api(), { kind: "laptop", quantity: 4 });
    // An online session with no room or instructor takes 4 of the 10 laptops on Monday: each run
    // of 4 fits alone, two do not.
    await onlineSessionTaking(api(), world, world.laptops, 4, "2027-08-23");
    // Over two days the solver keeps them apart: 4 + 4 is more than Monday's 6.
    await twoRunsTwoDays(api(), world, "2027-08-23", "2027-08-24");
    const { plan, lost } = await twoRunsOneDay(api(), world, "2027-08-23");
    expect(lost).toEqual({
      constraint: "equipment_short",
      message:
        "Laptops would be short on 2027-08-23: other sessions take 4 and the other items of this plan take 4 of 10, this run needs 4",
      count: 1,
    });
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((a: any) => a.status).sort()).toEqual(["created", "skipped"]);

    // A re-planned draft's own lines count too: on Tuesday a draft taking 7 and a run taking 4 each
    // fit in the 10 alone, not together.
    const draft = await api().post(
      "/sessions",
      sessionBody(world, "2027-08-25", {
        equipment: [{ equipmentId: world.laptops.id, quantity: 7 }],
        instructors: [],
        segments: [{ start: "2027-08-25T09:00", end: "2027-08-25T17:00", roomId: world.roomB.id }],
      }),
    );
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const mixed = await runPlan(api(), {
      demand: [demand(world, { from: "2027-08-24", to: "2027-08-24" })],
      sessions: [{ sessionId: draft.body.id, window: { from: "2027-08-24", to: "2027-08-24" } }],
      iterations: 5000,
    });
    expect(mixed.result.items.map((item: any) => item.status).sort()).toEqual(["placed", "unplaced"]);
    const kept = mixed.result.items.find((item: any) => item.status === "placed");
    expect(kept.equipment).toEqual([
      { equipmentId: world.laptops.id, name: "Laptops", quantity: kept.kind === "session" ? 7 : 4 },
    ]);
    const lostOne = mixed.result.items.find((item: any) => item.status === "unplaced");
    expect(lostOne.explanation[0].constraint).toBe("equipment_short");
  });

  it("auto-staffs a session with the cheapest free qualified instructor", async () => {
    const world = await schedulingWorld(api());
    const created = await api().post("/sessions", sessionBody(world, "2027-06-14", { instructors: [] }));
    const other = await api().post(
      "/sessions",
      sessionBody(world, "2027-06-14", {
        segments: [{ start: "2027-06-14T09:00", end: "2027-06-14T17:00", roomId: world.roomB.id }],
        instructors: [{ instructorId: world.ben.id }],
      }),
    );
    expect(other.status).toBe(201);
    const ranked = await api().post(`/sessions/${created.body.id}/auto-staff`, {});
    expect(ranked.status).toBe(200);
    // Ben is cheaper but teaches the other session; Carl is not qualified.
    expect(ranked.body.candidates.map((c: any) => c.instructorId)).toEqual([world.anna.id]);
    expect(ranked.body.rejected).toEqual([
      expect.objectContaining({ instructorId: world.ben.id, constraints: ["instructor_double_booked"] }),
    ]);
    expect(ranked.body.assigned).toBeNull();
    const assigned = await api().post(`/sessions/${created.body.id}/auto-staff`, { assign: true });
    expect(assigned.body.assigned.instructors.map((i: any) => i.instructorId)).toEqual([world.anna.id]);
  });

  it("auto-staffs an afternoon with the instructor whose day is paid already, an hourly one costing its hours", async () => {
    const world = await schedulingWorld(api());
    const date = "2027-06-16";
    const morning = await api().post(
      "/sessions",
      sessionBody(world, date, { instructors: [{ instructorId: world.ben.id }] }, ["09:00", "12:00"]),
    );
    expect(morning.status, JSON.stringify(morning.body)).toBe(201);
    expect((await api().patch(`/instructors/${world.anna.id}`, { hourRateMinor: 10_000 })).status).toBe(200);
    const afternoon = await api().post(
      "/sessions",
      sessionBody(world, date, { instructors: [] }, ["13:00", "16:00"]),
    );
    expect(afternoon.status, JSON.stringify(afternoon.body)).toBe(201);
    const ranked = await api().post(`/sessions/${afternoon.body.id}/auto-staff`, {});
    expect(ranked.status).toBe(200);
    // Ben's 500 a day is paid by his morning: only the load of that day (25). Anna: 3 hours at 100.
    expect(ranked.body.candidates).toEqual([
      expect.objectContaining({ instructorId: world.ben.id, teachingDays: 1, cost: 25 }),
      expect.objectContaining({
        instructorId: world.anna.id,
        dayRateMinor: 60_000,
        hourRateMinor: 10_000,
        teachingDays: 0,
        cost: 300,
      }),
    ]);
  });

  it("auto-staffs a session with an accepted warning only with an override, as an update would", async () => {
    const world = await schedulingWorld(api());
    // Room A seats 12: 15 seats are a warning, accepted when the session was created.
    const crowded = await api().post(
      "/sessions",
      sessionBody(world, "2027-06-15", {
        instructors: [],
        maxSeats: 15,
        override: { reason: "Extra chairs" },
      }),
    );
    expect(crowded.status, JSON.stringify(crowded.body)).toBe(201);
    const refused = await api().post(`/sessions/${crowded.body.id}/auto-staff`, { assign: true });
    expectProblem(refused, 409, "conflict");
    expect((await api().get(`/sessions/${crowded.body.id}`)).body.instructors).toEqual([]);
    const assigned = await api().post(`/sessions/${crowded.body.id}/auto-staff`, {
      assign: true,
      override: { reason: "Extra chairs, still" },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.assigned.instructors.map((i: any) => i.instructorId)).toEqual([world.ben.id]);
    const short = await api().post(`/sessions/${crowded.body.id}/auto-staff`, { override: { reason: "x" } });
    expectProblem(short, 422, "validation_failed");
    expect(paths(short)).toEqual(["override.reason"]);
  });

  it("weighs the journey from an instructor's home: a local instructor beats a cheaper one four hours away", async () => {
    const world = await schedulingWorld(api());
    // Ben (500 a day) lives in Munich, four hours from Berlin (160 a day at 40 an hour): 660 > Anna's 600.
    const travel = await api().patch(`/locations/${world.otherSite.id}`, {
      travelTimes: [{ locationId: world.location.id, minutes: 240 }],
    });
    expect(travel.status, JSON.stringify(travel.body)).toBe(200);
    expect(
      (await api().patch(`/instructors/${world.ben.id}`, { homeLocationId: world.otherSite.id })).status,
    ).toBe(200);
    const plan = await runPlan(api(), {
      demand: [demand(world, { from: "2027-08-02", to: "2027-08-02" })],
      iterations: 2000,
    });
    expect(plan.result.items[0].segments[0]).toMatchObject({ instructorId: world.anna.id });
    const created = await api().post("/sessions", sessionBody(world, "2027-08-03", { instructors: [] }));
    const ranked = await api().post(`/sessions/${created.body.id}/auto-staff`, {});
    expect(ranked.status).toBe(200);
    expect(ranked.body.candidates.map((c: any) => [c.instructorId, c.travelMinutes, c.cost])).toEqual([
      [world.anna.id, 0, 600],
      [world.ben.id, 240, 660],
    ]);
    // A virtual session has no journey: Ben is the cheaper again.
    const online = await api().post(
      "/sessions",
      sessionBody(world, "2027-08-04", {
        instructors: [],
        format: "vilt",
        locationId: null,
        segments: [{ start: "2027-08-04T09:00", end: "2027-08-04T17:00" }],
      }),
    );
    expect(online.status, JSON.stringify(online.body)).toBe(201);
    const rankedOnline = await api().post(`/sessions/${online.body.id}/auto-staff`, {});
    expect(rankedOnline.body.candidates.map((c: any) => [c.instructorId, c.travelMinutes])).toEqual([
      [world.ben.id, 0],
      [world.anna.id, 0],
    ]);
  });

  it("answers before the model is built, and sets the default move budget once it is", async () => {
    const world = await schedulingWorld(api());
    const created = await api().post("/plans", {
      demand: [demand(world, { from: "2027-07-05", to: "2027-07-09" }, { runs: 2 })],
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: "running", maxIterations: 0, progress: 0 });
    const plan = await waitForPlan(api(), created.body.id);
    expect(plan.body.status).toBe("done");
    // 20,000 + 4,000 per event of the model: the two one-day runs (the rooms are free that week).
    expect(plan.body.maxIterations).toBe(28_000);
    expect(plan.body.iterations).toBeGreaterThanOrEqual(28_000);
    expect(plan.body.result.placed).toBe(2);
  });

  it("cancels a running plan and keeps its best proposal", async () => {
    const world = await schedulingWorld(api());
    const created = await api().post("/plans", {
      demand: [demand(world, { from: "2027-07-05", to: "2027-07-30" }, { runs: 4 })],
      iterations: 50_000_000,
      timeLimitSeconds: 60,
    });
    expect(created.status).toBe(202);
    const cancelled = await api().post(`/plans/${created.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    await ctx().core.planning.settled(created.body.id);
    const plan = (await api().get(`/plans/${created.body.id}`)).body;
    expect(plan.status).toBe("cancelled");
    expect(plan.result.stats.stoppedBy).toBe("cancelled");
    expect(plan.result.placed).toBe(4);
    expectProblem(await api().post(`/plans/${created.body.id}/cancel`), 409, "conflict");
    expectProblem(await api().post(`/plans/${created.body.id}/apply`, {}), 409, "conflict");
  });

  it("reads a plan stored before plans chose equipment (its items have no equipment lines)", async () => {
    const world = await schedulingWorld(api());
    const plan = await runPlan(api(), {
      demand: [demand(world, { from: "2027-09-06", to: "2027-09-06" })],
      iterations: 2000,
    });
    const { core, a } = ctx();
    const stored = JSON.parse(JSON.stringify(plan.result));
    for (const item of stored.items) delete item.equipment;
    await core.database.db
      .updateTable("plans")
      .set({ result_json: JSON.stringify(stored) })
      .where("tenant_id", "=", a.id)
      .where("id", "=", plan.id)
      .execute();
    const read = await api().get(`/plans/${plan.id}`);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.result.items[0].equipment).toEqual([]);
    expect((await api().get("/plans")).status).toBe(200);
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.body.applied.map((entry: any) => entry.status)).toEqual(["created"]);
  });

  it("reports a plan whose process stopped (a restart) as failed, read alone or in a list", async () => {
    const { core, a } = ctx();
    const old = Date.now() - 10 * 60_000;
    const id = "0190d4b4-0000-7000-8000-00000000beef";
    const listed = "0190d4b4-0000-7000-8000-00000000bee0";
    const interrupted = (planId: string) => runningPlan(a.id, planId, old);
    await core.database.db
      .insertInto("plans")
      .values([interrupted(id), interrupted(listed)])
      .execute();
    const plan = await api().get(`/plans/${id}`);
    expect(plan.body.status).toBe("failed");
    expect(plan.body.error).toContain("restart");
    const running = await api().get("/plans?status=running");
    expect(running.status).toBe(200);
    expect(running.body.items.map((item: any) => item.id)).not.toContain(listed);
    const failed = await api().get("/plans?status=failed");
    expect(failed.body.items.map((item: any) => item.id)).toEqual(expect.arrayContaining([id, listed]));
  });

  it("lets an organisation run three plans at once, not counting interrupted ones", async () => {
    const { core, b } = ctx();
    const asB = client(ctx().app, b.token);
    const ids = [1, 2, 3].map((n) => `0190d4b4-0000-7000-8000-00000000c0d${n}`);
    const now = Date.now();
    await core.database.db
      .insertInto("plans")
      .values([
        runningPlan(b.id, ids[0]!, now),
        runningPlan(b.id, ids[1]!, now),
        runningPlan(b.id, "0190d4b4-0000-7000-8000-00000000c0d0", now - 10 * 60_000),
      ])
      .execute();
    const body = {
      demand: [
        {
          courseId: "0190d4b4-0000-7000-8000-000000000000",
          window: { from: "2027-01-04", to: "2027-01-05" },
        },
      ],
    };
    // Two live plans: a third may start (here it fails validation, which proves it got that far).
    expectProblem(await asB.post("/plans", body), 422, "validation_failed");
    await core.database.db
      .insertInto("plans")
      .values(runningPlan(b.id, ids[2]!, now))
      .execute();
    const refused = await asB.post("/plans", body);
    expectProblem(refused, 409, "conflict");
    expect(refused.body.detail).toContain("at most 3");
    await core.database.db.updateTable("plans").set({ status: "failed" }).where("id", "in", ids).execute();

    // Two live plans and three requests at once: exactly one more starts.
    await core.database.db
      .updateTable("plans")
      .set({ status: "running", updated_at: Date.now() })
      .where("id", "in", ids.slice(0, 2))
      .execute();
    const world = await schedulingWorld(asB);
    const valid = { demand: [demand(world, { from: "2027-02-01", to: "2027-02-05" })], iterations: 2000 };
    const answers = await Promise.all([1, 2, 3].map(() => asB.post("/plans", valid)));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409]);
    await waitForPlan(asB, answers.find((a) => a.status === 202)!.body.id);
    await core.database.db.updateTable("plans").set({ status: "failed" }).where("id", "in", ids).execute();
    expectProblem(await asB.post("/plans", body), 422, "validation_failed");
  });

  it("refuses windows over a year, courses longer than a session and drafts with two parts of a day, before listing a date", async () => {
    const world = await schedulingWorld(api());
    const endless = { from: "2027-01-04", to: "9999-12-31" };
    const huge = await api().post("/plans", { demand: [demand(world, endless)] });
    expectProblem(huge, 422, "validation_failed");
    expect(paths(huge)).toEqual(["demand.0.window.to"]);
    const draft = await api().post("/sessions", sessionBody(world, "2027-06-07"));
    expect(draft.status).toBe(201);
    const hugeDraft = await api().post("/plans", {
      sessions: [{ sessionId: draft.body.id, window: endless }],
    });
    expect(paths(hugeDraft)).toEqual(["sessions.0.window.to"]);
    // Locked dates need no window.
    const locked = await runPlan(api(), {
      sessions: [{ sessionId: draft.body.id, window: endless, lock: { dates: true } }],
      iterations: 1000,
    });
    expect(locked.result.items[0].status).toBe("placed");

    const split = await api().post(
      "/sessions",
      sessionBody(world, "2027-06-08", {
        segments: [
          { start: "2027-06-08T09:00", end: "2027-06-08T12:00", roomId: world.roomA.id },
          { start: "2027-06-08T13:00", end: "2027-06-08T17:00", roomId: world.roomA.id },
        ],
      }),
    );
    expect(split.status, JSON.stringify(split.body)).toBe(201);
    const twoParts = await api().post("/plans", {
      sessions: [{ sessionId: split.body.id, lock: { dates: true } }],
    });
    expectProblem(twoParts, 422, "validation_failed");
    expect(paths(twoParts)).toEqual(["sessions.0.sessionId"]);
    const night = await api().post(
      "/sessions",
      sessionBody(world, "2027-06-09", {
        segments: [{ start: "2027-06-09T22:00", end: "2027-06-10T02:00", roomId: world.roomA.id }],
        instructors: [],
      }),
    );
    expect(night.status, JSON.stringify(night.body)).toBe(201);
    const overMidnight = await api().post("/plans", { sessions: [{ sessionId: night.body.id }] });
    expect(overMidnight.body.errors).toEqual([
      expect.objectContaining({
        path: "sessions.0.sessionId",
        message: expect.stringContaining("over midnight"),
      }),
    ]);

    expect((await api().patch(`/courses/${world.course.id}`, { durationDays: 150 })).status).toBe(200);
    const long = await api().post("/plans", {
      demand: [demand(world, { from: "2027-01-04", to: "2027-12-31" })],
    });
    expect(paths(long)).toEqual(["demand.0.courseId"]);
  });

  it("applies a run that ends at midnight (24:00) as a session ending at 00:00 the next day, and re-plans such a draft", async () => {
    const world = await schedulingWorld(api());
    const evenings = { rules: [{ weekday: 1, startTime: "08:00", endTime: "24:00" }] };
    expect((await api().put(`/instructors/${world.ben.id}/availability-rules`, evenings)).status).toBe(200);
    const plan = await runPlan(api(), {
      demand: [
        demand(world, { from: "2027-03-01", to: "2027-03-01" }, { startTime: "20:00", endTime: "24:00" }),
      ],
      iterations: 2000,
    });
    expect(plan.result.items[0], JSON.stringify(plan.result.items[0])).toMatchObject({ status: "placed" });
    expect(plan.result.items[0].segments[0]).toMatchObject({ date: "2027-03-01", end: "24:00" });
    const applied = await api().post(`/plans/${plan.id}/apply`, {});
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.applied[0].status).toBe("created");
    const session = (await api().get(`/sessions/${applied.body.applied[0].sessionId}`)).body;
    expect(session.segments[0]).toMatchObject({ start: "2027-03-01T20:00", end: "2027-03-02T00:00" });
    expect(session.segments[0].endsAt).toBe("2027-03-01T23:00:00.000Z");

    // The same evening as a draft (ending at 00:00 the next day) is re-planned and keeps its hours.
    const draft = await api().post(
      "/sessions",
      sessionBody(world, "2027-03-08", {
        segments: [{ start: "2027-03-08T20:00", end: "2027-03-09T00:00", roomId: world.roomA.id }],
        instructors: [{ instructorId: world.ben.id, role: "lead" }],
      }),
    );
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const replanned = await runPlan(api(), {
      sessions: [{ sessionId: draft.body.id, window: { from: "2027-03-15", to: "2027-03-15" } }],
      iterations: 2000,
    });
    expect(replanned.result.items[0].segments[0]).toMatchObject({ date: "2027-03-15", end: "24:00" });
    expect((await api().post(`/plans/${replanned.id}/apply`, {})).body.applied[0].status).toBe("updated");
    const moved = (await api().get(`/sessions/${draft.body.id}`)).body;
    expect(moved.segments[0]).toMatchObject({ start: "2027-03-15T20:00", end: "2027-03-16T00:00" });
  });

  it("refuses bad input with the field named, and people who are not coordinators", async () => {
    expect(paths(await api().post("/plans", {}))).toEqual(["demand"]);
    const unknown = await api().post("/plans", {
      demand: [
        {
          courseId: "0190d4b4-0000-7000-8000-000000000000",
          window: { from: "2027-01-04", to: "2027-01-05" },
        },
      ],
    });
    expectProblem(unknown, 422, "validation_failed");
    expect(paths(unknown)).toEqual(["demand.0.courseId"]);
    const backwards = await api().post("/plans", {
      demand: [
        {
          courseId: "0190d4b4-0000-7000-8000-000000000000",
          window: { from: "2027-01-05", to: "2027-01-04" },
        },
      ],
    });
    expect(paths(backwards)).toEqual(["demand.0.window.to"]);
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expectProblem(await viewer.get("/plans"), 403, "forbidden");
    expectProblem(await api().get("/plans/0190d4b4-0000-7000-8000-000000000000"), 404, "not_found");
    // Another tenant's plan is not found.
    const list = await api().get("/plans");
    expect(list.status).toBe(200);
    const other = client(ctx().app, ctx().b.token);
    expect(list.body.items.length).toBeGreaterThan(0);
    expectProblem(await other.get(`/plans/${list.body.items[0].id}`), 404, "not_found");
  });
});
