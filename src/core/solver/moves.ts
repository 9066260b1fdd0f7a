import type { CompiledModel } from "./compile-model.js";
import { KempeChain } from "./kempe-chain.js";
import { instructorOf } from "./move-deltas.js";
import { MoveEvaluator } from "./move-evaluation.js";
import { periodNextToMate, pickRoom } from "./move-targets.js";
import type { Random } from "./random.js";
import type { SolverState } from "./state.js";

/**
 * The moves of the local search, undone when the annealing rejects them:
 * - move: an event to another period and/or room (a room-only move keeps the period); when the
 *   target room-period holds exactly one other event that may take the vacated place, the two swap.
 *   Most are only scored from the counters (`move-evaluation.ts`) and applied on `commit`;
 * - instructor: another of the event's instructor options (with time bands, half of the time with
 *   every other event the instructor teaches in that period: their day handed over);
 * - pool: another pool for one of the pool choices of the event's course;
 * - Kempe chain (`kempe-chain.ts`): the conflict-connected events of two periods exchange them.
 * Scratch arrays are allocated once; the inner loop allocates nothing.
 */
export class Moves {
  private readonly chain: KempeChain;
  private readonly evaluator: MoveEvaluator;
  /** The last simple move, for `undo`. */
  private e1 = -1;
  private e2 = -1;
  private p0 = -1;
  private r0 = -1;
  private o0 = -1;
  private p1 = -1;
  private r1 = -1;
  private o2 = -1;
  /**
   * 0: a simple move, 1: a Kempe chain, 2: a pool choice (`choiceIndex` was `choiceFrom`), 3: an
   * instructor's day handed over (`handed` events, `handedFrom` their previous options).
   */
  private kind: 0 | 1 | 2 | 3 = 0;
  private readonly handed: Int32Array;
  private readonly handedFrom: Int32Array;
  private handedCount = 0;
  private choiceIndex = -1;
  private choiceFrom = -1;
  /** True when the last move was only evaluated (dHard/dSoft): `commit` applies it. */
  deferred = false;
  dHard = 0;
  dSoft = 0;
  /** Share of room choices that take the room of another event of the same course. */
  sameCourseRoom = 0.5;
  /** Share of period choices next to an event of the same group. */
  nextToMate = 0;
  /** Share of the moves of an event whose course chooses pools that change a choice instead. */
  poolChange = 0.1;

  constructor(
    private readonly m: CompiledModel,
    private readonly s: SolverState,
    private readonly rng: Random,
  ) {
    this.chain = new KempeChain(m, s);
    this.evaluator = new MoveEvaluator(m, s);
    this.handed = new Int32Array(m.B > 1 ? m.E : 0);
    this.handedFrom = new Int32Array(m.B > 1 ? m.E : 0);
  }

  /** Whether events sharing a room belong to the same Kempe chain (rooms stay clash-free). */
  set kempeRooms(value: boolean) {
    this.chain.followRooms = value;
  }

  /** Whether a Kempe chain that does not follow rooms gives arrivals the cheapest free room. */
  set kempeRematch(value: boolean) {
    this.chain.rematch = value;
  }

  /** A random move (or swap, or instructor change) of event e; false when it would change nothing. */
  simple(e: number, roomOnly: number, instructorChange: number): boolean {
    const m = this.m;
    const s = this.s;
    const rng = this.rng;
    const P = m.P;
    const p0 = s.period[e]!;
    const r0 = s.room[e]!;
    const o0 = s.inst[e]!;
    const nOptions = m.instStart[e + 1]! - m.instStart[e]!;
    const nRooms = m.roomStart[e + 1]! - m.roomStart[e]!;
    const c = m.eventCourse[e]!;
    const nChoices = m.courseChoiceStart[c + 1]! - m.courseChoiceStart[c]!;
    if (nChoices > 0 && rng.next() < this.poolChange) return this.changePool(c, nChoices);
    let p1 = p0;
    let r1 = r0;
    let o1 = o0;
    const u = rng.next();
    if (nOptions > 1 && u < instructorChange) {
      o1 = rng.int(nOptions);
      if (o1 === o0) return false;
      // With time bands an instructor may teach several events in a period, paid once (a day
      // rate): half of the changes hand all of them to the other instructor at once.
      if (m.B > 1 && o0 >= 0 && p0 >= 0 && rng.next() < 0.5) return this.handOverDay(e, o0, o1, p0);
    } else if (nRooms > 1 && u < (nOptions > 1 ? instructorChange : 0) + roomOnly) {
      r1 = pickRoom(m, s, rng, e, this.sameCourseRoom);
      if (r1 === r0) return false;
    } else {
      p1 = rng.next() < this.nextToMate ? periodNextToMate(m, s, rng, e) : -1;
      if (p1 < 0) {
        const nPeriods = m.periodStart[e + 1]! - m.periodStart[e]!;
        p1 = m.periodList[m.periodStart[e]! + rng.int(nPeriods)]!;
      }
      if (nRooms > 1 && rng.next() < 0.5) r1 = pickRoom(m, s, rng, e, this.sameCourseRoom);
      if (p1 === p0 && r1 === r0) return false;
    }
    let e2 = -1;
    if (r1 >= 0 && (p1 !== p0 || r1 !== r0)) {
      const k = r1 * P + p1;
      if (s.roomCnt[k] === 1) {
        const other = s.roomXor[k]! - 1;
        // With time bands, an occupant in other bands leaves room for e: no swap.
        if (
          other !== e &&
          (m.B === 1 || (m.eventRoomBands[other]! & m.eventRoomBands[e]!) !== 0) &&
          !m.eventFixed[other] &&
          r0 >= 0 &&
          m.periodAllowed[other * P + p0] &&
          m.roomAllowed[other * m.R + r0]
        )
          e2 = other;
      }
    }
    // With time bands, and for events of ordered courses, moves are made and scored by the state
    // (the deltas know neither bands nor order).
    if (p1 === p0 && o1 === o0 && m.B === 1) {
      this.evaluator.roomChange(e, e2, p0, r0, r1);
      return this.defer(e, e2, p0, r0, p0, r1);
    }
    const ordered = m.courseOrdered[m.eventCourse[e]!] || (e2 >= 0 && m.courseOrdered[m.eventCourse[e2]!]);
    if (o1 === o0 && p0 >= 0 && (r0 >= 0 || r1 < 0) && !ordered && m.B === 1) {
      this.evaluator.periodChange(e, e2, p0, r0, p1, r1);
      return this.defer(e, e2, p0, r0, p1, r1);
    }
    this.remember(false, e, e2, p0, r0, p1, r1);
    this.o0 = o0;
    s.unplace(e);
    if (e2 >= 0) {
      this.o2 = s.inst[e2]!;
      s.unplace(e2);
    }
    s.place(e, p1, r1, o1);
    if (e2 >= 0) s.place(e2, p0, r0, this.o2);
    return true;
  }

