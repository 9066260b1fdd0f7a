import { type CompiledModel, compileModel } from "./compile-model.js";
import type { SolverModel } from "./model.js";
import { Moves } from "./moves.js";
import { Random } from "./random.js";
import type { ScoreBreakdown } from "./score-breakdown.js";
import { SolverState } from "./state.js";

export interface SolverProgress {
  elapsedMs: number;
  iterations: number;
  /** Best solution so far (hard violations, weighted soft cost). */
  bestHard: number;
  bestSoft: number;
  temperature: number;
}

export interface SolveOptions {
  seed?: number;
  /** Wall-clock budget (default 10 s). */
  timeLimitMs?: number;
  /**
   * Move budget. When set, the cooling schedule follows iterations instead of the clock, so the
   * whole run is reproducible for a seed (the time limit still applies as a safety stop).
   */
  maxIterations?: number;
  /**
   * Weight of one hard violation against the soft cost in the search. Unset, it adapts (strategic
   * oscillation between minHardWeight and 1000: up while infeasible, down while feasible).
   */
  hardWeight?: number;
  minHardWeight?: number;
  /** Share of room choices that reuse the room of another event of the same course (default 0.5). */
  sameCourseRoom?: number;
  /** Share of moves that only change the room (default 0.35). */
  roomMoveRate?: number;
  /** Share of period choices next to an event of a shared group (compactness; default 0). */
  nextToMate?: number;
  /**
   * Annealing cycles sharing the budget: each cycle after the first starts again from the best
   * timetable so far at `reheat` × the start temperature. Default: one per 8 M moves of
   * `maxIterations` (or, timed, per 8 s of `timeLimitMs`, about 8 M moves here), at most 3, so
   * short runs (the planner's) keep one cycle: a cycle shorter than that ends worse.
   */
  cycles?: number;
  /** Start temperature of the later cycles, relative to the first's (default 0.5). */
  reheat?: number;
  /** Moves without a new best after which the search goes back to the best (0: never; default 0). */
  restartAfter?: number;
  /**
   * Whether Kempe chains also follow shared rooms, so rooms stay clash-free but chains grow to
   * whole periods (default false: rooms are re-matched, see `kempeRematch`).
   */
  kempeRooms?: boolean;
  /**
   * Whether Kempe chains that do not follow rooms re-match them: an event whose room is taken in
   * its new period takes the cheapest free room (default true; false lets rooms clash).
   */
  kempeRematch?: boolean;
  /** Share of Kempe-chain moves (default 0.2). */
  kempeRate?: number;
  /** Temperature of the feasibility phase (on hard violations alone; default 0.3). */
  feasibilityTemperature?: number;
  /**
   * Start and end temperatures of the annealing (end default 0.15). Unset, the start temperature is
   * calibrated on the instance: the one at which `startAcceptance` of a sample of worsening moves
   * would be accepted.
   */
  startTemperature?: number;
  /** Mean acceptance probability of worsening moves at the calibrated start temperature (default 0.2). */
  startAcceptance?: number;
  endTemperature?: number;
  onProgress?: (progress: SolverProgress) => void;
  progressIntervalMs?: number;
  /** Polled during the search; returning true stops it with the best solution so far. */
  shouldStop?: () => boolean;
}

export interface SolveResult {
  /** Per event (model order): period, room (-1: none), instructor index in the model (-1: none). */
  period: number[];
  room: number[];
  instructor: number[];
  /** Per course, the option each of its `poolChoices` takes (an index into its `options`). */
  poolChoice: number[][];
  score: ScoreBreakdown;
  iterations: number;
  elapsedMs: number;
  stoppedBy: "time" | "iterations" | "cancelled";
  /** Best score over time: one point per improvement (throttled) and at the end. */
  history: { elapsedMs: number; iterations: number; hard: number; soft: number }[];
}

const CHECK_EVERY = 1024;

/**
 * Constructs a timetable greedily, then improves it by simulated annealing with delta scoring:
 * first on the hard violations alone until the timetable is feasible (or a share of the budget is
 * spent), then on hardWeight × hard + soft, keeping the best solution in (hard, soft) order.
 */
