import { describe, expect, it } from "vitest";
import {
  at,
  booking,
  context,
  instructor,
  iso,
  proposal,
  room,
  segment,
  weekdays,
} from "../../../../test/engine-fixtures.js";
import { findConflicts } from "./find-conflicts.js";
import { formatSpan } from "./messages.js";
import { CONFLICT_TYPES, severityOf } from "./severity.js";

describe("findConflicts", () => {
  it("keeps 09:00 Berlin on the day the clocks change and orders conflicts by segment, type, resource", () => {
    const segments = [
      segment("mon", "2027-03-29T09:00", "2027-03-29T17:00", { roomId: "room-a" }),
      segment("sun", "2027-03-28T09:00", "2027-03-28T17:00", { roomId: "room-a" }),
    ];
    expect([segments[1]!.start, segments[1]!.end]).toEqual([
      iso("2027-03-28T07:00Z"),
      iso("2027-03-28T15:00Z"),
    ]);
    const ben = instructor({ id: "ben", name: "Ben Okafor", availability: weekdays("08:00", "18:00") });
    const anna = instructor({ maxDaysPerWeek: 1 });
    const world = context({
      instructors: [anna, ben],
      rooms: [room({ capacity: 8 })],
      bookings: [
        booking({
          resourceType: "room",
          resourceId: "room-a",
          start: at("2027-03-29T08:00"),
          end: at("2027-03-29T10:00"),
        }),
        booking({
          resourceType: "instructor",
          resourceId: "ben",
          start: at("2027-03-29T16:00"),
          end: at("2027-03-29T18:00"),
        }),
        ...["2027-03-27", "2027-03-29", "2027-03-30"].map((date) =>
          booking({
            resourceType: "instructor",
            resourceId: "anna",
            start: at(`${date}T12:00`),
            end: at(`${date}T13:00`),
          }),
        ),
      ],
    });
    const checked = proposal({
      segments,
      instructors: [
        { instructorId: "ben", role: "co", segmentKeys: null },
        { instructorId: "anna", role: "lead", segmentKeys: null },
      ],
    });
    const conflicts = findConflicts(checked, world);
    expect(conflicts.map((c) => [c.segmentKey, c.type, c.resource.name])).toEqual([
      ["sun", "instructor_unavailable", "Ben Okafor"],
      ["sun", "room_too_small", "Room A"],
      ["mon", "instructor_double_booked", "Anna Schmidt"],
      ["mon", "instructor_double_booked", "Ben Okafor"],
      ["mon", "room_double_booked", "Room A"],
      [null, "instructor_week_limit", "Anna Schmidt"],
      [null, "instructor_week_limit", "Anna Schmidt"],
    ]);
    expect(conflicts.filter((c) => c.segmentKey === null).map((c) => c.details.period)).toEqual([
      "2027-W12",
      "2027-W13",
    ]);
    expect(findConflicts(checked, world)).toEqual(conflicts);
  });

  it("finds nothing for a proposal that fits", () => {
    expect(
      findConflicts(
        proposal({
          segments: [segment("seg-1", "2027-03-29T09:00", "2027-03-29T17:00", { roomId: "room-a" })],
        }),
        context(),
      ),
    ).toEqual([]);
  });

  it("throws when the context lacks a profile or the proposal a segment it refers to", () => {
    const world = context();
    expect(() =>
      findConflicts(
        proposal({ instructors: [{ instructorId: "zoe", role: "lead", segmentKeys: null }] }),
        world,
      ),
    ).toThrow("The conflict context has no instructor zoe");
    expect(() =>
      findConflicts(
        proposal({
          segments: [segment("seg-1", "2027-03-29T09:00", "2027-03-29T17:00", { roomId: "room-z" })],
        }),
        world,
      ),
    ).toThrow("no room room-z");
    expect(() =>
      findConflicts(
        proposal({ equipment: [{ equipmentId: "beamer", quantity: 1, segmentKeys: null }] }),
        world,
      ),
    ).toThrow("no equipment pool beamer");
    expect(() => findConflicts(proposal({ learnerIds: ["lea"] }), world)).toThrow("no learner lea");
    expect(() =>
      findConflicts(
        proposal({ instructors: [{ instructorId: "anna", role: "lead", segmentKeys: ["seg-9"] }] }),
        world,
      ),
    ).toThrow("The proposal has no segment seg-9");
  });

  it("classifies every type: double bookings, travel and shortages block, the rest warn", () => {
    expect(CONFLICT_TYPES.filter((type) => severityOf(type) === "blocking")).toEqual([
      "instructor_double_booked",
      "instructor_travel_time",
      "room_double_booked",
      "equipment_short",
      "learner_double_booked",
    ]);
    expect(CONFLICT_TYPES).toHaveLength(12);
  });
});

describe("message times", () => {
  it("writes a span within a day, up to midnight, and across days", () => {
    expect(formatSpan({ start: at("2027-03-29T09:00"), end: at("2027-03-29T17:00") }, "Europe/Berlin")).toBe(
      "Mon 29 Mar 2027 09:00–17:00",
    );
    expect(formatSpan({ start: at("2027-03-29T22:00"), end: at("2027-03-30T00:00") }, "Europe/Berlin")).toBe(
      "Mon 29 Mar 2027 22:00–24:00",
    );
    expect(formatSpan({ start: at("2027-03-29T22:00"), end: at("2027-03-30T02:00") }, "Europe/Berlin")).toBe(
      "Mon 29 Mar 2027 22:00 – Tue 30 Mar 2027 02:00",
    );
  });
});
