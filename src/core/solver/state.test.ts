import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileModel } from "./compile-model.js";
import type { SolverModel } from "./model.js";
import { MoveEvaluator } from "./move-evaluation.js";
import { Moves } from "./moves.js";
import { Random } from "./random.js";
import { scoreAssignment } from "./score-assignment.js";
import { SolverState } from "./state.js";

/** A random model with every feature: domains, virtual events, instructor options (with pay, capped per instructor and period, and day costs, once per instructor and period) and rooms (some for some periods only), rooms and instructors shared by time bands, instructor limits, fixed events, period costs, adjacency, pools (taken as given or as a course's choice), ordered courses. */
function randomModel(seed: number): SolverModel {
  const rng = new Random(seed);
  const days = 1 + rng.int(4);
  const perDay = 1 + rng.int(4);
  const P = days * perDay;
  const R = 1 + rng.int(4);
  const I = 1 + rng.int(4);
  const C = 1 + rng.int(6);
  const Q = rng.int(3);
  // Sometimes rooms and instructors are held per time band of a period (a morning and an afternoon event may share one).
  const B = rng.next() < 0.4 ? 2 + rng.int(3) : 1;
  const pick = (n: number, k: number) => [...new Set(Array.from({ length: k }, () => rng.int(n)))];
  const events: SolverModel["events"] = [];
  for (let c = 0; c < C; c++) {
    const count = 1 + rng.int(4);
    for (let k = 0; k < count; k++) {
      const virtual = rng.next() < 0.15;
      const rooms = virtual ? [] : rng.next() < 0.5 ? undefined : pick(R, 1 + rng.int(R));
      const periods = rng.next() < 0.5 ? undefined : pick(P, 1 + rng.int(P));
      const instructors =
        rng.next() < 0.3
          ? undefined
          : pick(I, 1 + rng.int(I)).map((instructor) => ({
              instructor,
              cost: rng.int(10),
              // Pay, capped per instructor and period, for some.
              ...(rng.next() < 0.5 ? { pay: rng.int(10) } : {}),
              // A day cost (a journey), charged once per instructor and period, for some.
              ...(rng.next() < 0.5 ? { dayCost: rng.int(10) } : {}),
              // Some options may teach in some periods only.
              ...(rng.next() < 0.3 ? { periods: pick(P, 1 + rng.int(P)) } : {}),
            }));
      // Some rooms may hold the event in some periods only.
      const roomPeriods = (rooms ?? Array.from({ length: R }, (_, r) => r))
        .filter(() => rng.next() < 0.3)
        .map((room) => ({ room, periods: pick(P, rng.int(P + 1)) }));
      const event: SolverModel["events"][number] = {
        id: `e${events.length}`,
        course: c,
        size: rng.int(60),
        ...(periods ? { periods } : {}),
        ...(rooms ? { rooms } : {}),
        ...(roomPeriods.length > 0 ? { roomPeriods } : {}),
        ...(B > 1 && rng.next() < 0.7 ? { roomBands: 1 + rng.int(2 ** B - 1) } : {}),
        ...(B > 1 && rng.next() < 0.7 ? { instructorBands: 1 + rng.int(2 ** B - 1) } : {}),
        ...(instructors ? { instructors } : {}),
        ...(rng.next() < 0.3 ? { periodCosts: Array.from({ length: P }, () => rng.int(5)) } : {}),
        ...(Q > 0 && rng.next() < 0.6
          ? { uses: pick(Q, 1 + rng.int(Q)).map((pool) => ({ pool, quantity: 1 + rng.int(5) })) }
          : {}),
      };
      if (rng.next() < 0.1) {
        const allowedRooms = rooms ?? Array.from({ length: R }, (_, r) => r);
        event.fixed = {
          period: (periods ?? [0])[0]!,
          room: allowedRooms.length > 0 ? allowedRooms[0]! : -1,
          ...(instructors ? { instructor: instructors[0]!.instructor } : {}),
        };
      }
      events.push(event);
    }
  }
  return {
    periodDay: Array.from({ length: P }, (_, p) => Math.floor(p / perDay)),
    rooms: Array.from({ length: R }, (_, r) => ({ id: `r${r}`, capacity: 10 + rng.int(50) })),
    // Pay caps (a day rate), sometimes with some already paid per period.
    instructors: Array.from({ length: I }, (_, i) => ({
      id: `i${i}`,
      ...(rng.next() < 0.6 ? { payCap: rng.int(15) } : {}),
      ...(rng.next() < 0.3 ? { paid: Array.from({ length: P }, () => rng.int(8)) } : {}),
    })),
    courses: Array.from({ length: C }, (_, c) => ({
      id: `c${c}`,
      minDays: rng.int(days + 1),
      ...(rng.next() < 0.3 ? { ordered: true } : {}),
      ...(Q > 0 && rng.next() < 0.4
        ? {
            poolChoices: Array.from({ length: 1 + rng.int(2) }, () => ({
              quantity: 1 + rng.int(5),
              // Options of one pool or of several (time bands).
              options: Array.from({ length: 1 + rng.int(3) }, () => pick(Q, 1 + rng.int(Q))),
            })),
          }
        : {}),
    })),
    groups: Array.from({ length: rng.int(4) }, (_, g) => ({
      id: `g${g}`,
      courses: pick(C, 1 + rng.int(C)),
      compact: rng.next() < 0.7,
    })),
    // Sometimes adjacency comes from the model (as the planner's calendar days) instead of days.
    ...(rng.next() < 0.3
      ? { periodAdjacent: Array.from({ length: P }, (_, p) => p > 0 && rng.next() < 0.6) }
      : {}),
    events,
    ...(B > 1 ? { timeBands: B } : {}),
    // Teaching-day limits: caps on how many of a few periods an instructor may be given.
    instructorLimits: Array.from({ length: rng.int(4) }, () => ({
      instructor: rng.int(I),
      periods: pick(P, 1 + rng.int(P)),
      max: rng.int(3),
    })),
    // Shared stocks with a few units free per period.
    pools: Array.from({ length: Q }, (_, q) => ({
      id: `q${q}`,
      free: Array.from({ length: P }, () => rng.int(8)),
    })),
    weights: {
      roomCapacity: 1,
      roomWaste: 0.5,
      minDays: 5,
      compactness: 2,
      roomStability: 1,
      instructorStability: 7,
      instructorCost: 3,
      // Workload counts an instructor's periods; without it (and without limits) it is not counted.
      ...(rng.next() < 0.8 ? { instructorLoad: 4 } : {}),
      periodCost: 2,
      poolRank: 1.5,
    },
  };
}

