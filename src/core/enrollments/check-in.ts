import { randomBytes } from "node:crypto";
import { type Actor, systemActor } from "../auth/actor.js";
import { AppError, notFound } from "../errors.js";
import { attendanceRepository } from "./attendance.repository.js";
import { type EnrollmentDeps, inTransaction } from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import { authorizeAttendance, writeAttendance } from "./record-attendance.js";
import { openSession } from "./waitlist.js";

const MINUTE = 60_000;
/** Check-in opens this long before a segment starts; after the grace period a learner is late. */
export const CHECK_IN_OPENS_MS = 60 * MINUTE;
export const LATE_AFTER_MS = 15 * MINUTE;

const checkInPath = (code: string) => `/api/v1/check-in/${code}`;

/** A session's check-in code (created on first request) and the URL to put in a QR code. */
export function checkInCode(deps: EnrollmentDeps, actor: Actor, sessionId: string) {
  authorizeAttendance(actor);
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const scope = await openSession(deps, trx, actor, sessionId, now);
    let row = await attendanceRepository.findCode(trx, actor.tenantId, scope.session.id);
    if (!row) {
      row = {
        tenant_id: actor.tenantId,
        session_id: scope.session.id,
        code: randomBytes(12).toString("base64url"),
        created_at: now,
      };
      await attendanceRepository.insertCode(trx, row);
    }
    return { code: row.code, url: checkInPath(row.code) };
  });
}

/**
 * A learner checks in on the day with the session's code and their e-mail: present for the
 * segment open now (from an hour before its start), late after 15 minutes. Answers only what the
 * learner needs; an unknown code or e-mail is a plain 404.
 */
export async function checkIn(deps: EnrollmentDeps, code: string, email: string) {
  const found = await attendanceRepository.findByCode(deps.database.db, code);
  if (!found) throw notFound("Check-in code", code);
  const actor = systemActor(found.tenant_id, "check-in");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const scope = await openSession(deps, trx, actor, found.session_id, now);
    const enrollment = await enrollmentRepository.findSeatedByEmail(
      trx,
      actor.tenantId,
      scope.session.id,
      email.trim().toLowerCase(),
    );
    if (!enrollment) throw notFound("Enrollment for", email);
    const segment = scope.segments.find((s) => now >= s.starts_at - CHECK_IN_OPENS_MS && now < s.ends_at);
    if (!segment)
      throw new AppError(
        "conflict",
        "Check-in is open from an hour before each part of the session until its end",
      );
    const status: "present" | "late" = now <= segment.starts_at + LATE_AFTER_MS ? "present" : "late";
    await writeAttendance(
      trx,
      { ...actor, label: `check-in ${email}` },
      now,
      scope.session.id,
      scope.segments.map((s) => s.id),
      { segmentId: segment.id, records: [{ enrollmentId: enrollment.id, status }] },
      "check_in",
    );
    return { status, segment: segment.position + 1 };
  });
}