export function solve(model: SolverModel, options: SolveOptions = {}): SolveResult {
  const m = compileModel(model);
  const rng = new Random(options.seed ?? 1);
  const hw = options.hardWeight ?? 10;
  const minWeight = options.minHardWeight ?? 2;
  const maxWeight = 1000;
  const adaptRate = 1.02;
  const restartAfter = options.restartAfter ?? 0;
  const timeLimit = options.timeLimitMs ?? 10_000;
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const byIterations = options.maxIterations !== undefined;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const interval = options.progressIntervalMs ?? 250;

  const s = new SolverState(m);
  construct(m, s, rng, 1000);

  const E = m.E;
  const bestPeriod = Int32Array.from(s.period);
  const bestRoom = Int32Array.from(s.room);
  const bestInst = Int32Array.from(s.inst);
  const bestChoice = Int32Array.from(s.choice);
  let bestHard = s.hard();
  let bestSoft = s.soft();
  const history: SolveResult["history"] = [
    { elapsedMs: elapsed(), iterations: 0, hard: bestHard, soft: bestSoft },
  ];
  let lastReport = Number.NEGATIVE_INFINITY;
  let lastHistory = Number.NEGATIVE_INFINITY;
  let historyPending = false;

  // An event with no allowed period can never be placed: it stays unplaced (a hard violation the
  // search cannot remove) and no move picks it.
  const movable: number[] = [];
  for (let e = 0; e < E; e++)
    if (!m.eventFixed[e] && m.periodStart[e + 1]! > m.periodStart[e]!) movable.push(e);
  const M = movable.length;
  const movableArr = Int32Array.from(movable);
  const moves = new Moves(m, s, rng);
  moves.sameCourseRoom = options.sameCourseRoom ?? 0.5;
  moves.nextToMate = options.nextToMate ?? 0;
  moves.kempeRooms = options.kempeRooms ?? false;
  moves.kempeRematch = options.kempeRematch ?? true;
  const kempeRate = options.kempeRate ?? 0.2;
  const roomOnly = options.roomMoveRate ?? 0.35;
  const instructorChange = 0.15;

  let iterations = 0;
  let temperature = 0;
  let stoppedBy: SolveResult["stoppedBy"] | undefined;
  const report = () => {
    const now = elapsed();
    if (historyPending && now - lastHistory >= interval) {
      history.push({ elapsedMs: now, iterations, hard: bestHard, soft: bestSoft });
      lastHistory = now;
      historyPending = false;
    }
    if (now - lastReport >= interval) {
      lastReport = now;
      options.onProgress?.({ elapsedMs: now, iterations, bestHard, bestSoft, temperature });
    }
  };
  /** Where the run is in its budget, 0..1 (iterations when bounded by them, else time). */
  const progress = () => (byIterations ? iterations / maxIterations : elapsed() / timeLimit);

  /**
   * One annealing phase over [from, to) of the budget: cost = w × hard + soft × softWeight,
   * temperature from tStart to tEnd (geometric). Stops early when `untilFeasible` and hard is 0.
   */
  const anneal = (
    weight: number,
    adaptive: boolean,
    softWeight: number,
    tStart: number,
    tEnd: number,
    from: number,
    to: number,
    untilFeasible: boolean,
  ) => {
    let w = weight;
    let lastImprovement = iterations;
    // The state's scores, kept here so a scored-before-applied move needs no re-summing (refreshed
    // from the state every CHECK_EVERY moves, so fractional weights cannot drift).
    let curHard = s.hard();
    let curSoft = s.soft();
    let current = w * curHard + softWeight * curSoft;
    const ratio = tEnd / tStart;
    temperature = tStart;
    while (M > 0 && stoppedBy === undefined) {
      if ((iterations & (CHECK_EVERY - 1)) === 0) {
        if (iterations >= maxIterations) stoppedBy = "iterations";
        else if (elapsed() >= timeLimit) stoppedBy = "time";
        else if (options.shouldStop?.()) stoppedBy = "cancelled";
        if (stoppedBy !== undefined) break;
        const fraction = (progress() - from) / (to - from);
        if (fraction >= 1) break;
        temperature = tStart * ratio ** Math.max(0, fraction);
        if (restartAfter > 0 && iterations - lastImprovement > restartAfter) {
          // Stagnation: continue from the best solution (its weight and cost).
          s.assign(bestPeriod, bestRoom, bestInst, bestChoice);
          lastImprovement = iterations;
          w = weight;
        }
        curHard = s.hard();
        curSoft = s.soft();
        // Strategic oscillation: the hard weight rises while the timetable has more hard violations
        // than the best one (infeasible, on a feasible instance) and falls while it has no more. Measured
        // from the best rather than from 0, an instance that cannot be made feasible still has its
        // soft cost optimised around the violations it cannot avoid.
        if (adaptive)
          w = curHard > bestHard ? Math.min(w * adaptRate, maxWeight) : Math.max(w / adaptRate, minWeight);
        current = w * curHard + softWeight * curSoft;
        report();
      }
      iterations++;
      const e = movableArr[rng.int(M)]!;
      if (rng.next() < kempeRate) {
        const nPeriods = m.periodStart[e + 1]! - m.periodStart[e]!;
        if (!moves.kempe(e, m.periodList[m.periodStart[e]! + rng.int(nPeriods)]!)) continue;
      } else if (!moves.simple(e, roomOnly, instructorChange)) continue;
      const deferred = moves.deferred;
      const hard = deferred ? curHard + moves.dHard : s.hard();
      const soft = deferred ? curSoft + moves.dSoft : s.soft();
      const next = w * hard + softWeight * soft;
      const delta = next - current;
      if (delta <= 0 || rng.next() < Math.exp(-delta / temperature)) {
        if (deferred) moves.commit();
        current = next;
        curHard = hard;
        curSoft = soft;
        if (hard < bestHard || (hard === bestHard && soft < bestSoft - 1e-9)) {
          bestHard = hard;
          bestSoft = soft;
          bestPeriod.set(s.period);
          bestRoom.set(s.room);
          bestInst.set(s.inst);
          bestChoice.set(s.choice);
          historyPending = true;
          lastImprovement = iterations;
          if (untilFeasible && hard === 0) break;
        }
      } else if (!deferred) moves.undo();
    }
  };

  if (s.hard() > 0) anneal(1, false, 0.01, options.feasibilityTemperature ?? 0.3, 0.05, 0, 0.5, true);
  if (stoppedBy === undefined) {
    const from = Math.min(progress(), 0.99);
    const tEnd = options.endTemperature ?? 0.15;
    const tStart =
      options.startTemperature ??
      Math.max(
        tEnd,
        calibrateTemperature(
          s,
          moves,
          rng,
          movableArr,
          roomOnly,
          instructorChange,
          options.startAcceptance ?? 0.2,
        ),
      );
    const cycles = Math.max(
      1,
      Math.floor(options.cycles ?? Math.min(3, byIterations ? maxIterations / 8e6 : timeLimit / 8000)),
    );
    const reheat = options.reheat ?? 0.5;
    for (let k = 0; k < cycles && stoppedBy === undefined; k++) {
      if (k > 0) {
        // Reheat from the best timetable so far: a cooled timetable is a better start than a hot
        // random one, and one long cooling gains less than a few shorter ones (ITC2007 comp02/06).
        s.assign(bestPeriod, bestRoom, bestInst, bestChoice);
      }
      anneal(
        hw,
        options.hardWeight === undefined,
        1,
        k === 0 ? tStart : Math.max(tEnd, tStart * reheat),
        tEnd,
        from + ((1 - from) * k) / cycles,
        k === cycles - 1 ? 1 : from + ((1 - from) * (k + 1)) / cycles,
        false,
      );
    }
  }
  if (stoppedBy === undefined) stoppedBy = byIterations ? "iterations" : "time";

  // Rebuild the best solution in a fresh state, so its breakdown comes from the same counters.
  const final = new SolverState(m);
  final.assign(bestPeriod, bestRoom, bestInst, bestChoice);
  const score = final.breakdown();
  const elapsedMs = elapsed();
  history.push({ elapsedMs, iterations, hard: score.hard, soft: score.soft });
  options.onProgress?.({ elapsedMs, iterations, bestHard: score.hard, bestSoft: score.soft, temperature });
  return {
    period: Array.from(bestPeriod),
    room: Array.from(bestRoom),
    instructor: Array.from(bestInst, (o, e) => (o >= 0 ? m.instList[m.instStart[e]! + o]! : -1)),
    poolChoice: model.courses.map((_, c) =>
      Array.from(
        m.courseChoiceList.subarray(m.courseChoiceStart[c]!, m.courseChoiceStart[c + 1]!),
        (j) => bestChoice[j]!,
      ),
    ),
    score,
    iterations,
    elapsedMs,
    stoppedBy,
    history,
  };
}

