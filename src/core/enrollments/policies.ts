import type { Executor } from "../db/database.js";
import type { EnrollmentPoliciesTable } from "../db/schema.js";
import { AppError } from "../errors.js";
import { toIso } from "../shared/clock.js";
import { instantToLocal } from "../time/zoned.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { Policy } from "./enrollments.schemas.js";

export const DEFAULT_POLICY: Policy = {
  waitlistPolicy: "direct",
  offerHours: 48,
  cancellationCutoffHours: 0,
  transferCutoffHours: 0,
  approvalRequired: false,
  minAttendancePercent: 80,
  passRequired: false,
};

const HOUR = 3600_000;

/** Defaults, then the course's policy, then the session's: each field set (not null) wins. */
export function mergePolicies(rows: Pick<EnrollmentPoliciesTable, keyof EnrollmentPoliciesTable>[]): Policy {
  const policy = { ...DEFAULT_POLICY };
  const ordered = [...rows].sort((a, b) =>
    a.scope_type === b.scope_type ? 0 : a.scope_type === "course" ? -1 : 1,
  );
  for (const row of ordered) {
    if (row.waitlist_policy !== null) policy.waitlistPolicy = row.waitlist_policy as Policy["waitlistPolicy"];
    if (row.offer_hours !== null) policy.offerHours = row.offer_hours;
    if (row.cancellation_cutoff_hours !== null)
      policy.cancellationCutoffHours = row.cancellation_cutoff_hours;
    if (row.transfer_cutoff_hours !== null) policy.transferCutoffHours = row.transfer_cutoff_hours;
    if (row.approval_required !== null) policy.approvalRequired = row.approval_required === 1;
    if (row.min_attendance_percent !== null) policy.minAttendancePercent = row.min_attendance_percent;
    if (row.pass_required !== null) policy.passRequired = row.pass_required === 1;
  }
  return policy;
}

export async function loadPolicy(
  db: Executor,
  tenantId: string,
  session: { id: string; course_id: string },
): Promise<Policy> {
  return mergePolicies(await enrollmentRepository.policiesFor(db, tenantId, session.course_id, session.id));
}

/**
 * The last instant an action is allowed: `hours` before the session starts. Instants are absolute,
 * so the rule is the same for a learner in any zone; messages show the deadline in the session's
 * zone and in UTC.
 */
export const cutoffInstant = (startsAt: number, hours: number) => startsAt - hours * HOUR;

export function assertBeforeCutoff(
  session: { starts_at: number; time_zone: string },
  hours: number,
  now: number,
  action: "cancel" | "transfer",
  override: { reason: string } | null,
) {
  const deadline = cutoffInstant(session.starts_at, hours);
  if (now <= deadline || override) return;
  throw new AppError(
    "conflict",
    `The ${action} cut-off (${hours} h before the start) passed at ${instantToLocal(deadline, session.time_zone)} ${session.time_zone} (${toIso(deadline)}); a coordinator may pass it with override.reason`,
    { cutoff: { action, hours, deadline: toIso(deadline) } },
  );
}
