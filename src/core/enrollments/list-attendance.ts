import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { notFound } from "../errors.js";
import { toIso } from "../shared/clock.js";
import { attendanceRepository } from "./attendance.repository.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { AttendanceRecord, AttendanceStatus } from "./enrollments.schemas.js";
import { authorizeAttendance } from "./record-attendance.js";

/** What has been recorded so far, one record per learner and segment: the attendance grid's cells. */
export async function listAttendance(
  db: Executor,
  actor: Actor,
  sessionId: string,
): Promise<{ sessionId: string; items: AttendanceRecord[] }> {
  authorizeAttendance(actor);
  const session = await enrollmentRepository.findSession(db, actor.tenantId, sessionId);
  if (!session) throw notFound("Session", sessionId);
  const rows = await attendanceRepository.forSession(db, actor.tenantId, sessionId);
  return {
    sessionId,
    items: rows.map((row) => ({
      enrollmentId: row.enrollment_id,
      segmentId: row.segment_id,
      status: row.status as AttendanceStatus,
      method: row.method,
      recordedAt: toIso(Number(row.recorded_at)),
    })),
  };
}
