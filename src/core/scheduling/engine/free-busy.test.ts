import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  at,
  booking,
  coveredByWallClock,
  instructor,
  NEW_YORK,
  room,
  weekdays,
} from "../../../../test/engine-fixtures.js";
import { availabilityWindows, instructorFreeBusy, roomFreeBusy } from "./free-busy.js";
import type { Interval } from "./types.js";

const ny = (local: string) => at(local, NEW_YORK);
const span = (from: string, to: string): Interval => ({ start: ny(from), end: ny(to) });

describe("instructor free/busy", () => {
  const anna = instructor({
    timeZone: NEW_YORK,
    availability: weekdays("08:00", "18:00"),
    timeOff: [{ ...span("2027-03-30T00:00", "2027-03-31T00:00"), reason: "Dentist" }],
  });
  const range = span("2027-03-29T00:00", "2027-03-31T00:00");

  it("lists teaching and time off in the range, and the availability left around them", () => {
    const bookings = [
      booking({
        resourceType: "instructor",
        resourceId: "anna",
        sessionId: "s-1",
        ...span("2027-03-29T10:00", "2027-03-29T12:00"),
      }),
      booking({ resourceType: "room", resourceId: "anna", ...span("2027-03-29T13:00", "2027-03-29T14:00") }),
      booking({
        resourceType: "instructor",
        resourceId: "ben",
        ...span("2027-03-29T13:00", "2027-03-29T14:00"),
      }),
    ];
    expect(instructorFreeBusy(anna, bookings, range)).toEqual({
      busy: [
        { ...span("2027-03-29T10:00", "2027-03-29T12:00"), reason: "teaching", sessionId: "s-1" },
        { ...span("2027-03-30T00:00", "2027-03-31T00:00"), reason: "time_off" },
      ],
      available: [span("2027-03-29T08:00", "2027-03-29T10:00"), span("2027-03-29T12:00", "2027-03-29T18:00")],
    });
  });

  it("clips what reaches beyond the range and, without rules, offers the whole range", () => {
    const overnight = booking({
      resourceType: "instructor",
      resourceId: "anna",
      sessionId: "s-2",
      ...span("2027-03-28T22:00", "2027-03-29T02:00"),
    });
    const always = instructor({ timeZone: NEW_YORK });
    expect(instructorFreeBusy(always, [overnight], range)).toEqual({
      busy: [{ ...span("2027-03-29T00:00", "2027-03-29T02:00"), reason: "teaching", sessionId: "s-2" }],
      available: [span("2027-03-29T02:00", "2027-03-31T00:00")],
    });
    expect(availabilityWindows([], NEW_YORK, range)).toEqual([range]);
  });
});

describe("room free/busy", () => {
  it("counts setup and teardown as busy", () => {
    const taken = booking({
      resourceType: "room",
      resourceId: "room-a",
      sessionId: "s-1",
      ...span("2027-03-29T09:00", "2027-03-29T17:00"),
      busyFrom: ny("2027-03-29T08:30"),
      busyTo: ny("2027-03-29T17:15"),
    });
    const day = span("2027-03-29T00:00", "2027-03-30T00:00");
    expect(roomFreeBusy(room(), [taken], day)).toEqual({
      busy: [{ ...span("2027-03-29T08:30", "2027-03-29T17:15"), sessionId: "s-1" }],
      free: [span("2027-03-29T00:00", "2027-03-29T08:30"), span("2027-03-29T17:15", "2027-03-30T00:00")],
    });
  });
});

describe("free/busy properties", () => {
  const HOUR = 3600_000;
  const origin = ny("2027-03-12T00:00"); // spans the US clock change on 14 Mar
  const hoursArb = fc.record({
    from: fc.integer({ min: -24, max: 24 * 6 }),
    length: fc.integer({ min: 1, max: 30 }),
  });
  const toInterval = ({ from, length }: { from: number; length: number }) => ({
    start: origin + from * HOUR,
    end: origin + (from + length) * HOUR,
  });
  const inside = (intervals: Interval[], t: number) => intervals.some((i) => i.start <= t && t < i.end);

  it("never offers time outside the range or inside a booking, and offers all other available time", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            weekday: fc.integer({ min: 1, max: 7 }),
            from: fc.integer({ min: 0, max: 23 }),
            length: fc.integer({ min: 1, max: 24 }),
          }),
          { maxLength: 5 },
        ),
        fc.array(hoursArb, { maxLength: 6 }),
        fc.array(hoursArb, { maxLength: 2 }),
        hoursArb,
        (ruleSpecs, bookingSpecs, timeOffSpecs, rangeSpec) => {
          const rules = ruleSpecs.map(({ weekday, from, length }) => ({
            weekday,
            startTime: `${String(from).padStart(2, "0")}:00`,
            endTime: `${String(Math.min(24, from + length)).padStart(2, "0")}:00`,
            validFrom: null,
            validUntil: null,
          }));
          const profile = instructor({
            timeZone: NEW_YORK,
            availability: rules,
            timeOff: timeOffSpecs.map((spec) => ({ ...toInterval(spec), reason: null })),
          });
          const bookings = bookingSpecs.map((spec) =>
            booking({ resourceType: "instructor", resourceId: "anna", ...toInterval(spec) }),
          );
          const range = {
            start: toInterval(rangeSpec).start,
            end: toInterval(rangeSpec).start + rangeSpec.length * 5 * HOUR,
          };
          const { busy, available } = instructorFreeBusy(profile, bookings, range);
          const wrong: number[] = [];
          for (let t = range.start - 2 * HOUR; t < range.end + 2 * HOUR; t += HOUR) {
            const inRange = range.start <= t && t < range.end;
            const booked =
              bookings.some((b) => b.start <= t && t < b.end) ||
              profile.timeOff.some((o) => o.start <= t && t < o.end);
            if (inside(busy, t) !== (inRange && booked)) wrong.push(t);
            if (
              inside(available, t) !==
              (inRange && !booked && (rules.length === 0 || coveredByWallClock(rules, NEW_YORK, t)))
            )
              wrong.push(t);
          }
          expect(wrong).toEqual([]);

          const roomBookings = bookings.map((b) => ({
            ...b,
            resourceType: "room" as const,
            resourceId: "room-a",
            busyFrom: b.start - HOUR,
            busyTo: b.end,
          }));
          const rooms = roomFreeBusy(room(), roomBookings, range);
          const freeWrong: number[] = [];
          for (let t = range.start - 2 * HOUR; t < range.end + 2 * HOUR; t += HOUR) {
            const inRange = range.start <= t && t < range.end;
            const taken = roomBookings.some((b) => b.busyFrom <= t && t < b.busyTo);
            if (inside(rooms.free, t) !== (inRange && !taken) || inside(rooms.busy, t) !== (inRange && taken))
              freeWrong.push(t);
          }
          expect(freeWrong).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
