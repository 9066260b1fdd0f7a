import { describe, expect, it } from "vitest";
import type { SolverEvent, SolverModel } from "../solver/model.js";
import type { EquipmentNeed } from "./plan-equipment.js";
import { planPools, runWindow } from "./plan-pools.js";
import type { PlanRun } from "./plan-problem.js";
import { poolCounter } from "./pool-counter.js";

const dates = ["2027-11-01"];
const laptops = { equipmentId: "laptops", name: "Laptops", stock: 10 };
const cart = { equipmentId: "cart", name: "Cart", stock: 8 };

interface Run {
  times: { start: string; end: string }[];
  needs: EquipmentNeed[];
  zone?: string;
  /** What other sessions leave of each pool during the run's hours on the date. */
  free?: Record<string, number>;
}

/** The solver pools and the recorded runs' uses for some one-day runs, and a read-back counter. */
function build(runs: Run[]) {
  const pools = planPools(dates);
  const courses: SolverModel["courses"] = [];
  const events: SolverEvent[] = [];
  for (const [n, run] of runs.entries()) {
    const course = { id: `run${n}`, minDays: 1 };
    const event: SolverEvent = { id: `run${n}#0`, course: n, size: 1, periods: [0] };
    courses.push(course);
    events.push(event);
    const free = new Map(
      Object.entries(run.free ?? {}).map(([id, units]) => [id, new Map([[dates[0]!, units]])]),
    );
    pools.add(course, [event], run.needs, free, runWindow(run.times), run.zone ?? "Europe/Berlin");
  }
  const built = pools.build();
  const planRun = (run: Run) =>
    ({
      times: run.times,
      equipment: run.needs,
      equipmentFree: new Map(
        Object.entries(run.free ?? {}).map(([id, units]) => [id, new Map([[dates[0]!, units]])]),
      ),
    }) as PlanRun;
  return { ...built, courses, events, counter: poolCounter(dates, built.pools, built.bands), planRun };
}

/** Reads the runs back in order, each with the given solver choices: which were accepted. */
function readBack(runs: Run[], chosen: number[][] = []) {
  const { counter, planRun } = build(runs);
  return runs.map((run, n) => {
    const checked = counter.check(planRun(run), [0], chosen[n] ?? []);
    if (checked.short) return checked.short.message;
    counter.record(checked.takes);
    return checked.lines.map((line) => `${line.quantity} ${line.name}`).join(", ");
  });
}

const hours = (start: string, end: string) => [{ start, end }];
const six = { quantity: 6, pools: [laptops] };

describe("planPools", () => {
  it("splits a pool into bands at the runs' hours; a run takes from every band it covers", () => {
    const { pools, events } = build([
      { times: hours("09:00", "12:00"), needs: [six] },
      { times: hours("12:00", "17:00"), needs: [six] },
      { times: hours("09:00", "17:00"), needs: [six] },
    ]);
    expect(pools.map((pool) => pool.id)).toEqual(["laptops@09:00-12:00", "laptops@12:00-17:00"]);
    expect(events.map((event) => event.uses?.map((use) => use.pool))).toEqual([[0], [1], [0, 1]]);
  });

  it("gives a band the most free that any run covering it sees", () => {
    const { pools } = build([
      { times: hours("09:00", "17:00"), needs: [six], free: { laptops: 4 } },
      { times: hours("13:00", "17:00"), needs: [six], free: { laptops: 9 } },
    ]);
    expect(pools.map((pool) => [pool.id, pool.free[0]])).toEqual([
      ["laptops@09:00-13:00", 4],
      ["laptops@13:00-17:00", 9],
    ]);
  });

  it("counts a pool used in several zones as one band for the whole day, with the least any run sees", () => {
    const { pools, events } = build([
      { times: hours("09:00", "12:00"), needs: [six], free: { laptops: 9 } },
      { times: hours("04:00", "07:00"), needs: [six], zone: "America/New_York", free: { laptops: 10 } },
    ]);
    expect(pools.map((pool) => [pool.id, pool.free[0]])).toEqual([["laptops@00:00-24:00", 9]]);
    expect(events.map((event) => event.uses?.map((use) => use.pool))).toEqual([[0], [0]]);
  });

  it("makes a need several pools could meet a choice of its run, one option of bands per pool", () => {
    const { courses, events } = build([
      { times: hours("09:00", "12:00"), needs: [{ quantity: 6, pools: [laptops, cart] }] },
      { times: hours("13:00", "17:00"), needs: [{ quantity: 6, pools: [cart] }] },
    ]);
    expect(courses[0]!.poolChoices).toEqual([{ quantity: 6, options: [[0], [1]] }]);
    expect(events[0]!.uses).toBeUndefined();
    expect(events[1]!.uses).toEqual([{ pool: 2, quantity: 6 }]);
  });
});

describe("poolCounter", () => {
  it("lets back-to-back runs share a pool, not overlapping ones", () => {
    expect(
      readBack([
        { times: hours("09:00", "12:00"), needs: [six] },
        { times: hours("12:00", "17:00"), needs: [six] },
        { times: hours("11:00", "13:00"), needs: [six] },
      ]),
    ).toEqual([
      "6 Laptops",
      "6 Laptops",
      "Laptops would be short on 2027-11-01: the other items of this plan take 6 of 10, this run needs 6",
    ]);
  });

  it("accepts what fits by the hour whatever the order of the runs", () => {
    // Other sessions take 5 in the morning: an all-day run and an afternoon run of 5 both fit.
    const afternoon = { times: hours("13:00", "17:00"), needs: [{ quantity: 5, pools: [laptops] }] };
    const allDay = {
      times: hours("09:00", "17:00"),
      needs: [{ quantity: 5, pools: [laptops] }],
      free: { laptops: 5 },
    };
    expect(readBack([afternoon, allDay])).toEqual(["5 Laptops", "5 Laptops"]);
    expect(readBack([allDay, afternoon])).toEqual(["5 Laptops", "5 Laptops"]);
  });

  it("takes the solver's pool first, then the first other pool with enough", () => {
    const choice = { quantity: 6, pools: [laptops, cart] };
    const morning = hours("09:00", "12:00");
    expect(
      readBack(
        [
          { times: morning, needs: [choice] },
          { times: morning, needs: [choice] },
          { times: morning, needs: [choice] },
        ],
        [[1], [1], [1]],
      ),
    ).toEqual([
      "6 Cart",
      "6 Laptops",
      "Laptops would be short on 2027-11-01: the other items of this plan take 6 of 10, this run needs 6 (nor would Cart)",
    ]);
  });
});
