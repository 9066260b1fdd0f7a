import type { CompiledModel } from "./compile-model.js";
import { type ScoreBreakdown, weightedSoft, zeroScore } from "./score-breakdown.js";

/** Scores an assignment from scratch, independently of the incremental state (for tests/checks). */
export function scoreAssignment(
  m: CompiledModel,
  period: ArrayLike<number>,
  room: ArrayLike<number>,
  inst: ArrayLike<number>,
  choice: ArrayLike<number> = new Int32Array(m.K),
): ScoreBreakdown {
  const { E, P, R, C, G, I, D } = m;
  const s = zeroScore();
  // Rooms and instructors are held per time band, read from the source model (B = 1: whole periods).
  const B = m.source.timeBands ?? 1;
  const allBands = 2 ** B - 1;
  const roomUse = new Int32Array(R * P * B);
  const courseUse = new Int32Array(C * P);
  const groupUse = new Int32Array(G * P);
  const instUse = new Int32Array(I * P * B);
  const instPlaced = new Uint8Array(I * P);
  const days = new Uint8Array(C * D);
  const rooms = new Uint8Array(C * R);
  const teachers = new Uint8Array(C * I);
  const poolUse = new Int32Array(m.Q * P);
  const pay = new Float64Array(I * P);
  const largestDayCost = new Float64Array(I * P);
  for (let e = 0; e < E; e++) {
    const p = period[e]!;
    if (p < 0) {
      s.unplaced++;
      continue;
    }
    const c = m.eventCourse[e]!;
    const r = room[e]!;
    courseUse[c * P + p]!++;
    for (let i = m.courseGroupStart[c]!; i < m.courseGroupStart[c + 1]!; i++)
      groupUse[m.courseGroupList[i]! * P + p]!++;
    if (r >= 0) {
      const bands = m.source.events[e]!.roomBands ?? allBands;
      for (let b = 0; b < B; b++) if (bands & (1 << b)) roomUse[(r * P + p) * B + b]!++;
      s.roomCapacity += Math.max(0, m.eventSize[e]! - m.roomCapacity[r]!);
      s.roomWaste += Math.max(0, m.roomCapacity[r]! - m.eventSize[e]!);
      rooms[c * R + r] = 1;
      const limited = m.eventFixed[e]
        ? undefined
        : m.source.events[e]!.roomPeriods?.find((x) => x.room === r);
      if (limited && !limited.periods.includes(p)) s.roomBlocked++;
    }
    days[c * D + m.periodDay[p]!] = 1;
    const o = inst[e]!;
    if (o >= 0) {
      const i = m.instList[m.instStart[e]! + o]!;
      const bands = m.source.events[e]!.instructorBands ?? allBands;
      for (let b = 0; b < B; b++) if (bands & (1 << b)) instUse[(i * P + p) * B + b]!++;
      const allowed = m.source.events[e]!.instructors?.[o]?.periods;
      if (allowed && !allowed.includes(p)) s.instructorBlocked++;
      if (!m.eventFixed[e]) instPlaced[i * P + p] = 1;
      s.instructorCost += m.instCost[m.instStart[e]! + o]!;
      const dayCost = m.source.events[e]!.instructors![o]!.dayCost ?? 0;
      if (dayCost > largestDayCost[i * P + p]!) largestDayCost[i * P + p] = dayCost;
      pay[i * P + p]! += m.source.events[e]!.instructors![o]!.pay ?? 0;
      teachers[c * I + i] = 1;
    }
    if (m.periodCost) s.periodCost += m.periodCost[e * P + p]!;
    for (let j = m.useStart[e]!; j < m.useStart[e + 1]!; j++)
      poolUse[m.usePool[j]! * P + p]! += m.useQuantity[j]!;
    for (let j = 0; j < m.K; j++) {
      if (m.choiceCourse[j] !== c) continue;
      const o = m.choiceOptionStart[j]! + choice[j]!;
      for (let k = m.optionPoolStart[o]!; k < m.optionPoolStart[o + 1]!; k++)
        poolUse[m.optionPoolList[k]! * P + p]! += m.choiceQuantity[j]!;
    }
  }
  for (let j = 0; j < m.K; j++) s.poolRank += choice[j]!;
  poolUse.forEach((used, k) => {
    s.poolOver += Math.max(0, used - m.poolFree[k]!);
  });
  for (let e = 0; e < E; e++) {
    const next = m.eventNext[e]!;
    if (next >= 0 && period[e]! >= 0 && period[next]! >= 0 && period[e]! >= period[next]!) s.outOfOrder++;
  }
  const excess = (counts: Int32Array) => counts.reduce((sum, n) => sum + (n > 1 ? n - 1 : 0), 0);
  s.roomClashes = excess(roomUse);
  s.courseClashes = excess(courseUse);
  s.groupClashes = excess(groupUse);
  s.instructorClashes = excess(instUse);
  for (let c = 0; c < C; c++) {
    let dayCount = 0;
    for (let d = 0; d < D; d++) dayCount += days[c * D + d]!;
    s.minDays += Math.max(0, m.courseMinDays[c]! - dayCount);
    let roomCount = 0;
    for (let r = 0; r < R; r++) roomCount += rooms[c * R + r]!;
    s.roomStability += Math.max(0, roomCount - 1);
    let teacherCount = 0;
    for (let i = 0; i < I; i++) teacherCount += teachers[c * I + i]!;
    s.instructorStability += Math.max(0, teacherCount - 1);
  }
  // Workload counts the periods the search gave each instructor and their clashes (when the model
  // counts days); a period's day cost is charged once, the largest of the instructor's events in it.
  for (let i = 0; i < I; i++) {
    let n = 0;
    for (let p = 0; p < P; p++) {
      n += instPlaced[i * P + p]!;
      for (let b = 0; b < B; b++) n += Math.max(0, instUse[(i * P + p) * B + b]! - 1);
      s.instructorCost += largestDayCost[i * P + p]!;
    }
    if (m.countDays) s.instructorLoad += (n * (n - 1)) / 2;
  }
  // Pay adds up per instructor and period to at most their cap, counting what was paid already;
  // each clash of a capped instructor (a double booking) costs the cap on top.
  const anyPay = m.source.events.some((event) => event.instructors?.some((o) => (o.pay ?? 0) > 0));
  m.source.instructors.forEach(({ payCap, paid }, i) => {
    for (let p = 0; p < P; p++) {
      if (anyPay && payCap !== undefined)
        for (let b = 0; b < B; b++)
          s.instructorCost += payCap * Math.max(0, instUse[(i * P + p) * B + b]! - 1);
      const sum = pay[i * P + p]!;
      if (payCap === undefined) s.instructorCost += sum;
      else if (sum > 0)
        s.instructorCost += Math.min(payCap, (paid?.[p] ?? 0) + sum) - Math.min(payCap, paid?.[p] ?? 0);
    }
  });
  for (let g = 0; g < G; g++) {
    if (!m.groupCompact[g]) continue;
    for (let p = 0; p < P; p++) {
      const n = groupUse[g * P + p]!;
      if (n === 0) continue;
      const prev = m.hasPrev[p] ? groupUse[g * P + p - 1]! : 0;
      const next = m.hasNext[p] ? groupUse[g * P + p + 1]! : 0;
      if (prev === 0 && next === 0) s.compactness += n;
    }
  }
  for (const limit of m.source.instructorLimits ?? []) {
    let taken = 0;
    for (const p of new Set(limit.periods)) taken += instPlaced[limit.instructor * P + p]!;
    s.instructorLimit += Math.max(0, taken - limit.max);
  }
  const hard =
    s.unplaced +
    s.roomClashes +
    s.courseClashes +
    s.groupClashes +
    s.instructorClashes +
    s.instructorBlocked +
    s.roomBlocked +
    s.instructorLimit +
    s.poolOver +
    s.outOfOrder;
  return { ...s, hard, soft: weightedSoft(m, s) };
}
