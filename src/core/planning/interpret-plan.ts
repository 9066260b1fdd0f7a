import type { SolveResult } from "../solver/solve.js";
import type { PlanProblem, PlanRun } from "./build-plan-model.js";
import type { PlanItem, PlanResult } from "./plans.schemas.js";

/**
 * Reads the solver's best timetable back as sessions: a run whose segments all sit on free days
 * with free resources is placed (segment i on its i-th day); a run left clashing with an existing
 * booking or an earlier item is unplaced, explained by what held its instructors and rooms, since
 * it lost to the other items.
 */
export function interpretPlan(problem: PlanProblem, result: SolveResult): PlanResult {
  const { model, periodDates } = problem;
  const P = periodDates.length;
  // Fixed events (existing bookings) hold their resources first; then runs are accepted in input
  // order while they fit, so of two items left clashing for one slot the first keeps it.
  const used = new Set<string>();
  const take = (e: number) => {
    const p = result.period[e]!;
    if (result.instructor[e]! >= 0) used.add(`i${result.instructor[e]}|${p}`);
    if (result.room[e]! >= 0) used.add(`r${result.room[e]}|${p}`);
  };
  model.events.forEach((event, e) => {
    if (event.fixed) take(e);
  });
  const accepted = new Set<PlanRun>();
  for (const run of problem.runs) {
    if (run.events.length === 0) continue;
    const days = new Set(run.events.map((e) => result.period[e]!));
    const fits =
      days.size === run.events.length &&
      run.events.every((e) => {
        const p = result.period[e]!;
        const i = result.instructor[e]!;
        const r = result.room[e]!;
        return p >= 0 && (i < 0 || !used.has(`i${i}|${p}`)) && (r < 0 || !used.has(`r${r}|${p}`));
      });
    if (!fits) continue;
    for (const e of run.events) take(e);
    accepted.add(run);
  }
  const clashes = (run: PlanRun) => !accepted.has(run);
  const items = problem.runs.map((run) => presentRun(problem, result, run, clashes));
  const s = result.score;
  const w = model.weights;
  const soft = (constraint: string, count: number, weight: number) => ({
    constraint,
    kind: "soft" as const,
    count,
    weight,
    cost: count * weight,
  });
  const hard = (constraint: string, count: number) => ({
    constraint,
    kind: "hard" as const,
    count,
    weight: 1,
    cost: count,
  });
  const unplacedItems = items.filter((item) => item.status === "unplaced").length;
  return {
    items,
    placed: items.length - unplacedItems,
    unplaced: unplacedItems,
    score: {
      hard: s.hard,
      soft: s.soft,
      constraints: [
        hard("instructor_double_booked", s.instructorClashes),
        hard("room_double_booked", s.roomClashes),
        hard("same_run_same_day", s.courseClashes),
        hard("not_placed", s.unplaced),
        soft("instructor_cost", s.instructorCost, w.instructorCost),
        soft("preferred_days", s.periodCost, w.periodCost),
        soft("room_fit", s.roomWaste, w.roomWaste ?? 0),
        soft("room_stability", s.roomStability, w.roomStability),
        soft("instructor_stability", s.instructorStability, w.instructorStability ?? 0),
        soft("spread_over_days", s.minDays, w.minDays),
        soft("consecutive_days", s.compactness, w.compactness),
        soft("room_capacity", s.roomCapacity, w.roomCapacity),
      ],
    },
    stats: {
      events: problem.runs.reduce((sum, run) => sum + run.events.length, 0),
      periods: P,
      iterations: result.iterations,
      elapsedMs: result.elapsedMs,
      stoppedBy: result.stoppedBy,
    },
  };
}

function presentRun(
  problem: PlanProblem,
  result: SolveResult,
  run: PlanRun,
  clashes: (run: PlanRun) => boolean,
): PlanItem {
  const base = {
    key: run.key,
    kind: run.kind,
    courseId: run.courseId,
    courseTitle: run.courseTitle,
    sessionId: run.sessionId,
    timeZone: run.timeZone,
    locationId: run.locationId,
    format: run.format,
    maxSeats: run.maxSeats,
  };
  if (run.events.length === 0 || clashes(run)) {
    const explanation =
      run.explanation.length > 0
        ? run.explanation
        : [
            {
              constraint: "competition",
              message:
                "Every day with a free qualified instructor and room is taken by other items of this plan",
              count: 0,
            },
            ...run.blockedReasons,
          ];
    return { ...base, status: "unplaced", segments: [], explanation };
  }
  const ordered = [...run.events].sort((a, b) => result.period[a]! - result.period[b]!);
  return {
    ...base,
    status: "placed",
    segments: ordered.map((e, segment) => {
      const instructor = problem.instructors[result.instructor[e]!];
      const room = problem.rooms[result.room[e]!];
      return {
        date: problem.periodDates[result.period[e]!]!,
        start: run.times[segment]!.start,
        end: run.times[segment]!.end,
        roomId: room?.id ?? null,
        roomName: room?.name ?? null,
        instructorId: instructor?.id ?? null,
        instructorName: instructor?.name ?? null,
      };
    }),
    explanation: [],
  };
}
