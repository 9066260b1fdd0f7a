import { type CheckScope, profileOf } from "./check-scope.js";
import type { InstructorProfile, InstructorRole, ProposedSegment } from "./types.js";

/** One instructor's part in the proposal: the segments they teach and in which role. */
export interface InstructorWork {
  profile: InstructorProfile;
  /** In time order. */
  segments: ProposedSegment[];
  /** Role per segment key; with two assignments for one segment the stronger role wins. */
  roles: ReadonlyMap<string, InstructorRole>;
}

const ROLE_RANK: Record<InstructorRole, number> = { lead: 0, co: 1, assistant: 2 };

/** The proposal's assignments per instructor (the service refuses duplicates; merged to be safe). */
export function instructorWork(scope: CheckScope): InstructorWork[] {
  const roles = new Map<string, Map<string, InstructorRole>>();
  for (const assignment of scope.proposal.instructors) {
    const byKey = roles.get(assignment.instructorId) ?? new Map<string, InstructorRole>();
    roles.set(assignment.instructorId, byKey);
    for (const segment of scope.segmentsOf(assignment.segmentKeys)) {
      const held = byKey.get(segment.key);
      if (!held || ROLE_RANK[assignment.role] < ROLE_RANK[held]) byKey.set(segment.key, assignment.role);
    }
  }
  return [...roles].map(([id, byKey]) => ({
    profile: profileOf(scope.context.instructors, id, "instructor"),
    segments: scope.segmentsOf([...byKey.keys()]),
    roles: byKey,
  }));
}

export const instructorResource = (profile: InstructorProfile) => ({
  type: "instructor" as const,
  id: profile.id,
  name: profile.name,
});
