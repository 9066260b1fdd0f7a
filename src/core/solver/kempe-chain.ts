import type { CompiledModel } from "./compile-model.js";
import { blockedAt, instructorOf, over, roomBlockedAt } from "./move-deltas.js";
import type { SolverState } from "./state.js";

/**
 * Kempe-chain moves: the events of two periods that are connected by a conflict (same course,
 * shared group, same instructor) exchange periods, so a feasible timetable stays free of those
 * clashes while a whole block of lectures changes day or time. An event whose room is taken in its
 * new period takes the cheapest free room (or, with `followRooms`, sharing a room links events
 * too, which keeps rooms but grows chains to whole periods). Applied to the state; `undo` restores
 * the last chain. Scratch arrays are allocated once.
 */
export class KempeChain {
  private readonly queue: Int32Array;
  private readonly mark: Int32Array;
  private stamp = 0;
  private readonly savedPeriod: Int32Array;
  private readonly savedRoom: Int32Array;
  private readonly savedInst: Int32Array;
  private length = 0;
  /** Whether events sharing a room belong to the same chain (rooms stay clash-free). */
  followRooms = false;
  /**
   * Whether a chain that does not follow rooms re-matches them: an event arriving in a period
   * where its room is taken gets the free room that costs least (capacity, stability).
   */
  rematch = true;

  constructor(
    private readonly m: CompiledModel,
    private readonly s: SolverState,
  ) {
    this.queue = new Int32Array(m.E);
    this.mark = new Int32Array(m.E);
    this.savedPeriod = new Int32Array(m.E);
    this.savedRoom = new Int32Array(m.E);
    this.savedInst = new Int32Array(m.E);
  }

  /** Applies the chain of event e between its period and t2; false when some event of it cannot move. */
  apply(e: number, t2: number): boolean {
    const m = this.m;
    const s = this.s;
    const t1 = s.period[e]!;
    if (t1 === t2 || t1 < 0) return false;
    const E = m.E;
    const P = m.P;
    const C = m.C;
    const stamp = ++this.stamp;
    const queue = this.queue;
    const mark = this.mark;
    queue[0] = e;
    mark[e] = stamp;
    let n = 1;
    for (let qi = 0; qi < n; qi++) {
      const x = queue[qi]!;
      const tx = s.period[x]!;
      const ty = tx === t1 ? t2 : t1;
      if (m.eventFixed[x] || !m.periodAllowed[x * P + ty]) return false;
      const rx = s.room[x]!;
      const cx = m.eventCourse[x]! * C;
      const ox = s.inst[x]!;
      const ix = ox >= 0 ? m.instList[m.instStart[x]! + ox]! : -1;
      const size = s.periodSize[ty]!;
      const row = ty * E;
      for (let k = 0; k < size; k++) {
        const y = s.periodEvents[row + k]!;
        if (mark[y] === stamp) continue;
        let linked =
          (this.followRooms && rx >= 0 && s.room[y] === rx) || m.courseConflict[cx + m.eventCourse[y]!] === 1;
        if (!linked && ix >= 0) {
          const oy = s.inst[y]!;
          linked = oy >= 0 && m.instList[m.instStart[y]! + oy] === ix;
        }
        if (linked) {
          mark[y] = stamp;
          queue[n++] = y;
        }
      }
    }
    if (n === 2 && this.tradesNothing(e, queue[1]!, t1, t2)) return false;
    for (let i = 0; i < n; i++) {
      const x = queue[i]!;
      this.savedPeriod[i] = s.period[x]!;
      this.savedRoom[i] = s.room[x]!;
      this.savedInst[i] = s.inst[x]!;
      s.unplace(x);
    }
    const rematch = this.rematch && !this.followRooms;
    for (let i = 0; i < n; i++) {
      const x = queue[i]!;
      const ty = this.savedPeriod[i] === t1 ? t2 : t1;
      const rx = this.savedRoom[i]!;
      s.place(
        x,
        ty,
        rematch && rx >= 0 && (s.roomTaken(x, rx, ty) || roomBlockedAt(m, x, rx, ty))
          ? this.freeRoom(x, ty, rx)
          : rx,
        this.savedInst[i]!,
      );
    }
    this.length = n;
    return true;
  }

