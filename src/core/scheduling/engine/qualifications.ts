import { type CheckScope, conflict, segmentInterval } from "./check-scope.js";
import { type InstructorWork, instructorResource } from "./instructor-work.js";
import { isValidOn } from "./local-days.js";
import { listText } from "./messages.js";
import type { Conflict, Qualification } from "./types.js";

/** A required skill the instructor lacks on a date, with why when they held or will hold it. */
export interface MissingSkill {
  skill: string;
  /** The last day a qualification for it was valid, when it has expired. */
  expired?: string;
  /** The first day a qualification for it becomes valid, when it is not valid yet. */
  validFrom?: string;
}

const latest = (dates: string[]) => dates.sort()[dates.length - 1];

const valid = (q: Qualification, date: string) => isValidOn(date, q.validFrom, q.validUntil);

/**
 * The skills an instructor misses for a course on a local date, or null when qualified: a valid
 * qualification for the course itself, or valid ones for every required skill.
 */
export function missingSkills(
  qualifications: readonly Qualification[],
  courseId: string,
  required: readonly string[],
  date: string,
): MissingSkill[] | null {
  if (qualifications.some((q) => q.courseId === courseId && valid(q, date))) return null;
  const missing = required
    .map((skill) => skill.toLowerCase())
    .filter((skill) => !qualifications.some((q) => q.skill?.toLowerCase() === skill && valid(q, date)))
    .map((skill): MissingSkill => {
      const held = qualifications.filter((q) => q.skill?.toLowerCase() === skill);
      const expired = latest(
        held.flatMap((q) => (q.validUntil !== null && q.validUntil < date ? [q.validUntil] : [])),
      );
      const validFrom = held
        .flatMap((q) => (q.validFrom !== null && q.validFrom > date ? [q.validFrom] : []))
        .sort()[0];
      return { skill, ...(expired && { expired }), ...(validFrom && { validFrom }) };
    });
  return missing.length > 0 ? missing : null;
}

const skillText = ({ skill, expired, validFrom }: MissingSkill) =>
  skill + (expired ? ` (expired ${expired})` : validFrom ? ` (valid from ${validFrom})` : "");

/**
 * Lead and co-instructors need a qualification valid on each segment's date (the session's local
 * date); assistants are exempt, and a course that requires nothing can be taught by anyone.
 */
export function qualificationConflicts(
  scope: CheckScope,
  { profile, segments, roles }: InstructorWork,
): Conflict[] {
  const { course } = scope.context;
  if (course.requiredQualifications.length === 0) return [];
  const conflicts: Conflict[] = [];
  for (const segment of segments) {
    const role = roles.get(segment.key)!;
    if (role === "assistant") continue;
    const date = segment.startLocal.slice(0, 10);
    const missing = missingSkills(profile.qualifications, course.id, course.requiredQualifications, date);
    if (!missing) continue;
    const courseExpired = latest(
      profile.qualifications.flatMap((q) =>
        q.courseId === course.id && q.validUntil !== null && q.validUntil < date ? [q.validUntil] : [],
      ),
    );
    const skills = `missing skill${missing.length > 1 ? "s" : ""} ${listText(missing.map(skillText))}`;
    const courseNote = courseExpired ? `; their ${course.code} qualification expired ${courseExpired}` : "";
    conflicts.push(
      conflict("instructor_unqualified", {
        message: `${profile.name} has no valid qualification for ${course.code} on ${date}: ${skills}${courseNote}.`,
        resource: instructorResource(profile),
        segmentKey: segment.key,
        interval: segmentInterval(segment),
        with: [],
        details: { date, role, missing, ...(courseExpired && { courseQualificationExpired: courseExpired }) },
      }),
    );
  }
  return conflicts;
}
