import { type CompiledModel, compileModel, type SolverModel } from "./model.js";
import { Random } from "./random.js";
import { type ScoreBreakdown, SolverState } from "./state.js";

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
  /** Weight of one hard violation against the soft cost in the search (default 1000). */
  hardWeight?: number;
  /** Start and end temperatures of the annealing (defaults 4 and 0.08). */
  startTemperature?: number;
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
  score: ScoreBreakdown;
  iterations: number;
  elapsedMs: number;
  stoppedBy: "time" | "iterations" | "cancelled";
  /** Best score over time: one point per improvement (throttled) and at the end. */
  history: { elapsedMs: number; iterations: number; hard: number; soft: number }[];
}

const CHECK_EVERY = 1024;

/** Constructs a timetable greedily, then improves it by simulated annealing with delta scoring. */
export function solve(model: SolverModel, options: SolveOptions = {}): SolveResult {
  const m = compileModel(model);
  const rng = new Random(options.seed ?? 1);
  const hw = options.hardWeight ?? 1000;
  const timeLimit = options.timeLimitMs ?? 10_000;
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const byIterations = options.maxIterations !== undefined;
  const t0 = options.startTemperature ?? 4;
  const t1 = options.endTemperature ?? 0.08;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const interval = options.progressIntervalMs ?? 250;

  const s = new SolverState(m);
  construct(m, s, rng, hw);

  const objective = () => hw * s.hard() + s.soft();
  const E = m.E;
  const bestPeriod = Int32Array.from(s.period);
  const bestRoom = Int32Array.from(s.room);
  const bestInst = Int32Array.from(s.inst);
  let bestHard = s.hard();
  let bestSoft = s.soft();
  let best = objective();
  let current = best;
  const history: SolveResult["history"] = [
    { elapsedMs: elapsed(), iterations: 0, hard: bestHard, soft: bestSoft },
  ];
  let lastReport = -Infinity;
  let reportedBest = best;

  const movable: number[] = [];
  for (let e = 0; e < E; e++) if (!m.eventFixed[e]) movable.push(e);
  const M = movable.length;
  const movableArr = Int32Array.from(movable);

  let iterations = 0;
  let temperature = t0;
  let stoppedBy: SolveResult["stoppedBy"] = "time";
  const ratio = t1 / t0;
  // Reheats: the schedule runs in cycles; each cycle cools from a start temperature that shrinks.
  const report = (force: boolean) => {
    const now = elapsed();
    if (best < reportedBest && now - lastReport >= interval) {
      history.push({ elapsedMs: now, iterations, hard: bestHard, soft: bestSoft });
      reportedBest = best;
    }
    if (options.onProgress && (force || now - lastReport >= interval)) {
      lastReport = now;
      options.onProgress({ elapsedMs: now, iterations, bestHard, bestSoft, temperature });
    } else if (!options.onProgress && now - lastReport >= interval) lastReport = now;
  };

  const P = m.P;
  while (M > 0) {
    if ((iterations & (CHECK_EVERY - 1)) === 0) {
      const now = elapsed();
      if (iterations >= maxIterations) {
        stoppedBy = "iterations";
        break;
      }
      if (now >= timeLimit) {
        stoppedBy = "time";
        break;
      }
      if (options.shouldStop?.()) {
        stoppedBy = "cancelled";
        break;
      }
      const fraction = byIterations ? iterations / maxIterations : now / timeLimit;
      temperature = t0 * ratio ** fraction;
      report(false);
    }
    iterations++;
    const e = movableArr[rng.int(M)]!;
    const p0 = s.period[e]!;
    const r0 = s.room[e]!;
    const o0 = s.inst[e]!;
    const nOptions = m.instStart[e + 1]! - m.instStart[e]!;
    let p1 = p0;
    let r1 = r0;
    let o1 = o0;
    const u = rng.next();
    const nRooms = m.roomStart[e + 1]! - m.roomStart[e]!;
    if (nOptions > 1 && u < 0.15) {
      o1 = rng.int(nOptions);
      if (o1 === o0) continue;
    } else if (nRooms > 1 && u < 0.35) {
      r1 = m.roomList[m.roomStart[e]! + rng.int(nRooms)]!;
      if (r1 === r0) continue;
    } else {
      const nPeriods = m.periodStart[e + 1]! - m.periodStart[e]!;
      p1 = m.periodList[m.periodStart[e]! + rng.int(nPeriods)]!;
      if (nRooms > 0 && rng.next() < 0.5) r1 = m.roomList[m.roomStart[e]! + rng.int(nRooms)]!;
      if (p1 === p0 && r1 === r0) continue;
    }
    // Moving into an occupied room-period swaps with its occupant when the occupant may go back.
    let e2 = -1;
    let o2 = -1;
    if (r1 >= 0 && (p1 !== p0 || r1 !== r0)) {
      const k = r1 * P + p1;
      if (s.roomCnt[k] === 1) {
        const other = s.roomXor[k]! - 1;
        if (
          other !== e &&
          !m.eventFixed[other] &&
          m.periodAllowed[other * P + p0] &&
          m.roomAllowed[other * m.R + r0]
        )
          e2 = other;
      }
    }
    s.unplace(e);
    if (e2 >= 0) {
      o2 = s.inst[e2]!;
      s.unplace(e2);
    }
    s.place(e, p1, r1, o1);
    if (e2 >= 0) s.place(e2, p0, r0, o2);
    const next = hw * s.hard() + s.soft();
    const delta = next - current;
    if (delta <= 0 || rng.next() < Math.exp(-delta / temperature)) {
      current = next;
      if (current < best - 1e-9) {
        best = current;
        bestHard = s.hard();
        bestSoft = s.soft();
        bestPeriod.set(s.period);
        bestRoom.set(s.room);
        bestInst.set(s.inst);
      }
    } else {
      s.unplace(e);
      if (e2 >= 0) {
        s.unplace(e2);
        s.place(e2, p1, r1, o2);
      }
      s.place(e, p0, r0, o0);
    }
  }

  // Rebuild the best solution in the state, so its breakdown comes from the same counters.
  const final = new SolverState(m);
  for (let e = 0; e < E; e++)
    if (bestPeriod[e]! >= 0) final.place(e, bestPeriod[e]!, bestRoom[e]!, bestInst[e]!);
  const score = final.breakdown();
  const elapsedMs = elapsed();
  history.push({ elapsedMs, iterations, hard: score.hard, soft: score.soft });
  options.onProgress?.({ elapsedMs, iterations, bestHard: score.hard, bestSoft: score.soft, temperature });
  return {
    period: Array.from(bestPeriod),
    room: Array.from(bestRoom),
    instructor: Array.from(bestInst, (o, e) => (o >= 0 ? m.instList[m.instStart[e]! + o]! : -1)),
    score,
    iterations,
    elapsedMs,
    stoppedBy,
    history,
  };
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
