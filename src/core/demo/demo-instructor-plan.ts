// Deterministic qualifications, weekly availability and time off for the demo instructors.
// Dates are fixed around 2027 (not today's date) so a seed always gives the same data.
import type { DemoCourse } from "./demo-courses.js";
import type { AvailabilityPattern, DemoInstructor } from "./demo-people.js";
import { type DemoRandom, dateIn2027 } from "./demo-random.js";

/** The year the demo is staged in: qualifications are checked against all of it. */
export const DEMO_YEAR_START = "2027-01-01";
export const DEMO_YEAR_END = "2027-12-31";

export interface PlannedQualification {
  courseCode: string | null;
  skill: string | null;
  level: string;
  validFrom: string | null;
  validUntil: string | null;
  notes: string | null;
}

const skillLevels = ["certified trainer", "accredited instructor", "practitioner"] as const;
const courseLevels = ["lead trainer", "lead trainer", "co-trainer"] as const;

/** Mostly valid through 2027 and beyond; some expire during 2027, some already lapsed in 2026. */
function validity(random: DemoRandom): Pick<PlannedQualification, "validFrom" | "validUntil" | "notes"> {
  const validFrom = random.date(random.int(2019, 2025));
  const roll = random.next();
  if (roll < 0.12) return { validFrom, validUntil: random.date(2026), notes: "Lapsed: renewal booked" };
  if (roll < 0.27) return { validFrom, validUntil: random.date(2027, 3, 10), notes: "Expires this year" };
  if (roll < 0.45) return { validFrom, validUntil: null, notes: null };
  return { validFrom, validUntil: random.date(random.int(2028, 2030)), notes: null };
}

export const validThroughDemoYear = (q: Pick<PlannedQualification, "validFrom" | "validUntil">) =>
  (q.validFrom === null || q.validFrom <= DEMO_YEAR_START) &&
  (q.validUntil === null || q.validUntil >= DEMO_YEAR_END);

/**
 * Every instructor holds their skills and is qualified for some courses of their areas. Afterwards
 * each course that asks for skills is checked: if nobody can teach it all through the demo year,
 * the first instructor holding all its skills gets them renewed, so every course stays staffable.
 */
export function planQualifications(
  random: DemoRandom,
  instructors: readonly DemoInstructor[],
  courses: readonly DemoCourse[],
): PlannedQualification[][] {
  const plans = instructors.map((instructor) => {
    const skills = instructor.skills.map(
      (skill): PlannedQualification => ({
        courseCode: null,
        skill,
        level: random.pick(skillLevels),
        ...validity(random),
      }),
    );
    const teachable = courses.filter(
      (course) =>
        instructor.areas.includes(course.area) &&
        (course.skills ?? []).every((skill) => instructor.skills.includes(skill)),
    );
    const forCourses = teachable
      .filter(() => random.chance(0.6))
      .map(
        (course): PlannedQualification => ({
          courseCode: course.code,
          skill: null,
          level: random.pick(courseLevels),
          ...validity(random),
        }),
      );
    return [...skills, ...forCourses];
  });

  for (const course of courses) {
    const skills = course.skills ?? [];
    if (skills.length === 0) continue;
    const canTeach = (plan: PlannedQualification[], onlyValid: boolean) =>
      plan.some((q) => q.courseCode === course.code && (!onlyValid || validThroughDemoYear(q))) ||
      skills.every((skill) => plan.some((q) => q.skill === skill && (!onlyValid || validThroughDemoYear(q))));
    if (plans.some((plan) => canTeach(plan, true))) continue;
    const plan = plans.find((candidate) => canTeach(candidate, false));
    if (!plan)
      throw new Error(`demo data: no instructor has the skills ${skills.join(", ")} for ${course.code}`);
    for (const q of plan) {
      if (q.skill && skills.includes(q.skill)) {
        Object.assign(q, { validFrom: "2024-01-15", validUntil: "2029-01-14", notes: "Renewed in 2024" });
      }
    }
  }
  return plans;
}

export interface PlannedRule {
  weekday: number;
  startTime: string;
  endTime: string;
  validFrom?: string;
  validUntil?: string;
}

const days = (weekdays: number[], startTime: string, endTime: string, extra: Partial<PlannedRule> = {}) =>
  weekdays.map((weekday): PlannedRule => ({ weekday, startTime, endTime, ...extra }));

const weekdays = [1, 2, 3, 4, 5];

export function availabilityRules(pattern: AvailabilityPattern): PlannedRule[] {
  switch (pattern) {
    case "full-time":
      return days(weekdays, "08:00", "18:00");
    case "part-time":
      return days([2, 3, 4], "09:00", "17:00");
    case "four-days":
      return days([1, 2, 3, 4], "08:30", "17:30");
    case "extended":
      return [...days(weekdays, "07:00", "20:00"), ...days([6], "09:00", "13:00")];
    case "contract-2027":
      return days(weekdays, "08:00", "18:00", { validFrom: "2027-01-01", validUntil: "2027-12-31" });
    case "reduced-from-july":
      return [
        ...days(weekdays, "08:00", "18:00", { validUntil: "2027-06-30" }),
        ...days([1, 3, 5], "09:00", "17:00", { validFrom: "2027-07-01" }),
      ];
    case "any-time":
      return [];
  }
}

export interface PlannedTimeOff {
  start: string;
  end: string;
  reason: string;
}

const timeOffKinds: ((random: DemoRandom) => PlannedTimeOff)[] = [
  (random) => {
    const week = random.int(27, 33);
    return { start: dateIn2027(week, 1), end: dateIn2027(week + 1, 5), reason: "Summer holiday" };
  },
  (random) => {
    const week = random.int(12, 16);
    return { start: dateIn2027(week, 1), end: dateIn2027(week, 5), reason: "Spring break" };
  },
  (random) => {
    const week = random.int(18, 44);
    return { start: dateIn2027(week, 2), end: dateIn2027(week, 4), reason: "Conference" };
  },
  (random) => {
    const day = dateIn2027(random.int(5, 48), random.int(1, 5));
    return { start: `${day}T13:00`, end: `${day}T17:00`, reason: "Medical appointment" };
  },
  () => ({ start: "2027-12-24", end: "2027-12-31", reason: "Year-end holidays" }),
  (random) => {
    const week = random.int(20, 46);
    return { start: dateIn2027(week, 4), end: dateIn2027(week, 5), reason: "Trainer recertification" };
  },
];

/** One to three entries of different kinds, in date order. */
export function planTimeOff(random: DemoRandom): PlannedTimeOff[] {
  return random
    .shuffle(timeOffKinds)
    .slice(0, random.int(1, 3))
    .map((kind) => kind(random))
    .sort((a, b) => a.start.localeCompare(b.start));
}