  /** Puts the events of the last applied chain back. */
  undo(): void {
    const s = this.s;
    const n = this.length;
    for (let i = 0; i < n; i++) s.unplace(this.queue[i]!);
    for (let i = 0; i < n; i++)
      s.place(this.queue[i]!, this.savedPeriod[i]!, this.savedRoom[i]!, this.savedInst[i]!);
  }

  /**
   * Whether events e (in t1) and f (in t2) trading periods would leave the timetable as it is: one
   * course (not an ordered one), one instructor allowed alike in both periods, one room clash-free
   * in both periods, the same time bands, the same period costs and pool uses. A third of the
   * two-event chains on ITC2007 are such no-ops (and always accepted).
   */
  private tradesNothing(e: number, f: number, t1: number, t2: number): boolean {
    const m = this.m;
    const s = this.s;
    const P = m.P;
    const r = s.room[e]!;
    return (
      m.eventCourse[e] === m.eventCourse[f] &&
      !m.courseOrdered[m.eventCourse[e]!] &&
      instructorOf(m, s, e) === instructorOf(m, s, f) &&
      blockedAt(m, s, e, t1) + blockedAt(m, s, f, t2) === blockedAt(m, s, e, t2) + blockedAt(m, s, f, t1) &&
      s.room[f] === r &&
      m.eventRoomBands[e] === m.eventRoomBands[f] &&
      m.eventInstBands[e] === m.eventInstBands[f] &&
      roomBlockedAt(m, e, r, t1) + roomBlockedAt(m, f, r, t2) ===
        roomBlockedAt(m, e, r, t2) + roomBlockedAt(m, f, r, t1) &&
      (r < 0 || (s.roomCnt[r * P + t1] === 1 && s.roomCnt[r * P + t2] === 1)) &&
      (!m.periodCost ||
        m.periodCost[e * P + t1]! + m.periodCost[f * P + t2]! ===
          m.periodCost[e * P + t2]! + m.periodCost[f * P + t1]!) &&
      (m.Q === 0 || this.sameUses(e, f))
    );
  }

  private sameUses(e: number, f: number): boolean {
    const m = this.m;
    const n = m.useStart[e + 1]! - m.useStart[e]!;
    if (m.useStart[f + 1]! - m.useStart[f]! !== n) return false;
    for (let j = 0; j < n; j++) {
      const a = m.useStart[e]! + j;
      const b = m.useStart[f]! + j;
      if (m.usePool[a] !== m.usePool[b] || m.useQuantity[a] !== m.useQuantity[b]) return false;
    }
    return true;
  }

  /**
   * The free room of period p (not held and not blocked for x) that costs event x least (capacity,
   * room stability); `fallback` when none is free.
   */
  private freeRoom(x: number, p: number, fallback: number): number {
    const m = this.m;
    const s = this.s;
    const w = m.weights;
    const size = m.eventSize[x]!;
    const cR = m.eventCourse[x]! * m.R;
    let best = fallback;
    let bestCost = Number.POSITIVE_INFINITY;
    const end = m.roomStart[x + 1]!;
    for (let i = m.roomStart[x]!; i < end; i++) {
      const r = m.roomList[i]!;
      if (s.roomTaken(x, r, p) || roomBlockedAt(m, x, r, p)) continue;
      const cost =
        w.roomCapacity * over(size, m.roomCapacity[r]!) +
        (w.roomWaste ?? 0) * over(m.roomCapacity[r]!, size) +
        (s.courseRoom[cR + r] === 0 ? w.roomStability : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = r;
      }
    }
    return best;
  }
}
