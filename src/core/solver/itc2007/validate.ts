import type { CttInstance } from "./ctt.js";

/**
 * The ITC2007 Track 3 validator, reproducing the official one's scoring and output: a solution is
 * read as a course × period table holding a room (so a repeated course/period entry is skipped with
 * a warning, as are unknown courses, rooms, days and periods), then
 * - hard: Lectures (missing or extra lectures per course), Conflicts (per pair of courses sharing a
 *   curriculum or a teacher, per period both teach), Availability (lectures in unavailable
 *   periods), RoomOccupation (lectures beyond the first in a room and period);
 * - soft: RoomCapacity (1 per student over), MinWorkingDays (5 per missing day),
 *   CurriculumCompactness (2 per lecture of a curriculum with no adjacent lecture of that curriculum
 *   in the same day), RoomStability (1 per room beyond the first of a course).
 */
export interface ItcValidation {
  lectures: number;
  conflicts: number;
  availability: number;
  roomOccupation: number;
  roomCapacity: number;
  minWorkingDays: number;
  curriculumCompactness: number;
  roomStability: number;
  violations: number;
  totalCost: number;
  warnings: string[];
  /** The `[H]` and `[S(n)]` lines of the official output. */
  details: string[];
}

export const MIN_WORKING_DAYS_COST = 5;
export const CURRICULUM_COMPACTNESS_COST = 2;
export const ROOM_STABILITY_COST = 1;

