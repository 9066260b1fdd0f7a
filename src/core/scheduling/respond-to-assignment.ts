import { type Actor, actsAsInstructor, authorize } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { enrollmentRepository } from "../enrollments/enrollments.repository.js";
import { AppError, notFound } from "../errors.js";
import { publishEvents } from "../events/publish-event.js";
import { newId } from "../shared/ids.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import { bookingRepository } from "./bookings.repository.js";
import { buildBookings } from "./build-bookings.js";
import { loadRoomProfiles } from "./conflict-context.js";
import { prepareSession } from "./prepare-session.js";
import { presentSession } from "./present-session.js";
import { assignmentAnsweredEvents } from "./session-domain-events.js";
import { inputFromRecord } from "./session-input.js";
import {
  auditSession,
  inTransaction,
  loadRecord,
  recordSessionEvent,
  type SchedulingDeps,
} from "./session-writes.js";
import type { SessionRecord } from "./sessions.repository.js";
import { sessionRepository } from "./sessions.repository.js";
import type { Session } from "./sessions.schemas.js";
import { type Suggestions, suggestAlternatives } from "./suggest-alternatives.js";

export type AssignmentResponse = "accept" | "decline" | "withdraw";

const next: Record<AssignmentResponse, { from: string[]; to: string }> = {
  accept: { from: ["requested"], to: "accepted" },
  decline: { from: ["requested", "accepted"], to: "declined" },
  withdraw: { from: ["requested", "accepted"], to: "withdrawn" },
};

/**
 * An instructor's answer to an assignment (recorded by them or a coordinator), or a coordinator
 * withdrawing it. Declining or withdrawing frees the instructor's time at once.
 */
export function respondToAssignment(
  deps: SchedulingDeps,
  actor: Actor,
  sessionId: string,
  assignmentId: string,
  response: AssignmentResponse,
  note: string | null,
): Promise<{ session: Session; substitutes: Suggestions["instructors"][number]["candidates"] }> {
  // An instructor answers their own requests (accept/decline); withdrawing is the coordinator's.
  const selfAnswer = response !== "withdraw" && actor.role === "instructor" && !!actor.instructorId;
  if (!selfAnswer) authorize(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const before = await loadRecord(trx, actor.tenantId, sessionId);
    const assignment = before.instructors.find((a) => a.id === assignmentId);
    if (!assignment) throw notFound("Assignment", assignmentId);
    if (selfAnswer && !actsAsInstructor(actor, assignment.instructor_id)) {
      throw new AppError("forbidden", "Instructors answer only their own assignments");
    }
    const rule = next[response];
    if (!rule.from.includes(assignment.status)) {
      throw new AppError("conflict", `An assignment that is ${assignment.status} cannot be ${response}ed`, {
        errors: [{ path: "status", message: `is ${assignment.status}` }],
      });
    }
    if (response === "accept" && assignment.respond_by !== null && assignment.respond_by < now) {
      throw new AppError(
        "conflict",
        "The response deadline has passed; ask the coordinator to request again",
      );
    }
    await sessionRepository.updateAssignment(trx, actor.tenantId, assignmentId, {
      status: rule.to,
      responded_at: now,
      response_note: note,
      updated_at: now,
    });
    if (rule.to !== "accepted") await rebuildBookings(deps, trx, actor, sessionId, now);
    const after = await loadRecord(trx, actor.tenantId, sessionId);
    await recordSessionEvent(trx, actor, now, sessionId, {
      kind: "assignment",
      reason: note,
      data: { assignmentId, instructorId: assignment.instructor_id, from: assignment.status, to: rule.to },
    });
    await auditSession(trx, actor, now, `assignment:${response}`, before, after);
    await publishEvents(trx, actor, now, assignmentAnsweredEvents(after, assignmentId, rule.to));
    const substitutes =
      rule.to === "accepted" ? [] : await findSubstitutes(trx, actor, after, assignment.instructor_id);
    return { session: presentSession(after), substitutes };
  });
}

/**
 * The substitution search a decline or withdrawal starts: free, qualified instructors for the
 * same role and segments, ranked like every suggestion (cheapest, then least loaded).
 */
async function findSubstitutes(trx: Executor, actor: Actor, record: SessionRecord, instructorId: string) {
  const tenant = await loadTenant(trx, actor.tenantId);
  const prepared = await prepareSession(
    trx,
    actor,
    tenant,
    inputFromRecord(record),
    record,
    record.session.updated_at,
  );
  const gone = record.instructors.find((a) => a.instructor_id === instructorId)!;
  const proposal = {
    ...prepared.proposal,
    instructors: [
      ...prepared.proposal.instructors,
      {
        instructorId,
        role: gone.role as "lead" | "co" | "assistant",
        segmentKeys: gone.segment_ids_json === null ? null : (JSON.parse(gone.segment_ids_json) as string[]),
      },
    ],
  };
  const suggestions = await suggestAlternatives(
    trx,
    actor.tenantId,
    prepared.course,
    proposal,
    { instructors: [instructorId], rooms: [] },
    { slots: false },
  );
  return suggestions.instructors[0]?.candidates ?? [];
}

/** Re-derives a session's bookings from its rows (an assignment stopped holding time). */
async function rebuildBookings(
  deps: SchedulingDeps,
  trx: Executor,
  actor: Actor,
  sessionId: string,
  now: number,
) {
  const record = await loadRecord(trx, actor.tenantId, sessionId);
  const rooms = await loadRoomProfiles(
    trx,
    actor.tenantId,
    record.segments.flatMap((s) => (s.room_id ? [s.room_id] : [])),
  );
  await bookingRepository.deleteForSession(trx, actor.tenantId, sessionId);
  const learnerIds = await enrollmentRepository.seatedLearnerIds(trx, actor.tenantId, sessionId);
  await bookingRepository.insertMany(
    trx,
    deps.database.dialect,
    buildBookings(record, rooms, now, newId, learnerIds),
  );
}
