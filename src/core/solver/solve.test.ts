import { describe, expect, it } from "vitest";
import { cttToModel, parseCtt, writeSolution } from "./itc2007/ctt.js";
import { TIGHT, TOY } from "./itc2007/fixtures.js";
import { validateItc } from "./itc2007/validate.js";
import type { SolverModel } from "./model.js";
import { runSolverInWorker } from "./run-in-worker.js";
import { type SolverProgress, solve } from "./solve.js";

const noSoft = {
  roomCapacity: 0,
  minDays: 0,
  compactness: 0,
  roomStability: 0,
  instructorCost: 0,
  periodCost: 0,
};

describe("solver", () => {
  it("finds the only zero-cost timetable of a tight instance (A B on both days, validated)", () => {
    const instance = parseCtt(TIGHT);
    const model = cttToModel(instance);
    const result = solve(model, { seed: 5, maxIterations: 20_000 });
    const v = validateItc(instance, writeSolution(instance, model, result));
    expect(v).toMatchObject({ violations: 0, totalCost: 0 });
    expect(result.score).toMatchObject({ hard: 0, soft: 0 });
  });

  it("reaches the known optimum of the toy instance (cost 2: q2's B alone on one day) and agrees with the validator", () => {
    const instance = parseCtt(TOY);
    const model = cttToModel(instance);
    const result = solve(model, { seed: 1, maxIterations: 50_000 });
    const v = validateItc(instance, writeSolution(instance, model, result));
    // B has 2 lectures on 2 days (min days), C 1: q2 = {B, C} has at most one day with B next to C.
    expect(v).toMatchObject({ violations: 0, totalCost: 2 });
    expect(result.score.soft).toBe(2);
  });

  it("leaves lectures that no period allows unplaced, and still reaches the optimum of the rest (validated)", () => {
    const instance = parseCtt(TOY);
    // D's two lectures are unavailable everywhere: 2 violations of Lectures, and D misses its day (5).
    instance.courses.push({ id: "D", teacher: "tD", lectures: 2, minDays: 1, students: 10 });
    for (let day = 0; day < instance.days; day++)
      for (let period = 0; period < instance.periodsPerDay; period++)
        instance.unavailability.push({ course: "D", day, period });
    const model = cttToModel(instance);
    for (const seed of [1, 2, 3]) {
      const result = solve(model, { seed, maxIterations: 50_000 });
      const v = validateItc(instance, writeSolution(instance, model, result));
      expect(v).toMatchObject({ lectures: 2, availability: 0, violations: 2, totalCost: 2 + 5 });
      expect(result.period.slice(-2)).toEqual([-1, -1]);
      expect(result.score).toMatchObject({ hard: 2, unplaced: 2, soft: 7 });
    }
  });

  it("places events in the only feasible arrangement their domains leave", () => {
    const model: SolverModel = {
      periodDay: [0, 0, 0],
      rooms: [{ id: "r", capacity: 10 }],
      instructors: [],
      courses: [0, 1, 2].map((c) => ({ id: `c${c}`, minDays: 0 })),
      groups: [{ id: "cohort", courses: [0, 1, 2], compact: false }],
      events: [
        { id: "x", course: 0, size: 1, periods: [0, 1] },
        { id: "y", course: 1, size: 1, periods: [1] },
        { id: "z", course: 2, size: 1, periods: [1, 2] },
      ],
      weights: noSoft,
    };
    const result = solve(model, { seed: 3, maxIterations: 5_000 });
    expect(result.period).toEqual([0, 1, 2]);
    expect(result.score.hard).toBe(0);
  });

  it("shares a room and an instructor between events whose time bands do not meet, and only those", () => {
    // Three days, one room, one instructor, bands morning (1) and afternoon (2): five events fit
    // only as one day morning + afternoon, another morning + afternoon, and the whole-day event alone.
    const events: SolverModel["events"] = [1, 2, 1, 2, 3].map((bands, e) => ({
      id: `e${e}`,
      course: e,
      size: 1,
      instructors: [{ instructor: 0, cost: 0 }],
      roomBands: bands,
      instructorBands: bands,
    }));
    const model: SolverModel = {
      periodDay: [0, 1, 2],
      rooms: [{ id: "r", capacity: 10 }],
      instructors: [{ id: "x" }],
      courses: events.map((event) => ({ id: event.id, minDays: 0 })),
      groups: [],
      events,
      timeBands: 2,
      weights: noSoft,
    };
    for (const seed of [1, 2, 3]) {
      const result = solve(model, { seed, maxIterations: 5_000 });
      expect(result.score.hard).toBe(0);
      const day = (e: number) => result.period[e]!;
      expect(new Set([day(0), day(2)]).size).toBe(2);
      expect([day(1), day(3)].sort()).toEqual([day(0), day(2)].sort());
      expect([day(0), day(2)]).not.toContain(day(4));
    }
    // A fourth morning event has no band left on any day.
    const crowded: SolverModel = {
      ...model,
      courses: [...model.courses, { id: "e5", minDays: 0 }],
      events: [...events, { ...events[0]!, id: "e5", course: 5 }],
    };
    expect(solve(crowded, { seed: 1, maxIterations: 5_000 }).score).toMatchObject({
      hard: 2,
      roomClashes: 1,
      instructorClashes: 1,
    });
  });

  it("chooses the cheaper qualified instructor, unless a fixed booking takes them", () => {
    const base: SolverModel = {
      periodDay: [0],
      rooms: [],
      instructors: [{ id: "expensive" }, { id: "cheap" }],
      courses: [{ id: "course", minDays: 0 }],
      groups: [],
      events: [
        {
          id: "s",
          course: 0,
          size: 1,
          rooms: [],
          instructors: [
            { instructor: 0, cost: 900 },
            { instructor: 1, cost: 300 },
          ],
        },
      ],
      weights: { ...noSoft, instructorCost: 1 },
    };
    const free = solve(base, { seed: 1, maxIterations: 2_000 });
    expect(free.instructor).toEqual([1]);
    expect(free.score).toMatchObject({ hard: 0, soft: 300, instructorCost: 300 });

    const booked: SolverModel = {
      ...base,
      courses: [...base.courses, { id: "booked", minDays: 0 }],
      events: [
        ...base.events,
        {
          id: "existing",
          course: 1,
          size: 1,
          rooms: [],
          instructors: [{ instructor: 1, cost: 0 }],
          fixed: { period: 0, room: -1, instructor: 1 },
        },
      ],
    };
    const result = solve(booked, { seed: 1, maxIterations: 2_000 });
    expect(result.instructor).toEqual([0, 1]);
    expect(result.score).toMatchObject({ hard: 0, soft: 900 });
  });

  /** A morning and an afternoon event on one day, each with the given instructor options. */
  const twoHalves = (
    options: NonNullable<SolverModel["events"][number]["instructors"]>,
    instructors: SolverModel["instructors"],
  ): SolverModel => {
    const events: SolverModel["events"] = [1, 2].map((bands, e) => ({
      id: `e${e}`,
      course: e,
      size: 1,
      rooms: [],
      instructors: options.map((option) => ({ ...option })),
      instructorBands: bands,
    }));
    return {
      periodDay: [0],
      rooms: [],
      instructors,
      courses: events.map((event) => ({ id: event.id, minDays: 0 })),
      groups: [],
      events,
      timeBands: 2,
      weights: { ...noSoft, instructorCost: 1 },
    };
  };

  it("pays an instructor at most their cap per period, so one takes both halves of a day they are paid for", () => {
    // A morning and an afternoon event on one day. "daily" is paid 100 per event up to 100 a day;
    // "hourly" 60 per event, uncapped. Per event "hourly" is cheaper (120 for both, 160 mixed),
    // but "daily" teaching both costs 100.
    const model = twoHalves(
      [
        { instructor: 0, cost: 0, pay: 100 },
        { instructor: 1, cost: 0, pay: 60 },
      ],
      [{ id: "daily", payCap: 100 }, { id: "hourly" }],
    );
    for (const seed of [1, 2, 3]) {
      const result = solve(model, { seed, maxIterations: 3_000 });
      expect(result.instructor).toEqual([0, 0]);
      expect(result.score).toMatchObject({ hard: 0, instructorCost: 100 });
    }
    // Already paid 50 that day for other work: the halves cost 50 more with "daily", so still theirs;
    // without the cap, "hourly" is cheaper.
    const paid = { ...model, instructors: [{ id: "daily", payCap: 100, paid: [50] }, { id: "hourly" }] };
    expect(solve(paid, { seed: 1, maxIterations: 3_000 }).score).toMatchObject({ instructorCost: 50 });
    const uncapped = { ...model, instructors: [{ id: "daily" }, { id: "hourly" }] };
    expect(solve(uncapped, { seed: 1, maxIterations: 3_000 })).toMatchObject({
      instructor: [1, 1],
      score: { instructorCost: 120 },
    });
  });

  it("charges a day cost once per instructor and period, and counts a workload day once however many events fill it", () => {
    // A morning and an afternoon event on one day. "away" is paid 100 a day (capped) and travels
    // (a day cost of 30); "local" is paid 70 per event. One journey: "away" teaching both costs 130
    // against 140. Were the journey charged per event, "away" would cost 160 and "local" win.
    const model = twoHalves(
      [
        { instructor: 0, cost: 0, pay: 100, dayCost: 30 },
        { instructor: 1, cost: 0, pay: 70 },
      ],
      [{ id: "away", payCap: 100 }, { id: "local" }],
    );
    for (const seed of [1, 2, 3]) {
      const result = solve(model, { seed, maxIterations: 3_000 });
      expect(result.instructor).toEqual([0, 0]);
      expect(result.score).toMatchObject({ hard: 0, instructorCost: 130 });
    }
    // A longer journey (60): 160 against 140, so "local" takes both.
    const far = structuredClone(model);
    for (const event of far.events) event.instructors![0]!.dayCost = 60;
    expect(solve(far, { seed: 1, maxIterations: 3_000 })).toMatchObject({
      instructor: [1, 1],
      score: { instructorCost: 140 },
    });
    // Workload: "away" teaching both halves works one day, which costs nothing more (n(n − 1)/2 = 0).
    const weighed = { ...model, weights: { ...model.weights, instructorLoad: 25 } };
    expect(solve(weighed, { seed: 1, maxIterations: 3_000 }).score).toMatchObject({
      instructorLoad: 0,
      soft: 130,
    });
  });

  it("keeps an instructor within their limits per window, giving the rest to a dearer colleague", () => {
    // Four days in two weeks; the cheap instructor may take one more day in each week.
    const model: SolverModel = {
      periodDay: [0, 1, 2, 3],
      rooms: [],
      instructors: [{ id: "cheap" }, { id: "dear" }],
      courses: [0, 1, 2].map((c) => ({ id: `run${c}`, minDays: 0 })),
      groups: [],
      events: [0, 1, 2].map((c) => ({
        id: `run${c}`,
        course: c,
        size: 1,
        rooms: [],
        instructors: [
          { instructor: 0, cost: 100 },
          { instructor: 1, cost: 500 },
        ],
      })),
      weights: { ...noSoft, instructorCost: 1 },
    };
    const unlimited = solve(model, { seed: 1, maxIterations: 5_000, hardWeight: 1e6 });
    expect(unlimited.score).toMatchObject({ hard: 0, soft: 300 });

    const limited: SolverModel = {
      ...model,
      instructorLimits: [
        { instructor: 0, periods: [0, 1], max: 1 },
        { instructor: 0, periods: [2, 3], max: 1 },
      ],
    };
    for (const seed of [1, 2, 3]) {
      const result = solve(limited, { seed, maxIterations: 5_000, hardWeight: 1e6 });
      expect(result.score).toMatchObject({ hard: 0, instructorLimit: 0, soft: 700 });
      const cheapDays = result.period.filter((_, e) => result.instructor[e] === 0);
      expect(cheapDays.filter((p) => p < 2)).toHaveLength(1);
      expect(cheapDays.filter((p) => p >= 2)).toHaveLength(1);
    }
  });

  it("keeps what events take of a pool within what it has free per period", () => {
    // Three days, all three events would rather have the first; 10 laptops free on days 0 and 1, 4 on day 2.
    const model: SolverModel = {
      periodDay: [0, 1, 2],
      rooms: [],
      instructors: [],
      courses: [0, 1, 2].map((c) => ({ id: `run${c}`, minDays: 0 })),
      groups: [],
      pools: [{ id: "laptops", free: [10, 10, 4] }],
      events: [6, 5, 5].map((quantity, c) => ({
        id: `run${c}`,
        course: c,
        size: 1,
        rooms: [],
        periodCosts: [0, 10, 20],
        uses: [{ pool: 0, quantity }],
      })),
      weights: { ...noSoft, periodCost: 1 },
    };
    const free = solve(
      { ...model, pools: [{ id: "laptops", free: [99, 99, 99] }] },
      { seed: 1, maxIterations: 5_000 },
    );
    expect(free.period).toEqual([0, 0, 0]);
    for (const seed of [1, 2, 3]) {
      const result = solve(model, { seed, maxIterations: 5_000, hardWeight: 1e6 });
      expect(result.score).toMatchObject({ hard: 0, poolOver: 0 });
      // Two share a day (5 + 5, never 6 + 5), the third has the other; day 2's 4 hold none of them.
      const used = [0, 1, 2].map((day) =>
        [6, 5, 5].reduce((sum, quantity, e) => sum + (result.period[e] === day ? quantity : 0), 0),
      );
      expect(used[0]! <= 10 && used[1]! <= 10 && used[2] === 0).toBe(true);
    }
  });

  it("gives a course with a pool choice one pool, so runs split over pools as their units fit", () => {
    // Runs of 6, 6 and 5 laptops, each from pool A (10 free) or B (8 free), all rather on day 0.
    const quantities = [6, 6, 5];
    const model: SolverModel = {
      periodDay: [0, 1],
      rooms: [],
      instructors: [],
      courses: quantities.map((quantity, c) => ({
        id: `run${c}`,
        minDays: 0,
        poolChoices: [{ quantity, options: [[0], [1]] }],
      })),
      groups: [],
      pools: [
        { id: "A", free: [10, 10] },
        { id: "B", free: [8, 8] },
      ],
      events: quantities.map((_, c) => ({
        id: `run${c}`,
        course: c,
        size: 1,
        rooms: [],
        periodCosts: [0, 10],
      })),
      weights: { ...noSoft, periodCost: 1, poolRank: 1 },
    };
    // Counted together (18 free for 17), all three would go on day 0: no split of 6, 6, 5 fits 10 + 8.
    const together = solve(
      {
        ...model,
        courses: model.courses.map(({ id }) => ({ id, minDays: 0 })),
        pools: [{ id: "A+B", free: [18, 18] }],
        events: model.events.map((event, e) => ({ ...event, uses: [{ pool: 0, quantity: quantities[e]! }] })),
      },
      { seed: 1, maxIterations: 5_000 },
    );
    expect(together.period).toEqual([0, 0, 0]);
    for (const seed of [1, 2, 3]) {
      const result = solve(model, { seed, maxIterations: 5_000, hardWeight: 1e6 });
      // Two on day 0 (one from A, one from B: rank 1), the third alone on day 1 from A: 10 + 1.
      expect(result.score).toMatchObject({ hard: 0, poolOver: 0, poolRank: 1, soft: 11 });
      expect(result.period.filter((p) => p === 0)).toHaveLength(2);
      for (const day of [0, 1])
        for (const [pool, free] of [10, 8].entries()) {
          const used = quantities.reduce(
            (sum, quantity, e) =>
              sum + (result.period[e] === day && result.poolChoice[e]![0] === pool ? quantity : 0),
            0,
          );
          expect(used).toBeLessThanOrEqual(free);
        }
      expect(result.poolChoice[result.period.indexOf(1)]).toEqual([0]);
    }
  });

  it("keeps the events of an ordered course in increasing periods", () => {
    // The second event would rather have period 0 and the first period 2; ordered, they cannot swap.
    const model: SolverModel = {
      periodDay: [0, 1, 2],
      rooms: [],
      instructors: [],
      courses: [{ id: "session", minDays: 0 }],
      groups: [],
      events: [
        [5, 3, 0],
        [0, 3, 6],
      ].map((periodCosts, k) => ({ id: `segment${k}`, course: 0, size: 1, rooms: [], periodCosts })),
      weights: { ...noSoft, periodCost: 1 },
    };
    expect(solve(model, { seed: 1, maxIterations: 5_000 }).period).toEqual([2, 0]);
    const ordered = { ...model, courses: [{ id: "session", minDays: 0, ordered: true }] };
    for (const seed of [1, 2, 3]) {
      const result = solve(ordered, { seed, maxIterations: 5_000 });
      // In order, the cheapest is periods 0 and 1 (5 + 3; 1 and 2 cost 9, 0 and 2 cost 11).
      expect(result.score).toMatchObject({ hard: 0, outOfOrder: 0, soft: 8 });
      expect(result.period).toEqual([0, 1]);
    }
  });

  it("never moves a fixed event, and prefers the cheaper period", () => {
    const model: SolverModel = {
      periodDay: [0, 0, 1, 1],
      rooms: [{ id: "r", capacity: 10 }],
      instructors: [],
      courses: [
        { id: "a", minDays: 0 },
        { id: "b", minDays: 0 },
      ],
      groups: [],
      events: [
        { id: "locked", course: 0, size: 1, fixed: { period: 3, room: 0 } },
        { id: "free", course: 1, size: 1, periodCosts: [5, 4, 1, 0] },
      ],
      weights: { ...noSoft, periodCost: 1 },
    };
    const result = solve(model, { seed: 9, maxIterations: 5_000 });
    expect(result.period).toEqual([3, 2]);
    expect(result.score).toMatchObject({ hard: 0, soft: 1 });
  });

  it("is deterministic for a seed, and reports progress with a best score that never worsens", () => {
    const model = cttToModel(parseCtt(TOY));
    const seen: SolverProgress[] = [];
    const a = solve(model, {
      seed: 42,
      maxIterations: 30_000,
      onProgress: (p) => seen.push(p),
      progressIntervalMs: 0,
    });
    const b = solve(model, { seed: 42, maxIterations: 30_000 });
    expect(b.period).toEqual(a.period);
    expect(b.room).toEqual(a.room);
    expect(b.iterations).toBe(a.iterations);
    expect(a.stoppedBy).toBe("iterations");
    expect(seen.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) {
      const [prev, next] = [seen[i - 1]!, seen[i]!];
      expect(next.bestHard * 1e6 + next.bestSoft).toBeLessThanOrEqual(prev.bestHard * 1e6 + prev.bestSoft);
    }
  });

  it("with several annealing cycles (reheats from the best) stays deterministic for a seed and feasible", () => {
    const model = cttToModel(parseCtt(TOY));
    const options = { seed: 7, maxIterations: 30_000, cycles: 3, reheat: 0.5 };
    const a = solve(model, options);
    const b = solve(model, options);
    expect(b.period).toEqual(a.period);
    expect(b.room).toEqual(a.room);
    expect(a.iterations).toBeGreaterThanOrEqual(30_000);
    expect(a.score.hard).toBe(0);
  });

  it("stops when asked, with the best solution so far", () => {
    const model = cttToModel(parseCtt(TOY));
    let polls = 0;
    const result = solve(model, { seed: 1, timeLimitMs: 60_000, shouldStop: () => ++polls > 3 });
    expect(result.stoppedBy).toBe("cancelled");
    expect(result.period.every((p) => p >= 0)).toBe(true);
  });

  it("with a hard weight above costs in the hundreds, finds the cheaper feasible timetable for every seed", () => {
    // Two days of one run; Ben (500) is busy on day 2, Anna (600) is free. Anna on both days
    // (1,200) beats Ben then Anna (1,100 + 150 for a second instructor). With the default weight,
    // scaled for costs of 1 to 5, some seeds wander among timetables that clash Ben and never
    // record the cheaper feasible one.
    const options = [
      { instructor: 0, cost: 600 },
      { instructor: 1, cost: 500 },
    ];
    const day = (id: string) => ({
      id,
      course: 0,
      size: 10,
      periods: [0, 1],
      instructors: options,
      periodCosts: [0, 1],
    });
    const model: SolverModel = {
      periodDay: [0, 1],
      rooms: [{ id: "A", capacity: 12 }],
      instructors: [{ id: "anna" }, { id: "ben" }],
      courses: [
        { id: "run", minDays: 2 },
        { id: "busy", minDays: 0 },
      ],
      groups: [],
      events: [
        day("day-a"),
        day("day-b"),
        {
          id: "ben-busy",
          course: 1,
          size: 0,
          rooms: [],
          fixed: { period: 1, room: -1, instructor: 1 },
          instructors: [{ instructor: 1, cost: 0 }],
        },
      ],
      weights: { ...noSoft, roomWaste: 2, instructorStability: 150, instructorCost: 1, periodCost: 1 },
    };
    for (let seed = 1; seed <= 10; seed++) {
      const result = solve(model, { seed, maxIterations: 5000, hardWeight: 1_000_000 });
      expect(result.score.hard, `seed ${seed}`).toBe(0);
      expect(result.score.soft, `seed ${seed}`).toBe(1200 + 1 + 2 * 2 * 2);
      expect(result.instructor.slice(0, 2), `seed ${seed}`).toEqual([0, 0]);
    }
  });
});

