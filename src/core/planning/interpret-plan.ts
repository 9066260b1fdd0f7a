import { monthText } from "../scheduling/engine/messages.js";
import type { SolveResult } from "../solver/solve.js";
import type { Explanation } from "./explain.js";
import type { PlannedEquipment } from "./plan-equipment.js";
import type { PlanProblem, PlanRun } from "./plan-problem.js";
import type { PlanItem, PlanResult, PlanScoreLine } from "./plans.schemas.js";
import { poolCounter } from "./pool-counter.js";

/**
 * Reads the solver's best timetable back as sessions: a run whose segments all sit on free days
 * with free resources, within its instructors' teaching-day limits and its pools' stock, is placed
 * (segment i on its i-th day); a run left clashing with an existing booking or an earlier item, or
 * taking an instructor over a limit or a pool short with the earlier items, is unplaced and
 * explained, since it lost to them.
 */
export function interpretPlan(problem: PlanProblem, result: SolveResult): PlanResult {
  const { model, periodDates } = problem;
  const P = periodDates.length;
  // Fixed events (existing bookings) hold their resources first; then runs are accepted while they
  // fit, those left clashing with fewer other runs first, else in input order: of two items left
  // clashing for one slot the first keeps it, and one clashing with two others loses to both.
  const used = new Set<string>();
  // Rooms and instructors are held per time band of the day (runs whose hours do not meet may share them).
  const B = model.timeBands ?? 1;
  const keys = (resource: "r" | "i", e: number) => {
    const event = model.events[e]!;
    const bands = (resource === "r" ? event.roomBands : event.instructorBands) ?? 2 ** B - 1;
    const at = `${resource}${resource === "r" ? result.room[e] : result.instructor[e]}|${result.period[e]}`;
    return Array.from({ length: B }, (_, b) => b).flatMap((b) => (bands & (1 << b) ? [`${at}|${b}`] : []));
  };
  const free = (resource: "r" | "i", e: number) => !keys(resource, e).some((key) => used.has(key));
  const take = (e: number) => {
    if (result.instructor[e]! >= 0) for (const key of keys("i", e)) used.add(key);
    if (result.room[e]! >= 0) for (const key of keys("r", e)) used.add(key);
  };
  model.events.forEach((event, e) => {
    if (event.fixed) take(e);
  });
  // A run left with an instructor or a room on a day its probe found them not free for it (booked,
  // away, outside their hours) lost to the other items too: the search could not avoid it.
  const allows = (limited: { periods?: number[] } | undefined, p: number) =>
    !limited?.periods || limited.periods.includes(p);
  const instructorFree = (e: number, i: number, p: number) =>
    allows(
      model.events[e]!.instructors?.find((option) => option.instructor === i),
      p,
    );
  const roomFree = (e: number, r: number, p: number) =>
    allows(
      model.events[e]!.roomPeriods?.find((option) => option.room === r),
      p,
    );
  const limits = limitCounter(problem);
  const pools = poolCounter(periodDates, model.pools ?? [], problem.poolBands);
  const equipment = new Map<PlanRun, PlannedEquipment[]>();
  const rejected = new Map<PlanRun, Explanation[]>();
  for (const run of byFewestClashes(problem.runs, result, keys)) {
    if (run.events.length === 0) continue;
    const days = new Set(run.events.map((e) => result.period[e]!));
    const fits =
      days.size === run.events.length &&
      run.events.every((e) => {
        const p = result.period[e]!;
        const i = result.instructor[e]!;
        const r = result.room[e]!;
        return (
          p >= 0 &&
          (i < 0 || (free("i", e) && instructorFree(e, i, p))) &&
          (r < 0 || (free("r", e) && roomFree(e, r, p)))
        );
      });
    if (!fits) {
      rejected.set(run, [competition, ...run.blockedReasons]);
      continue;
    }
    const teaching = run.events.flatMap((e) =>
      result.instructor[e]! >= 0 ? [{ instructor: result.instructor[e]!, period: result.period[e]! }] : [],
    );
    // Both are checked before either counts the run, so a run turned away leaves no trace.
    // The solver's pool for each of the run's needs that several pools could meet, in need order.
    const chosen = result.poolChoice[model.events[run.events[0]!]!.course] ?? [];
    const pooled = pools.check(
      run,
      [...days].sort((a, b) => a - b),
      chosen,
    );
    const refused = limits.check(teaching) ?? pooled.short;
    if (refused) {
      rejected.set(run, [refused, ...run.blockedReasons]);
      continue;
    }
    limits.record(teaching);
    pools.record(pooled.takes);
    equipment.set(run, pooled.lines);
    for (const e of run.events) take(e);
  }
  const items = problem.runs.map((run) =>
    presentRun(problem, result, run, rejected.get(run), equipment.get(run) ?? []),
  );
  const s = result.score;
  const w = model.weights;
  const soft = (constraint: PlanScoreLine<"soft">, count: number, weight: number) => ({
    constraint,
    kind: "soft" as const,
    count,
    weight,
    cost: count * weight,
  });
  const hard = (constraint: PlanScoreLine<"hard">, count: number) => ({
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
        // A run's instructor on a day they are not free for it (a booking, time off, their hours).
        hard("instructor_not_free", s.instructorBlocked),
        hard("teaching_day_limit", s.instructorLimit),
        hard("room_double_booked", s.roomClashes),
        // A run's room on a day it is booked during the run's hours.
        hard("room_not_free", s.roomBlocked),
        // A run is both a course and its own (compact) group: a clash counts in both, as in `hard`.
        hard("same_run_same_day", s.courseClashes + s.groupClashes),
        // Units the plan's runs would take beyond what a pool has free on a day, per band of hours.
        hard("equipment_pool_shared", s.poolOver),
        // A draft's segments out of their order (only runs with lines for some of their days). Read
        // back, segments take the run's dates in order anyway, so no placed item is wrong for it.
        hard("segments_out_of_order", s.outOfOrder),
        hard("not_placed", s.unplaced),
        soft("instructor_cost", s.instructorCost, w.instructorCost),
        // Days the plan gives one instructor: the k-th costs k − 1 units (each unit a day's load).
        soft("workload_balance", s.instructorLoad, w.instructorLoad ?? 0),
        soft("preferred_days", s.periodCost, w.periodCost),
        soft("room_fit", s.roomWaste, w.roomWaste ?? 0),
        soft("room_stability", s.roomStability, w.roomStability),
        soft("instructor_stability", s.instructorStability, w.instructorStability ?? 0),
        soft("spread_over_days", s.minDays, w.minDays),
        soft("consecutive_days", s.compactness, w.compactness),
        // Runs taking equipment from a pool further down their preference (mobile, or larger).
        soft("equipment_pool_preference", s.poolRank, w.poolRank ?? 0),
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

/** The runs, those sharing a room or an instructor at some moment with fewer other runs first (stable). */
function byFewestClashes(
  runs: PlanRun[],
  result: SolveResult,
  keys: (resource: "r" | "i", e: number) => string[],
): PlanRun[] {
  const holders = new Map<string, Set<number>>();
  runs.forEach((run, index) => {
    for (const e of run.events) {
      if (result.period[e]! < 0) continue;
      const held = [
        ...(result.instructor[e]! >= 0 ? keys("i", e) : []),
        ...(result.room[e]! >= 0 ? keys("r", e) : []),
      ];
      for (const key of held) holders.set(key, (holders.get(key) ?? new Set()).add(index));
    }
  });
  const rivals = runs.map(() => new Set<number>());
  for (const set of holders.values())
    if (set.size > 1)
      for (const index of set) for (const other of set) if (other !== index) rivals[index]!.add(other);
  return runs
    .map((run, index) => ({ run, index }))
    .sort((a, b) => rivals[a.index]!.size - rivals[b.index]!.size || a.index - b.index)
    .map(({ run }) => run);
}

const competition: Explanation = {
  constraint: "competition",
  message: "Every day with a free qualified instructor and room is taken by other items of this plan",
  count: 0,
};

/**
 * The plan's teaching-day limits as runs are accepted: `check` says which limit a run's (instructor,
 * day) pairs would exceed with the runs recorded before, `record` counts them.
 */
function limitCounter(problem: PlanProblem) {
  const windows = problem.model.instructorLimits ?? [];
  const at = new Map<string, number[]>();
  windows.forEach((window, w) => {
    for (const p of window.periods) {
      const key = `${window.instructor}|${p}`;
      at.set(key, [...(at.get(key) ?? []), w]);
    }
  });
  const taken = new Array<number>(windows.length).fill(0);
  const busy = new Set<string>();
  /** The days a run adds (not taught yet by the plan) and how many fall in each limit's window. */
  const tally = (days: { instructor: number; period: number }[]) => {
    const added = [...new Set(days.map((d) => `${d.instructor}|${d.period}`))].filter((k) => !busy.has(k));
    const extra = new Map<number, number>();
    for (const key of added) for (const w of at.get(key) ?? []) extra.set(w, (extra.get(w) ?? 0) + 1);
    return { added, extra };
  };
  return {
    check(days: { instructor: number; period: number }[]): Explanation | null {
      for (const [w, n] of tally(days).extra) {
        if (taken[w]! + n <= windows[w]!.max) continue;
        const { constraint, label, limit } = problem.limits[w]!;
        const name = problem.instructors[windows[w]!.instructor]?.name ?? "An instructor";
        const when = constraint === "instructor_week_limit" ? `week ${label}` : monthText(label);
        const unit = constraint === "instructor_week_limit" ? "week" : "month";
        return {
          constraint,
          message: `${name} would teach more than their limit of ${limit} days a ${unit} in ${when}, with the other items of this plan`,
          count: 1,
        };
      }
      return null;
    },
    record(days: { instructor: number; period: number }[]): void {
      const { added, extra } = tally(days);
      for (const [w, n] of extra) taken[w]! += n;
      for (const key of added) busy.add(key);
    },
  };
}

function presentRun(
  problem: PlanProblem,
  result: SolveResult,
  run: PlanRun,
  rejection: Explanation[] | undefined,
  equipment: PlannedEquipment[],
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
  if (run.events.length === 0 || rejection) {
    const explanation = run.explanation.length > 0 ? run.explanation : (rejection ?? []);
    return { ...base, status: "unplaced", segments: [], equipment: [], explanation };
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
    equipment,
    explanation: [],
  };
}
