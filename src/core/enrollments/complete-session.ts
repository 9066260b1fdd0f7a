import { type Actor, authorize } from "../auth/actor.js";
import { issueCertificate } from "../certificates/issue-certificate.js";
import { AppError, type FieldError, throwIfErrors } from "../errors.js";
import { toIso } from "../shared/clock.js";
import { attendanceRepository } from "./attendance.repository.js";
import { changeStatus, type EnrollmentDeps, inTransaction, presentEnrollment } from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { Policy } from "./enrollments.schemas.js";
import { openSession } from "./waitlist.js";

const OPEN = new Set(["enrolled", "attended", "no_show"]);

/** The completion rule: never present → no-show; enough attendance (and a pass when required) → completed; else failed. */
export function outcomeOf(
  policy: Pick<Policy, "minAttendancePercent" | "passRequired">,
  attendedSegments: number,
  totalSegments: number,
  passed: boolean | null,
): { status: "completed" | "failed" | "no_show"; attendancePercent: number } {
  const attendancePercent =
    totalSegments === 0 ? 0 : Math.round((attendedSegments / totalSegments) * 1000) / 10;
  if (attendedSegments === 0) return { status: "no_show", attendancePercent };
  const enough = attendancePercent >= policy.minAttendancePercent;
  const ok = enough && (!policy.passRequired || passed === true);
  return { status: ok ? "completed" : "failed", attendancePercent };
}

/**
 * Closes a session's enrollments once it has ended: applies the completion rule of the policy to
 * each learner's attendance (and pass/fail results sent now or before), issues a certificate to
 * every learner who completed, and publishes enrollment.completed / certificate.issued.
 */
export function completeSession(
  deps: EnrollmentDeps,
  actor: Actor,
  sessionId: string,
  results: { enrollmentId: string; passed: boolean }[],
) {
  authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const scope = await openSession(deps, trx, actor, sessionId, now);
    if (now < scope.session.ends_at) {
      throw new AppError(
        "conflict",
        `Session ${sessionId} ends at ${toIso(scope.session.ends_at)}; complete it after that`,
      );
    }
    const rows = await enrollmentRepository.listInStatuses(trx, actor.tenantId, sessionId, [...OPEN]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const errors: FieldError[] = [];
    results.forEach((result, index) => {
      if (!byId.has(result.enrollmentId)) {
        errors.push({
          path: `results.${index}.enrollmentId`,
          message: "is not an open enrollment of this session",
        });
      }
    });
    throwIfErrors(errors);
    const passedById = new Map(results.map((r) => [r.enrollmentId, r.passed]));
    const attendance = await attendanceRepository.forSession(trx, actor.tenantId, sessionId);
    const outcomes = [];
    for (const row of rows) {
      const attended = attendance.filter(
        (a) => a.enrollment_id === row.id && (a.status === "present" || a.status === "late"),
      ).length;
      const passed = passedById.has(row.id)
        ? passedById.get(row.id)!
        : row.passed === null
          ? null
          : row.passed === 1;
      const outcome = outcomeOf(scope.policy, attended, scope.segments.length, passed);
      const values = { passed: passed === null ? null : passed ? 1 : 0 };
      let after = row;
      if (outcome.status !== row.status) {
        after = await changeStatus(
          trx,
          actor,
          now,
          row,
          { status: outcome.status, ...values, completed_at: outcome.status === "completed" ? now : null },
          {
            kind: outcome.status,
            event: outcome.status === "completed" ? "enrollment.completed" : null,
            data: { attendancePercent: outcome.attendancePercent, passed },
          },
        );
      }
      const certificate =
        outcome.status === "completed" ? await issueCertificate(trx, actor, now, after) : null;
      outcomes.push({
        enrollment: presentEnrollment(after),
        attendancePercent: outcome.attendancePercent,
        certificateId: certificate?.id ?? null,
      });
    }
    return { items: outcomes };
  });
}