describe("runSolverInWorker", () => {
  it("returns the same result as solving in-thread for a seed, with progress messages", async () => {
    const model = cttToModel(parseCtt(TOY));
    const progress: SolverProgress[] = [];
    const job = runSolverInWorker(model, {
      seed: 42,
      maxIterations: 30_000,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p),
    });
    const result = await job.result;
    const local = solve(model, { seed: 42, maxIterations: 30_000 });
    expect(result.period).toEqual(local.period);
    expect(result.room).toEqual(local.room);
    expect(result.score).toEqual(local.score);
    expect(progress.length).toBeGreaterThan(0);
  });

  it("can be cancelled while the main thread stays free", async () => {
    const model = cttToModel(parseCtt(TOY));
    let ticks = 0;
    const job = runSolverInWorker(model, {
      seed: 1,
      timeLimitMs: 60_000,
      onProgress: () => {
        if (ticks > 0) job.cancel();
      },
      progressIntervalMs: 20,
    });
    // Timers keep firing on this thread while the worker searches.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (++ticks >= 3) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    job.cancel();
    const result = await job.result;
    expect(result.stoppedBy).toBe("cancelled");
    expect(result.score.hard).toBe(0);
  });

  it("rejects an invalid model with its error", async () => {
    const job = runSolverInWorker({ ...cttToModel(parseCtt(TOY)), periodDay: [] });
    await expect(job.result).rejects.toThrow(/no periods/);
  });
});