  /** Another option for one of course c's pool choices (the units of all its events move with it). */
  private changePool(c: number, nChoices: number): boolean {
    const m = this.m;
    const j = m.courseChoiceList[m.courseChoiceStart[c]! + this.rng.int(nChoices)]!;
    const n = m.choiceOptionStart[j + 1]! - m.choiceOptionStart[j]!;
    if (n < 2) return false;
    const from = this.s.choice[j]!;
    let to = this.rng.int(n - 1);
    if (to >= from) to++;
    this.s.setChoice(j, to);
    this.choiceIndex = j;
    this.choiceFrom = from;
    this.deferred = false;
    this.kind = 2;
    return true;
  }

  /**
   * Event e and every other movable event its instructor (option o0) teaches in period p go to the
   * instructor of option o1, each that has that instructor among its options.
   */
  private handOverDay(e: number, o0: number, o1: number, p: number): boolean {
    const m = this.m;
    const s = this.s;
    const from = m.instList[m.instStart[e]! + o0]!;
    const to = m.instList[m.instStart[e]! + o1]!;
    let n = 0;
    const row = p * m.E;
    for (let k = 0; k < s.periodSize[p]!; k++) {
      const x = s.periodEvents[row + k]!;
      if (m.eventFixed[x] || instructorOf(m, s, x) !== from) continue;
      this.handed[n] = x;
      this.handedFrom[n++] = s.inst[x]!;
    }
    this.handedCount = n;
    for (let k = 0; k < n; k++) {
      const x = this.handed[k]!;
      const option = x === e ? o1 : optionOf(m, x, to);
      if (option < 0) continue;
      const r = s.room[x]!;
      s.unplace(x);
      s.place(x, p, r, option);
    }
    this.deferred = false;
    this.kind = 3;
    return true;
  }

  /** Records a move the evaluator scored (e to p1/r1, e2 to p0/r0 if a swap) for `commit` or `undo`. */
  private defer(e: number, e2: number, p0: number, r0: number, p1: number, r1: number) {
    this.remember(true, e, e2, p0, r0, p1, r1);
    this.dHard = this.evaluator.dHard;
    this.dSoft = this.evaluator.dSoft;
    return true;
  }

  /** The last simple move (e to p1/r1, e2 to p0/r0 if a swap), applied or only evaluated. */
  private remember(deferred: boolean, e: number, e2: number, p0: number, r0: number, p1: number, r1: number) {
    this.deferred = deferred;
    this.kind = 0;
    this.e1 = e;
    this.e2 = e2;
    this.p0 = p0;
    this.r0 = r0;
    this.p1 = p1;
    this.r1 = r1;
  }

  /** Applies an evaluated (deferred) room move. */
  commit(): void {
    const s = this.s;
    const e = this.e1;
    const e2 = this.e2;
    const o = s.inst[e]!;
    s.unplace(e);
    if (e2 >= 0) {
      const o2 = s.inst[e2]!;
      s.unplace(e2);
      s.place(e2, this.p0, this.r0, o2);
    }
    s.place(e, this.p1, this.r1, o);
    this.deferred = false;
  }

  /** The Kempe chain of event e between its period and t2; false when some event of it cannot move. */
  kempe(e: number, t2: number): boolean {
    if (!this.chain.apply(e, t2)) return false;
    this.deferred = false;
    this.kind = 1;
    return true;
  }

  undo(): void {
    const s = this.s;
    if (this.deferred) {
      this.deferred = false;
      return;
    }
    if (this.kind === 1) {
      this.chain.undo();
      return;
    }
    if (this.kind === 2) {
      s.setChoice(this.choiceIndex, this.choiceFrom);
      return;
    }
    if (this.kind === 3) {
      for (let k = this.handedCount - 1; k >= 0; k--) {
        const x = this.handed[k]!;
        const p = s.period[x]!;
        const r = s.room[x]!;
        s.unplace(x);
        s.place(x, p, r, this.handedFrom[k]!);
      }
      return;
    }
    const e = this.e1;
    const e2 = this.e2;
    s.unplace(e);
    if (e2 >= 0) {
      s.unplace(e2);
      s.place(e2, this.p1, this.r1, this.o2);
    }
    s.place(e, this.p0, this.r0, this.o0);
  }
}

/** The index of instructor i among event e's options, or -1. */
function optionOf(m: CompiledModel, e: number, i: number): number {
  for (let j = m.instStart[e]!; j < m.instStart[e + 1]!; j++)
    if (m.instList[j] === i) return j - m.instStart[e]!;
  return -1;
}