const expectSameScore = (s: SolverState) => {
  const full = scoreAssignment(s.m, s.period, s.room, s.inst, s.choice);
  const own = s.breakdown();
  for (const key of Object.keys(full) as (keyof typeof full)[]) expect(own[key]).toBeCloseTo(full[key], 9);
};

describe("incremental (delta) scoring", () => {
  it("equals a full re-scoring after any sequence of places, moves, swaps, room moves, pool choices, Kempe chains (rooms followed, ignored or re-matched) and undos", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer(),
        fc.integer({ min: 1, max: 60 }),
        (modelSeed, moveSeed, steps) => {
          const m = compileModel(randomModel(modelSeed));
          const s = new SolverState(m);
          const rng = new Random(moveSeed);
          const moves = new Moves(m, s, rng);
          // Kempe chains that follow rooms, ignore them, or re-match them.
          moves.kempeRooms = rng.next() < 0.4;
          moves.kempeRematch = rng.next() < 0.7;
          moves.poolChange = 0.3;
          const randomIn = (start: Int32Array, list: Int32Array, e: number) => {
            const n = start[e + 1]! - start[e]!;
            return n === 0 ? -1 : list[start[e]! + rng.int(n)]!;
          };
          const placeRandomly = (e: number) => {
            const n = m.instStart[e + 1]! - m.instStart[e]!;
            s.place(
              e,
              randomIn(m.periodStart, m.periodList, e),
              randomIn(m.roomStart, m.roomList, e),
              n ? rng.int(n) : -1,
            );
          };
          for (let e = 0; e < m.E; e++) if (rng.next() < 0.8) placeRandomly(e);
          expectSameScore(s);
          const snapshot = [s.period, s.room, s.inst, s.choice].map((a) => Int32Array.from(a));
          const snapshotScore = s.breakdown();
          for (let step = 0; step < steps; step++) {
            const e = rng.int(m.E);
            const u = rng.next();
            if (s.period[e]! < 0) placeRandomly(e);
            else if (u < 0.1) s.unplace(e);
            else if (u < 0.4) {
              if (moves.kempe(e, randomIn(m.periodStart, m.periodList, e)) && rng.next() < 0.5) moves.undo();
            } else if (moves.simple(e, 0.3, 0.2)) {
              if (moves.deferred) {
                // Moves and swaps are only evaluated: the predicted delta must be what applying them does.
                const hard = s.hard() + moves.dHard;
                const soft = s.soft() + moves.dSoft;
                if (rng.next() < 0.5) {
                  moves.commit();
                  expect(s.hard()).toBe(hard);
                  expect(s.soft()).toBeCloseTo(soft, 9);
                } else moves.undo();
              } else if (rng.next() < 0.5) moves.undo();
            }
            expectSameScore(s);
          }
          // Restoring a snapshot on a state in use (as restarts and reheats do) gives its score back.
          s.assign(snapshot[0]!, snapshot[1]!, snapshot[2]!, snapshot[3]!);
          expect(s.breakdown()).toEqual(snapshotScore);
          expectSameScore(s);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("predicts exactly what any period move or swap does (the evaluator's deltas, swaps between two events of one instructor included)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (modelSeed, moveSeed) => {
        const m = compileModel(randomModel(modelSeed));
        // The evaluator serves whole periods (no time bands).
        fc.pre(m.B === 1 && m.E > 1);
        const s = new SolverState(m);
        const rng = new Random(moveSeed);
        const evaluator = new MoveEvaluator(m, s);
        for (let e = 0; e < m.E; e++) {
          const n = m.instStart[e + 1]! - m.instStart[e]!;
          const rooms = m.roomStart[e + 1]! - m.roomStart[e]!;
          s.place(
            e,
            rng.int(m.P),
            rooms ? m.roomList[m.roomStart[e]! + rng.int(rooms)]! : -1,
            n ? rng.int(n) : -1,
          );
        }
        for (let step = 0; step < 30; step++) {
          const e = rng.int(m.E);
          const p0 = s.period[e]!;
          const r0 = s.room[e]!;
          const p1 = rng.int(m.P);
          const r1 = r0 < 0 ? -1 : rng.int(m.R);
          if (p1 === p0 || m.eventFixed[e] || m.courseOrdered[m.eventCourse[e]!]) continue;
          // The occupant of the target slot swaps when it is the only one there (any period, any room).
          let e2 = r1 >= 0 ? s.occupant(r1, p1) : -1;
          if (e2 === e || (e2 >= 0 && (m.eventFixed[e2] || m.courseOrdered[m.eventCourse[e2]!]))) e2 = -1;
          const hard = s.hard();
          const soft = s.soft();
          evaluator.periodChange(e, e2, p0, r0, p1, r1);
          const o = s.inst[e]!;
          const o2 = e2 >= 0 ? s.inst[e2]! : -1;
          s.unplace(e);
          if (e2 >= 0) {
            s.unplace(e2);
            s.place(e2, p0, r0, o2);
          }
          s.place(e, p1, r1, o);
          expect(s.hard() - hard).toBe(evaluator.dHard);
          expect(s.soft() - soft).toBeCloseTo(evaluator.dSoft, 9);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("skips a Kempe chain of two lectures of one course only when trading them changes nothing", () => {
    const model = (instructors: number[]): SolverModel => ({
      periodDay: [0, 0],
      rooms: [
        { id: "r0", capacity: 10 },
        { id: "r1", capacity: 10 },
      ],
      instructors: [{ id: "x" }, { id: "y" }],
      courses: [{ id: "c", minDays: 0 }],
      groups: [],
      events: instructors.map((instructor, e) => ({
        id: `e${e}`,
        course: 0,
        size: 5,
        instructors: [{ instructor, cost: 0 }],
      })),
      weights: {
        roomCapacity: 1,
        minDays: 0,
        compactness: 0,
        roomStability: 1,
        instructorCost: 0,
        periodCost: 0,
      },
    });
    const chain = (instructors: number[], rooms: [number, number]) => {
      const m = compileModel(model(instructors));
      const s = new SolverState(m);
      s.place(0, 0, rooms[0], 0);
      s.place(1, 1, rooms[1], 0);
      return new Moves(m, s, new Random(1)).kempe(0, 1);
    };
    expect(chain([0, 0], [0, 0])).toBe(false);
    // Other rooms or another instructor: the trade changes the timetable, so it is a move.
    expect(chain([0, 0], [0, 1])).toBe(true);
    expect(chain([0, 1], [0, 0])).toBe(true);
  });

  it("undo restores the exact assignment and score (moves, instructor changes, days handed over, Kempe chains, pool choices)", () => {
    let banded = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const m = compileModel(randomModel(seed));
      if (m.B > 1) banded++;
      const s = new SolverState(m);
      for (let e = 0; e < m.E; e++)
        s.place(
          e,
          m.periodList[m.periodStart[e]!]!,
          m.roomList[m.roomStart[e]!] ?? -1,
          m.instStart[e + 1]! > m.instStart[e]! ? 0 : -1,
        );
      const before = {
        period: [...s.period],
        room: [...s.room],
        inst: [...s.inst],
        choice: [...s.choice],
        score: s.breakdown(),
      };
      const moves = new Moves(m, s, new Random(3));
      moves.poolChange = 0.3;
      for (let i = 0; i < 200; i++) {
        moves.kempeRooms = i % 3 === 0;
        moves.kempeRematch = i % 5 < 3;
        const e = i % m.E;
        const done =
          i % 2 ? moves.kempe(e, m.periodList[m.periodStart[e + 1]! - 1]!) : moves.simple(e, 0.3, 0.4);
        if (done) moves.undo();
      }
      expect([...s.period]).toEqual(before.period);
      expect([...s.room]).toEqual(before.room);
      expect([...s.inst]).toEqual(before.inst);
      expect([...s.choice]).toEqual(before.choice);
      expect(s.breakdown()).toEqual(before.score);
    }
    expect(banded).toBeGreaterThan(5);
  });
});