export function validateItc(instance: CttInstance, solutionText: string): ItcValidation {
  const { days, periodsPerDay: ppd } = instance;
  const P = days * ppd;
  const C = instance.courses.length;
  const courseIndex = new Map(instance.courses.map((course, c) => [course.id, c]));
  // Room 0 means "no lecture", as in the official tool; rooms are numbered from 1.
  const roomIndex = new Map(instance.rooms.map((room, r) => [room.id, r + 1]));
  const tt = new Int32Array(C * P);
  const warnings: string[] = [];
  const tokens = solutionText.split(/\s+/).filter((token) => token.length > 0);
  for (let i = 0; i + 3 < tokens.length; i += 4) {
    const [courseName, roomName, dayText, periodText] = tokens.slice(i, i + 4) as [
      string,
      string,
      string,
      string,
    ];
    // The official reader parses day and period as unsigned numbers and stops at the first that is not.
    if (!/^\d+$/.test(dayText) || !/^\d+$/.test(periodText)) break;
    const day = Number(dayText);
    const period = Number(periodText);
    const c = courseIndex.get(courseName);
    if (c === undefined) {
      warnings.push(`WARNING: Nonexisting course ${courseName} (entry skipped)`);
      continue;
    }
    const r = roomIndex.get(roomName);
    if (r === undefined) {
      warnings.push(`WARNING: Nonexisting room ${roomName} (entry skipped)`);
      continue;
    }
    if (day >= days) {
      warnings.push(`WARNING: Nonexisting day ${day} (entry skipped)`);
      continue;
    }
    if (period >= ppd) {
      warnings.push(`WARNING: Nonexisting period ${period} (entry skipped)`);
      continue;
    }
    const p = day * ppd + period;
    if (tt[c * P + p] !== 0) {
      warnings.push(`WARNING: Repeated entry: ${courseName} ${roomName} ${day} ${period} (entry skipped)`);
      continue;
    }
    tt[c * P + p] = r;
  }

  const at = (p: number) => `period ${p} (day ${Math.floor(p / ppd)}, timeslot ${p % ppd})`;
  const details: string[] = [];
  const teacher = instance.courses.map((course) => course.teacher);
  const conflict = new Uint8Array(C * C);
  const members = instance.curricula.map((curriculum) =>
    curriculum.courses.map((id) => courseIndex.get(id)!),
  );
  for (const list of members)
    for (let a = 0; a < list.length; a++)
      for (let b = 0; b < a; b++) {
        conflict[list[a]! * C + list[b]!] = 1;
        conflict[list[b]! * C + list[a]!] = 1;
      }
  for (let a = 0; a < C; a++)
    for (let b = a + 1; b < C; b++)
      if (teacher[a] === teacher[b]) {
        conflict[a * C + b] = 1;
        conflict[b * C + a] = 1;
      }
  const available = new Uint8Array(C * P).fill(1);
  for (const u of instance.unavailability)
    available[courseIndex.get(u.course)! * P + u.day * ppd + u.period] = 0;

  let lectures = 0;
  instance.courses.forEach((course, c) => {
    let n = 0;
    for (let p = 0; p < P; p++) if (tt[c * P + p]) n++;
    if (n < course.lectures) details.push(`[H] Too few lectures for course ${course.id}`);
    else if (n > course.lectures) details.push(`[H] Too many lectures for course ${course.id}`);
    lectures += Math.abs(n - course.lectures);
  });
  let conflicts = 0;
  for (let a = 0; a < C; a++)
    for (let b = a + 1; b < C; b++) {
      if (!conflict[a * C + b]) continue;
      for (let p = 0; p < P; p++)
        if (tt[a * P + p] && tt[b * P + p]) {
          conflicts++;
          details.push(
            `[H] Courses ${instance.courses[a]!.id} and ${instance.courses[b]!.id} have both a lecture at ${at(p)}`,
          );
        }
    }
  let availability = 0;
  for (let c = 0; c < C; c++)
    for (let p = 0; p < P; p++)
      if (tt[c * P + p] && !available[c * P + p]) {
        availability++;
        details.push(`[H] Course ${instance.courses[c]!.id} has a lecture at unavailable ${at(p)}`);
      }
  const R = instance.rooms.length;
  const roomLectures = new Int32Array((R + 1) * P);
  for (let c = 0; c < C; c++)
    for (let p = 0; p < P; p++) {
      const r = tt[c * P + p]!;
      if (r) roomLectures[r * P + p]!++;
    }
  let roomOccupation = 0;
  for (let p = 0; p < P; p++)
    for (let r = 1; r <= R; r++) {
      const n = roomLectures[r * P + p]!;
      if (n > 1) {
        roomOccupation += n - 1;
        details.push(
          `[H] ${n} lectures in room ${instance.rooms[r - 1]!.id} the ${at(p)}${n > 2 ? ` [${n - 1} violations]` : ""}`,
        );
      }
    }
  let roomCapacity = 0;
  instance.courses.forEach((course, c) => {
    for (let p = 0; p < P; p++) {
      const r = tt[c * P + p]!;
      if (r && instance.rooms[r - 1]!.capacity < course.students) {
        const over = course.students - instance.rooms[r - 1]!.capacity;
        roomCapacity += over;
        details.push(
          `[S(${over})] Room ${instance.rooms[r - 1]!.id} too small for course ${course.id} the ${at(p)}`,
        );
      }
    }
  });
  let missingDays = 0;
  instance.courses.forEach((course, c) => {
    let working = 0;
    for (let d = 0; d < days; d++) {
      let any = false;
      for (let p = d * ppd; p < (d + 1) * ppd; p++) if (tt[c * P + p]) any = true;
      if (any) working++;
    }
    if (working < course.minDays) {
      missingDays += course.minDays - working;
      details.push(
        `[S(${MIN_WORKING_DAYS_COST})] The course ${course.id} has only ${working} days of lecture`,
      );
    }
  });
  let isolated = 0;
  instance.curricula.forEach((curriculum, g) => {
    const count = new Int32Array(P + 1);
    for (const c of new Set(members[g]!)) for (let p = 0; p < P; p++) if (tt[c * P + p]) count[p]!++;
    // Same tests, in the same order, as the official tool (which reads past the last period as 0).
    const cpl = (p: number) => (p >= 0 && p < P ? count[p]! : 0);
    for (let p = 0; p < P; p++) {
      const n = cpl(p);
      if (n === 0) continue;
      if (
        (p % ppd === 0 && cpl(p + 1) === 0) ||
        (p % ppd === ppd - 1 && cpl(p - 1) === 0) ||
        (cpl(p + 1) === 0 && cpl(p - 1) === 0)
      ) {
        isolated += n;
        details.push(
          `[S(${CURRICULUM_COMPACTNESS_COST})] Curriculum ${curriculum.id} has an isolated lecture at ${at(p)}`,
        );
      }
    }
  });
  let extraRooms = 0;
  instance.courses.forEach((course, c) => {
    const used = new Set<number>();
    for (let p = 0; p < P; p++) if (tt[c * P + p]) used.add(tt[c * P + p]!);
    if (used.size > 1) {
      extraRooms += used.size - 1;
      details.push(
        `[S(${(used.size - 1) * ROOM_STABILITY_COST})] Course ${course.id} uses ${used.size} different rooms`,
      );
    }
  });
  const result = {
    lectures,
    conflicts,
    availability,
    roomOccupation,
    roomCapacity,
    minWorkingDays: missingDays * MIN_WORKING_DAYS_COST,
    curriculumCompactness: isolated * CURRICULUM_COMPACTNESS_COST,
    roomStability: extraRooms * ROOM_STABILITY_COST,
  };
  return {
    ...result,
    violations: lectures + conflicts + availability + roomOccupation,
    totalCost:
      result.roomCapacity + result.minWorkingDays + result.curriculumCompactness + result.roomStability,
    warnings,
    details,
  };
}

/** The official cost lines and summary (`Summary: [Violations = v, ]Total Cost = c`). */
export function formatSummary(v: ItcValidation): string {
  return [
    `Violations of Lectures (hard) : ${v.lectures}`,
    `Violations of Conflicts (hard) : ${v.conflicts}`,
    `Violations of Availability (hard) : ${v.availability}`,
    `Violations of RoomOccupation (hard) : ${v.roomOccupation}`,
    `Cost of RoomCapacity (soft) : ${v.roomCapacity}`,
    `Cost of MinWorkingDays (soft) : ${v.minWorkingDays}`,
    `Cost of CurriculumCompactness (soft) : ${v.curriculumCompactness}`,
    `Cost of RoomStability (soft) : ${v.roomStability}`,
    "",
    ...(v.warnings.length > 0 ? [`There are ${v.warnings.length} warnings!`] : []),
    `Summary: ${v.violations > 0 ? `Violations = ${v.violations}, ` : ""}Total Cost = ${v.totalCost}`,
  ].join("\n");
}

/** The whole official report: violation details, a blank line, then the summary. */
export function formatReport(v: ItcValidation): string {
  return [...v.details, "", formatSummary(v)].join("\n");
}