/**
 * The temperature at which a sample of moves that worsen the soft cost (and keep the hard score)
 * would be accepted with mean probability `acceptance`: instances whose costs come in larger steps
 * (ITC2007 comp05: a missing working day costs 5) need a hotter start. 2 when the sample has none.
 */
function calibrateTemperature(
  s: SolverState,
  moves: Moves,
  rng: Random,
  movable: Int32Array,
  roomOnly: number,
  instructorChange: number,
  acceptance: number,
): number {
  const deltas: number[] = [];
  if (movable.length === 0) return 2;
  for (let i = 0; i < 4000 && deltas.length < 1000; i++) {
    const e = movable[rng.int(movable.length)]!;
    const hard = s.hard();
    const soft = s.soft();
    if (!moves.simple(e, roomOnly, instructorChange)) continue;
    const dHard = moves.deferred ? moves.dHard : s.hard() - hard;
    const dSoft = moves.deferred ? moves.dSoft : s.soft() - soft;
    moves.undo();
    if (dHard === 0 && dSoft > 1e-9) deltas.push(dSoft);
  }
  if (deltas.length === 0) return 2;
  const accepted = (t: number) => deltas.reduce((sum, d) => sum + Math.exp(-d / t), 0) / deltas.length;
  let low = 1e-3;
  let high = 1e4;
  for (let k = 0; k < 50; k++) {
    const mid = Math.sqrt(low * high);
    if (accepted(mid) < acceptance) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * Greedy construction: fixed events first, then the hardest events (fewest periods, most
 * conflicting courses) each at its cheapest (period, room, instructor) given what is placed.
 */
export function construct(m: CompiledModel, s: SolverState, rng: Random, hw: number): void {
  const order: number[] = [];
  for (let e = 0; e < m.E; e++) {
    if (m.eventFixed[e]) s.place(e, m.fixedPeriod[e]!, m.fixedRoom[e]!, m.fixedInst[e]!);
    else order.push(e);
  }
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const courseEvents = new Int32Array(m.C);
  for (let e = 0; e < m.E; e++) courseEvents[m.eventCourse[e]!]!++;
  const key = (e: number) => {
    const c = m.eventCourse[e]!;
    const domain = m.periodStart[e + 1]! - m.periodStart[e]!;
    return domain / (1 + m.courseDegree[c]! + courseEvents[c]!);
  };
  order.sort((a, b) => key(a) - key(b));
  for (const e of order) {
    let bestCost = Number.POSITIVE_INFINITY;
    let bp = -1;
    let br = -1;
    let bo = -1;
    const nOptions = m.instStart[e + 1]! - m.instStart[e]!;
    const rStart = m.roomStart[e]!;
    const rEnd = m.roomStart[e + 1]!;
    for (let i = m.periodStart[e]!; i < m.periodStart[e + 1]!; i++) {
      const p = m.periodList[i]!;
      for (let ri = rStart; ri < Math.max(rEnd, rStart + 1); ri++) {
        const r = rEnd > rStart ? m.roomList[ri]! : -1;
        for (let o = nOptions > 0 ? 0 : -1; o < nOptions; o++) {
          s.place(e, p, r, o);
          const cost = hw * s.hard() + s.soft();
          s.unplace(e);
          if (cost < bestCost) {
            bestCost = cost;
            bp = p;
            br = r;
            bo = o;
          }
        }
      }
    }
    if (bp >= 0) s.place(e, bp, br, bo);
  }
}
