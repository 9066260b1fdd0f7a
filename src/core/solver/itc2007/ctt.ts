import type { SolverModel } from "../model.js";
import { itcWeights } from "../model.js";

/** An ITC2007 Track 3 (curriculum-based course timetabling) instance, as read from a `.ctt` file. */
export interface CttInstance {
  name: string;
  days: number;
  periodsPerDay: number;
  courses: { id: string; teacher: string; lectures: number; minDays: number; students: number }[];
  rooms: { id: string; capacity: number }[];
  curricula: { id: string; courses: string[] }[];
  unavailability: { course: string; day: number; period: number }[];
}

/** Parses the `.ctt` format (whitespace-separated tokens, sections COURSES/ROOMS/CURRICULA/…). */
export function parseCtt(text: string): CttInstance {
  const tokens = text.split(/\s+/).filter((token) => token.length > 0);
  let i = 0;
  const next = (what: string): string => {
    const token = tokens[i++];
    if (token === undefined) throw new Error(`ctt: unexpected end of file, expected ${what}`);
    return token;
  };
  const expect = (label: string) => {
    const token = next(label);
    if (token !== label) throw new Error(`ctt: expected "${label}", found "${token}"`);
  };
  const int = (what: string): number => {
    const token = next(what);
    if (!/^\d+$/.test(token))
      throw new Error(`ctt: ${what} must be a non-negative integer, found "${token}"`);
    return Number(token);
  };
  expect("Name:");
  const name = next("the instance name");
  expect("Courses:");
  const nCourses = int("Courses");
  expect("Rooms:");
  const nRooms = int("Rooms");
  expect("Days:");
  const days = int("Days");
  expect("Periods_per_day:");
  const periodsPerDay = int("Periods_per_day");
  expect("Curricula:");
  const nCurricula = int("Curricula");
  expect("Constraints:");
  const nConstraints = int("Constraints");
  if (days < 1 || periodsPerDay < 1) throw new Error("ctt: Days and Periods_per_day must be at least 1");

  expect("COURSES:");
  const courses: CttInstance["courses"] = [];
  for (let k = 0; k < nCourses; k++) {
    const id = next("a course id");
    const teacher = next(`the teacher of ${id}`);
    const lectures = int(`the lectures of ${id}`);
    const minDays = int(`the min working days of ${id}`);
    const students = int(`the students of ${id}`);
    courses.push({ id, teacher, lectures, minDays, students });
  }
  const courseIds = new Set(courses.map((course) => course.id));
  if (courseIds.size !== courses.length) throw new Error("ctt: duplicate course id");
  expect("ROOMS:");
  const rooms: CttInstance["rooms"] = [];
  for (let k = 0; k < nRooms; k++) {
    const id = next("a room id");
    rooms.push({ id, capacity: int(`the capacity of ${id}`) });
  }
  expect("CURRICULA:");
  const curricula: CttInstance["curricula"] = [];
  for (let k = 0; k < nCurricula; k++) {
    const id = next("a curriculum id");
    const size = int(`the size of ${id}`);
    const members: string[] = [];
    for (let j = 0; j < size; j++) {
      const course = next(`a course of ${id}`);
      if (!courseIds.has(course)) throw new Error(`ctt: curriculum ${id} lists unknown course ${course}`);
      members.push(course);
    }
    curricula.push({ id, courses: members });
  }
  expect("UNAVAILABILITY_CONSTRAINTS:");
  const unavailability: CttInstance["unavailability"] = [];
  for (let k = 0; k < nConstraints; k++) {
    const course = next("a course id");
    if (!courseIds.has(course)) throw new Error(`ctt: constraint on unknown course ${course}`);
    const day = int("a day");
    const period = int("a period");
    if (day >= days || period >= periodsPerDay)
      throw new Error(`ctt: constraint ${course} ${day} ${period} is out of range`);
    unavailability.push({ course, day, period });
  }
  expect("END.");
  return { name, days, periodsPerDay, courses, rooms, curricula, unavailability };
}

/**
 * Maps an instance to the solver model: one event per lecture, courses as courses (spread over
 * min working days, stable room, never two lectures at once), teachers as instructors with a single
 * option, curricula as compact groups, unavailability as period domains. Event e of course c is
 * lecture number e - firstEvent[c].
 */
export function cttToModel(instance: CttInstance): SolverModel {
  const P = instance.days * instance.periodsPerDay;
  const courseIndex = new Map(instance.courses.map((course, c) => [course.id, c]));
  const teachers = [...new Set(instance.courses.map((course) => course.teacher))];
  const teacherIndex = new Map(teachers.map((teacher, t) => [teacher, t]));
  const unavailable = instance.courses.map(() => new Uint8Array(P));
  for (const u of instance.unavailability)
    unavailable[courseIndex.get(u.course)!]![u.day * instance.periodsPerDay + u.period] = 1;
  const events: SolverModel["events"] = [];
  instance.courses.forEach((course, c) => {
    const periods: number[] = [];
    for (let p = 0; p < P; p++) if (!unavailable[c]![p]) periods.push(p);
    const instructor = teacherIndex.get(course.teacher)!;
    for (let k = 0; k < course.lectures; k++)
      events.push({
        id: `${course.id}#${k}`,
        course: c,
        size: course.students,
        periods,
        instructors: [{ instructor, cost: 0 }],
      });
  });
  return {
    periodDay: Array.from({ length: P }, (_, p) => Math.floor(p / instance.periodsPerDay)),
    rooms: instance.rooms.map((room) => ({ id: room.id, capacity: room.capacity })),
    instructors: teachers.map((id) => ({ id })),
    courses: instance.courses.map((course) => ({ id: course.id, minDays: course.minDays })),
    groups: instance.curricula.map((curriculum) => ({
      id: curriculum.id,
      courses: curriculum.courses.map((id) => courseIndex.get(id)!),
      compact: true,
    })),
    events,
    weights: itcWeights,
  };
}

/** Writes a solution: `<course> <room> <day> <period>` per placed lecture. */
export function writeSolution(
  instance: CttInstance,
  model: SolverModel,
  solution: { period: ArrayLike<number>; room: ArrayLike<number> },
): string {
  const lines: string[] = [];
  model.events.forEach((event, e) => {
    const p = solution.period[e]!;
    const r = solution.room[e]!;
    if (p < 0 || r < 0) return;
    const course = instance.courses[event.course]!.id;
    const room = instance.rooms[r]!.id;
    lines.push(`${course} ${room} ${Math.floor(p / instance.periodsPerDay)} ${p % instance.periodsPerDay}`);
  });
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}
