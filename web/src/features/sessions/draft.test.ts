import { describe, expect, it } from "vitest";
import type { Course, Session } from "../../api/types";
import { shiftLocal } from "../../components/time";
import {
  type Draft,
  draftFromSession,
  emptyDraft,
  moveToSlot,
  payloadOf,
  replaceInstructor,
  replaceRoom,
  segmentsForCourse,
  timesChanged,
} from "./draft";

const draft = (patch: Partial<Draft> = {}): Draft => ({
  ...emptyDraft("2027-03-01"),
  courseId: "course-1",
  timeZone: "Europe/Berlin",
  segments: [
    { start: "2027-03-01T09:00", end: "2027-03-01T17:00", roomId: "room-a" },
    { start: "2027-03-02T09:00", end: "2027-03-02T17:00", roomId: "room-b" },
  ],
  instructors: [
    { instructorId: "anna", role: "lead", segments: null },
    { instructorId: "ben", role: "co", segments: [1] },
  ],
  ...patch,
});

describe("session drafts", () => {
  it("is not checked until it has a course and well-formed times", () => {
    expect(payloadOf(emptyDraft("2027-03-01"))).toBeNull();
    expect(
      payloadOf(draft({ segments: [{ start: "2027-03-01T", end: "2027-03-01T17:00", roomId: null }] })),
    ).toBeNull();
    const payload = payloadOf(
      draft({ instructors: [{ instructorId: null, role: "lead", segments: null }] }),
    )!;
    expect(payload.instructors).toEqual([]);
    expect(payload.segments[0]).toEqual({
      start: "2027-03-01T09:00",
      end: "2027-03-01T17:00",
      roomId: "room-a",
    });
  });

  it("drops rooms from virtual sessions and the platform from in-person ones", () => {
    const virtual = payloadOf(draft({ format: "vilt", virtualPlatformId: "zoom" }))!;
    expect(virtual.segments.map((s) => s.roomId)).toEqual([null, null]);
    expect(virtual.virtualPlatformId).toBe("zoom");
    expect(payloadOf(draft({ format: "ilt", virtualPlatformId: "zoom" }))!.virtualPlatformId).toBeNull();
  });

  it("applies suggestions: another instructor, another room, or a free slot", () => {
    const swapped = replaceInstructor(draft(), "anna", "carl");
    expect(swapped.instructors.map((a) => a.instructorId)).toEqual(["carl", "ben"]);
    expect(swapped.instructors[0]!.role).toBe("lead");
    const moved = replaceRoom(draft(), "room-b", "room-c");
    expect(moved.segments.map((s) => s.roomId)).toEqual(["room-a", "room-c"]);
    const slot = moveToSlot(draft(), {
      shiftDays: 7,
      segments: [
        { start: "2027-03-08T09:00", end: "2027-03-08T17:00", startsAt: "", endsAt: "" },
        { start: "2027-03-09T09:00", end: "2027-03-09T17:00", startsAt: "", endsAt: "" },
      ],
    });
    expect(slot.segments.map((s) => s.start)).toEqual(["2027-03-08T09:00", "2027-03-09T09:00"]);
    expect(slot.segments.map((s) => s.roomId)).toEqual(["room-a", "room-b"]);
    expect(timesChanged(draft(), slot)).toBe(true);
    expect(timesChanged(draft(), moved)).toBe(false);
  });

  it("lays a course out on weekdays at its hours", () => {
    const course = { durationDays: 3, dayStartTime: "08:30", dayEndTime: "16:00" } as Course;
    // Thursday 2027-03-04: Thursday, Friday, then Monday.
    expect(segmentsForCourse(course, "2027-03-04", "room-a").map((s) => s.start)).toEqual([
      "2027-03-04T08:30",
      "2027-03-05T08:30",
      "2027-03-08T08:30",
    ]);
  });

  it("reads a session back with assignment segments as positions and only active assignments", () => {
    const session = {
      courseId: "course-1",
      titleOverride: null,
      format: "ilt",
      timeZone: "Europe/Berlin",
      locationId: "site",
      virtualPlatformId: null,
      status: "confirmed",
      maxSeats: 12,
      notes: null,
      segments: [
        { id: "s1", start: "2027-03-01T09:00", end: "2027-03-01T17:00", roomId: "room-a" },
        { id: "s2", start: "2027-03-02T09:00", end: "2027-03-02T17:00", roomId: "room-a" },
      ],
      instructors: [
        { instructorId: "anna", role: "lead", segmentIds: ["s2"], status: "accepted" },
        { instructorId: "old", role: "co", segmentIds: null, status: "declined" },
      ],
      equipment: [{ equipmentId: "laptops", quantity: 5, segmentIds: null }],
    } as unknown as Session;
    const read = draftFromSession(session);
    expect(read.status).toBe("planned");
    expect(read.instructors).toEqual([{ instructorId: "anna", role: "lead", segments: [1] }]);
    expect(read.segments[1]).toMatchObject({ id: "s2" });
    expect(payloadOf(read)!.equipment).toEqual([{ equipmentId: "laptops", quantity: 5, segments: null }]);
  });

  it("shifts local date-times by calendar days across month ends", () => {
    expect(shiftLocal("2027-02-27T09:00", 3)).toBe("2027-03-02T09:00");
    expect(shiftLocal("2027-03-01T23:30", -1)).toBe("2027-02-28T23:30");
  });
});
