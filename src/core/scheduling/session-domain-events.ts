import type { DomainEvent } from "../events/publish-event.js";
import type { SessionRecord } from "./sessions.repository.js";

// The domain events scheduling publishes (names and payloads agreed in the brief), derived from
// a session before and after a write. Published in the write's transaction by each use case.

type Record_ = Pick<SessionRecord, "session" | "segments" | "instructors">;

const segmentsOf = (record: Record_) =>
  record.segments.map((s) => ({ id: s.id, startsAt: s.starts_at, endsAt: s.ends_at, roomId: s.room_id }));

const assignmentEvent = (
  type: string,
  sessionId: string,
  assignment: SessionRecord["instructors"][number],
  extra: Record<string, unknown> = {},
): DomainEvent => ({
  type,
  entityType: "assignment",
  entityId: assignment.id,
  sessionId,
  payload: { assignmentId: assignment.id, instructorId: assignment.instructor_id, sessionId, ...extra },
});

/** Assignments that are requested now and were not before (new, or re-added). */
function requested(before: Record_ | null, after: Record_): DomainEvent[] {
  const had = new Set(before?.instructors.filter((a) => a.status === "requested").map((a) => a.id) ?? []);
  return after.instructors
    .filter((a) => a.status === "requested" && !had.has(a.id))
    .map((a) => assignmentEvent("assignment.requested", after.session.id, a, { respondBy: a.respond_by }));
}

export function sessionCreatedEvents(after: Record_): DomainEvent[] {
  const id = after.session.id;
  return [
    {
      type: "session.created",
      entityType: "session",
      entityId: id,
      sessionId: id,
      payload: { status: after.session.status },
    },
    ...requested(null, after),
  ];
}

export function sessionUpdatedEvents(
  before: Record_,
  after: Record_,
  timesChanged: boolean,
  reason?: string | null,
): DomainEvent[] {
  const id = after.session.id;
  const event = (type: string, payload: Record<string, unknown>): DomainEvent => ({
    type,
    entityType: "session",
    entityId: id,
    sessionId: id,
    payload,
  });
  const events: DomainEvent[] = [];
  if (timesChanged)
    events.push(
      event("session.rescheduled", {
        before: segmentsOf(before),
        after: segmentsOf(after),
        reason: reason ?? null,
      }),
    );
  const rooms = (r: Record_) => r.segments.map((s) => s.room_id ?? "").join(",");
  if (before.session.location_id !== after.session.location_id || rooms(before) !== rooms(after)) {
    events.push(
      event("session.location_changed", { from: before.session.location_id, to: after.session.location_id }),
    );
  }
  if (before.session.join_url !== after.session.join_url) {
    events.push(event("session.link_changed", { from: before.session.join_url, to: after.session.join_url }));
  }
  const kept = new Set(after.instructors.map((a) => a.id));
  for (const gone of before.instructors.filter(
    (a) => !kept.has(a.id) && ["requested", "accepted"].includes(a.status),
  )) {
    events.push(assignmentEvent("assignment.withdrawn", id, gone));
  }
  return [...events, ...requested(before, after)];
}

export function statusChangedEvents(
  after: Record_,
  from: string,
  to: string,
  reason: string | null,
): DomainEvent[] {
  const id = after.session.id;
  const event = (type: string, payload: Record<string, unknown>): DomainEvent => ({
    type,
    entityType: "session",
    entityId: id,
    sessionId: id,
    payload,
  });
  const events = [event("session.status_changed", { from, to, reason })];
  if (to === "cancelled") events.push(event("session.cancelled", { reason }));
  if (to === "postponed") events.push(event("session.postponed", { reason }));
  return events;
}

export function assignmentAnsweredEvents(after: Record_, assignmentId: string, to: string): DomainEvent[] {
  const assignment = after.instructors.find((a) => a.id === assignmentId);
  return assignment ? [assignmentEvent(`assignment.${to}`, after.session.id, assignment)] : [];
}
