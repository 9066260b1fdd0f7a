import { describe, expect, it } from "vitest";
import { itcWeights, type SolverModel } from "../solver/model.js";
import { zeroScore } from "../solver/score-breakdown.js";
import type { SolveResult } from "../solver/solve.js";
import { interpretPlan } from "./interpret-plan.js";
import type { PlanProblem, PlanRun } from "./plan-problem.js";

/** Three one-day runs on one date, with two rooms and two instructors, read back from `result`. */
function readBack(room: number[], instructor: number[]) {
  const run = (e: number): PlanRun => ({
    key: `demand.0.${e}`,
    kind: "demand",
    courseId: "course",
    courseTitle: "Course",
    sessionId: null,
    timeZone: "Europe/Berlin",
    locationId: "site",
    format: "ilt",
    maxSeats: 10,
    times: [{ start: "09:00", end: "17:00" }],
    events: [e],
    equipment: [],
    equipmentFree: new Map(),
    explanation: [],
    blockedReasons: [],
  });
  const model: SolverModel = {
    periodDay: [0],
    rooms: [
      { id: "ra", capacity: 10 },
      { id: "rb", capacity: 10 },
    ],
    instructors: [{ id: "anna" }, { id: "ben" }],
    courses: [0, 1, 2].map((c) => ({ id: `demand.0.${c}`, minDays: 1 })),
    groups: [],
    events: [0, 1, 2].map((e) => ({
      id: `demand.0.${e}#0`,
      course: e,
      size: 10,
      instructors: [
        { instructor: 0, cost: 0 },
        { instructor: 1, cost: 0 },
      ],
    })),
    weights: itcWeights,
  };
  const problem: PlanProblem = {
    model,
    runs: [0, 1, 2].map(run),
    periodDates: ["2027-04-19"],
    instructors: [
      { id: "anna", name: "Anna" },
      { id: "ben", name: "Ben" },
    ],
    rooms: [
      { id: "ra", name: "Room A" },
      { id: "rb", name: "Room B" },
    ],
    limits: [],
    poolBands: new Map(),
  };
  const result: SolveResult = {
    period: [0, 0, 0],
    room,
    instructor,
    poolChoice: [[], [], []],
    score: zeroScore(),
    iterations: 0,
    elapsedMs: 0,
    stoppedBy: "iterations",
    history: [],
  };
  return interpretPlan(problem, result).items.map((item) => item.status);
}

describe("interpretPlan", () => {
  it("keeps the first of two runs left clashing for one slot", () => {
    // Runs 0 and 1 both in Room A with Anna; run 2 in Room B with Ben.
    expect(readBack([0, 0, 1], [0, 0, 1])).toEqual(["placed", "unplaced", "placed"]);
  });

  it("drops a run left clashing with two others rather than both of them", () => {
    // Run 0 shares Anna with run 1 and Room A with run 2, which share nothing: in input order run 0
    // would keep its slot and both others would be lost.
    expect(readBack([0, 1, 0], [0, 0, 1])).toEqual(["unplaced", "placed", "placed"]);
  });
});
