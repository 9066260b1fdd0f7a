import type { CompiledModel } from "./compile-model.js";
import type { Random } from "./random.js";
import type { SolverState } from "./state.js";

/**
 * Where a move of the local search sends an event: biased draws of a target period or room (what
 * the move then costs is in `move-deltas.ts`).
 */

/**
 * A period just before or after an event of one of e's groups (same day), allowed for e; -1 when
 * the draw finds none. It aims moves at compact days.
 */
export function periodNextToMate(m: CompiledModel, s: SolverState, rng: Random, e: number): number {
  const c = m.eventCourse[e]!;
  const gStart = m.courseGroupStart[c]!;
  const nGroups = m.courseGroupStart[c + 1]! - gStart;
  if (nGroups === 0) return -1;
  const g = m.courseGroupList[gStart + rng.int(nGroups)]!;
  const eStart = m.groupEventStart[g]!;
  const x = m.groupEventList[eStart + rng.int(m.groupEventStart[g + 1]! - eStart)]!;
  const px = s.period[x]!;
  if (px < 0 || x === e) return -1;
  const before = rng.next() < 0.5;
  const p = before ? (m.hasPrev[px] ? px - 1 : -1) : m.hasNext[px] ? px + 1 : -1;
  return p >= 0 && m.periodAllowed[e * m.P + p] ? p : -1;
}

/**
 * A room for event e: with probability `sameCourseRoom` the room of another event of its course (so
 * courses settle into one room), otherwise any room of its domain.
 */
export function pickRoom(
  m: CompiledModel,
  s: SolverState,
  rng: Random,
  e: number,
  sameCourseRoom: number,
): number {
  if (rng.next() < sameCourseRoom) {
    const c = m.eventCourse[e]!;
    const start = m.courseEventStart[c]!;
    const n = m.courseEventStart[c + 1]! - start;
    const other = m.courseEventList[start + rng.int(n)]!;
    const r = s.room[other]!;
    if (r >= 0 && other !== e && m.roomAllowed[e * m.R + r]) return r;
  }
  return m.roomList[m.roomStart[e]! + rng.int(m.roomStart[e + 1]! - m.roomStart[e]!)]!;
}
