import type { SessionRecord } from "./sessions.repository.js";

/**
 * Who and what a reschedule, postponement or cancellation touches, recorded with the change and
 * returned to the coordinator. Learners are every registration of the session (enrollments);
 * invoices are filled in once finance exists; the shape is stable already.
 */
export interface Impact {
  timesChanged: boolean;
  before: {
    startsAt: number;
    endsAt: number;
    segments: { id: string; startsAt: number; endsAt: number; roomId: string | null }[];
  };
  after: {
    startsAt: number;
    endsAt: number;
    segments: { id: string; startsAt: number; endsAt: number; roomId: string | null }[];
  } | null;
  instructors: { instructorId: string; role: string; status: string }[];
  rooms: string[];
  equipment: { equipmentId: string; quantity: number }[];
  learners: string[];
  invoices: string[];
}

const shape = (record: Pick<SessionRecord, "session" | "segments">) => ({
  startsAt: record.session.starts_at,
  endsAt: record.session.ends_at,
  segments: record.segments.map((s) => ({
    id: s.id,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    roomId: s.room_id,
  })),
});

export function impactOf(
  before: SessionRecord,
  after: Pick<SessionRecord, "session" | "segments" | "instructors" | "equipment"> | null,
  learners: string[] = [],
): Impact {
  const beforeShape = shape(before);
  const afterShape = after ? shape(after) : null;
  const timesChanged =
    afterShape === null ||
    afterShape.segments.length !== beforeShape.segments.length ||
    afterShape.segments.some(
      (s, i) =>
        s.startsAt !== beforeShape.segments[i]!.startsAt || s.endsAt !== beforeShape.segments[i]!.endsAt,
    );
  const people = [...before.instructors, ...(after?.instructors ?? [])];
  const instructors = [
    ...new Map(
      people.map((a) => [a.instructor_id, { instructorId: a.instructor_id, role: a.role, status: a.status }]),
    ).values(),
  ];
  const rooms = [
    ...new Set(
      [...before.segments, ...(after?.segments ?? [])].flatMap((s) => (s.room_id ? [s.room_id] : [])),
    ),
  ];
  return {
    timesChanged,
    before: beforeShape,
    after: afterShape,
    instructors,
    rooms,
    equipment: before.equipment.map((e) => ({ equipmentId: e.equipment_id, quantity: e.quantity })),
    learners,
    invoices: [],
  };
}
