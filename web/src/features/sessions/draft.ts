import type { Course, Session, Suggestions } from "../../api/types";
import { shiftLocal, viewerZone } from "../../components/time";

export type Format = "ilt" | "vilt" | "hybrid";
export type InstructorRole = "lead" | "co" | "assistant";

/** One day's block; start and end are local "YYYY-MM-DDTHH:mm" in the session's zone. */
export interface DraftSegment {
  id?: string;
  start: string;
  end: string;
  roomId: string | null;
}

export interface DraftAssignment {
  instructorId: string | null;
  role: InstructorRole;
  segments: number[] | null;
}

export interface DraftEquipment {
  equipmentId: string | null;
  quantity: number;
  segments: number[] | null;
}

/** What the editor holds: a session being written, complete or not. */
export interface Draft {
  courseId: string | null;
  title: string;
  format: Format;
  timeZone: string;
  locationId: string | null;
  virtualPlatformId: string | null;
  status: "draft" | "planned";
  maxSeats: number | null;
  notes: string;
  segments: DraftSegment[];
  instructors: DraftAssignment[];
  equipment: DraftEquipment[];
}

export const emptyDraft = (date: string): Draft => ({
  courseId: null,
  title: "",
  format: "ilt",
  timeZone: viewerZone(),
  locationId: null,
  virtualPlatformId: null,
  status: "draft",
  maxSeats: null,
  notes: "",
  segments: [{ start: `${date}T09:00`, end: `${date}T17:00`, roomId: null }],
  instructors: [],
  equipment: [],
});

/** Weekdays from a date on, as many as the course lasts, at the course's hours. */
export function segmentsForCourse(course: Course, firstDate: string, roomId: string | null): DraftSegment[] {
  const segments: DraftSegment[] = [];
  let offset = 0;
  while (segments.length < Math.max(1, course.durationDays) && offset < 60) {
    const day = shiftLocal(`${firstDate}T00:00`, offset).slice(0, 10);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      segments.push({ start: `${day}T${course.dayStartTime}`, end: `${day}T${course.dayEndTime}`, roomId });
    }
    offset++;
  }
  return segments;
}

export function draftFromSession(session: Session): Draft {
  const positions = (ids: string[] | null) =>
    ids === null
      ? null
      : ids.map((id) => session.segments.findIndex((s) => s.id === id)).filter((i) => i >= 0);
  return {
    courseId: session.courseId,
    title: session.titleOverride ?? "",
    format: session.format,
    timeZone: session.timeZone,
    locationId: session.locationId,
    virtualPlatformId: session.virtualPlatformId,
    status: session.status === "draft" ? "draft" : "planned",
    maxSeats: session.maxSeats,
    notes: session.notes ?? "",
    segments: session.segments.map((s) => ({ id: s.id, start: s.start, end: s.end, roomId: s.roomId })),
    instructors: session.instructors
      .filter((a) => a.status === "requested" || a.status === "accepted")
      .map((a) => ({ instructorId: a.instructorId, role: a.role, segments: positions(a.segmentIds) })),
    equipment: session.equipment.map((e) => ({
      equipmentId: e.equipmentId,
      quantity: e.quantity,
      segments: positions(e.segmentIds),
    })),
  };
}

/** The request body for create/check/patch; null while the draft is too incomplete to check. */
export function payloadOf(draft: Draft) {
  if (!draft.courseId || draft.segments.length === 0) return null;
  if (
    draft.segments.some(
      (s) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s.start) || !/T\d{2}:\d{2}$/.test(s.end),
    )
  )
    return null;
  return {
    courseId: draft.courseId,
    title: draft.title.trim() || null,
    format: draft.format,
    timeZone: draft.timeZone,
    locationId: draft.locationId,
    virtualPlatformId: draft.format === "ilt" ? null : draft.virtualPlatformId,
    status: draft.status,
    ...(draft.maxSeats !== null && { maxSeats: draft.maxSeats }),
    notes: draft.notes.trim() || null,
    segments: draft.segments.map((s) => ({
      ...(s.id && { id: s.id }),
      start: s.start,
      end: s.end,
      roomId: draft.format === "vilt" ? null : s.roomId,
    })),
    instructors: draft.instructors
      .filter((a) => a.instructorId)
      .map((a) => ({ instructorId: a.instructorId!, role: a.role, segments: a.segments })),
    equipment: draft.equipment
      .filter((e) => e.equipmentId)
      .map((e) => ({ equipmentId: e.equipmentId!, quantity: e.quantity, segments: e.segments })),
  };
}

export type SessionPayload = NonNullable<ReturnType<typeof payloadOf>>;

// ── suggestions change the draft ────────────────────────────────────────────────────────────

export const replaceInstructor = (draft: Draft, from: string, to: string): Draft => ({
  ...draft,
  instructors: draft.instructors.map((a) => (a.instructorId === from ? { ...a, instructorId: to } : a)),
});

/** The draft with `instructorId` as its only lead (co-trainers and assistants kept). */
export const withLead = (draft: Draft, instructorId: string): Draft => ({
  ...draft,
  instructors: [
    { instructorId, role: "lead", segments: null },
    ...draft.instructors.filter((a) => a.role !== "lead" && a.instructorId !== instructorId),
  ],
});

export const replaceRoom = (draft: Draft, from: string, to: string): Draft => ({
  ...draft,
  segments: draft.segments.map((s) => (s.roomId === from ? { ...s, roomId: to } : s)),
});

export const moveToSlot = (draft: Draft, slot: Suggestions["slots"][number]): Draft => ({
  ...draft,
  segments: draft.segments.map((s, i) => {
    const target = slot.segments[i];
    return target ? { ...s, start: target.start, end: target.end } : s;
  }),
});

/** Did the times change between two drafts (a reschedule, with impact, rather than an edit)? */
export const timesChanged = (a: Draft, b: Draft) =>
  a.timeZone !== b.timeZone ||
  a.segments.length !== b.segments.length ||
  a.segments.some((s, i) => s.start !== b.segments[i]?.start || s.end !== b.segments[i]?.end);
