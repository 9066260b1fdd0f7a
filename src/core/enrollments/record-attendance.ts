import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { type FieldError, notFound, throwIfErrors } from "../errors.js";
import { publishEvents } from "../events/publish-event.js";
import { attendanceRepository } from "./attendance.repository.js";
import { changeStatus, type EnrollmentDeps, eventPayload, inTransaction } from "./enrollment-writes.js";
import type { AttendanceInput } from "./enrollments.schemas.js";
import { openSession } from "./waitlist.js";

/** Statuses whose attendance can be taken. */
const ATTENDING = new Set(["enrolled", "attended", "no_show"]);
const PRESENT = new Set<string>(["present", "late"]);

/** Instructors take attendance too; viewers and finance do not. */
export function authorizeAttendance(actor: Actor) {
  if (actor.role === "instructor") return;
  authorize(actor, "reference:write");
}

/**
 * Records attendance of one segment for many learners at once (instructor or coordinator).
 * Being present (or late) once makes an enrolled learner `attended`.
 */
export function recordAttendance(
  deps: EnrollmentDeps,
  actor: Actor,
  sessionId: string,
  input: AttendanceInput,
  method: "manual" | "check_in" = "manual",
) {
  authorizeAttendance(actor);
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const scope = await openSession(deps, trx, actor, sessionId, now);
    return writeAttendance(
      trx,
      actor,
      now,
      scope.session.id,
      scope.segments.map((s) => s.id),
      input,
      method,
    );
  });
}

export async function writeAttendance(
  trx: Executor,
  actor: Actor,
  now: number,
  sessionId: string,
  segmentIds: string[],
  input: AttendanceInput,
  method: "manual" | "check_in",
) {
  if (!segmentIds.includes(input.segmentId)) throw notFound("Segment", input.segmentId);
  const rows = await attendanceRepository.enrollmentsOf(
    trx,
    actor.tenantId,
    sessionId,
    input.records.map((r) => r.enrollmentId),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.records.forEach((record, index) => {
    const row = byId.get(record.enrollmentId);
    if (!row)
      errors.push({ path: `records.${index}.enrollmentId`, message: "is not an enrollment of this session" });
    else if (!ATTENDING.has(row.status))
      errors.push({ path: `records.${index}.enrollmentId`, message: `the learner is ${row.status}` });
    if (seen.has(record.enrollmentId))
      errors.push({ path: `records.${index}.enrollmentId`, message: "is listed twice" });
    seen.add(record.enrollmentId);
  });
  throwIfErrors(errors);
  for (const record of input.records) {
    const row = byId.get(record.enrollmentId)!;
    await attendanceRepository.upsert(trx, {
      tenant_id: actor.tenantId,
      enrollment_id: row.id,
      segment_id: input.segmentId,
      session_id: sessionId,
      status: record.status,
      method,
      recorded_at: now,
      recorded_by: actor.id ?? actor.label,
    });
    let current = row;
    if (PRESENT.has(record.status) && row.status !== "attended") {
      current = await changeStatus(
        trx,
        actor,
        now,
        row,
        { status: "attended" },
        { kind: "attended", event: null },
      );
    }
    await publishEvents(trx, actor, now, [
      {
        type: "enrollment.attendance_recorded",
        entityType: "enrollment",
        entityId: row.id,
        sessionId,
        payload: { ...eventPayload(current), segmentId: input.segmentId, attendance: record.status },
      },
    ]);
  }
  await recordAudit(trx, actor, now, {
    action: "attendance",
    entityType: "session",
    entityId: sessionId,
    after: { segmentId: input.segmentId, method, records: input.records },
  });
  return { segmentId: input.segmentId, recorded: input.records.length };
}
