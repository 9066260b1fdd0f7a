import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkAnna,
  context,
  instructor,
  proposal,
  segment,
  teaching,
} from "../../../../test/engine-fixtures.js";
import { addDays } from "../../time/zoned.js";
import { findConflicts, teachingLimitsBySegment } from "./find-conflicts.js";
import { isoWeekOf, localDatesOf } from "./local-days.js";
import type { Interval } from "./types.js";

const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "Asia/Singapore",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
];
const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** A meeting from a day offset (from the base date) and hour, 1–30 hours long, in a zone. */
const meetingArb = fc.record({
  day: fc.integer({ min: -40, max: 40 }),
  hour: fc.integer({ min: 0, max: 23 }),
  hours: fc.integer({ min: 1, max: 30 }),
  zone: fc.constantFrom(...ZONES),
});
type Meeting = { day: number; hour: number; hours: number; zone: string };
const localOf = (base: string, { day, hour: h, hours }: Meeting) => {
  const endHour = h + hours;
  return [
    `${addDays(base, day)}T${hour(h)}`,
    `${addDays(base, day + Math.floor(endHour / 24))}T${hour(endHour % 24)}`,
  ] as const;
};

/** Anna's zone and limits, proposed meetings, and meetings she teaches already (booked or elsewhere). */
const worldArb = (proposed: fc.Arbitrary<Meeting[]>, mostBooked: number) =>
  fc.record({
    // Around New Year (ISO week-years) and the March and November clock changes.
    base: fc.constantFrom("2027-01-01", "2027-03-28", "2027-11-01", "2026-12-28"),
    zone: fc.constantFrom(...ZONES),
    proposed,
    booked: fc.array(meetingArb, { maxLength: mostBooked }),
    elsewhere: fc.array(meetingArb, { maxLength: 12 }),
    maxDaysPerWeek: fc.option(fc.integer({ min: 0, max: 7 })),
    maxDaysPerMonth: fc.option(fc.integer({ min: 0, max: 25 })),
  });

/** The proposed segments, Anna's bookings and her teaching time elsewhere. */
function annaWorld(world: { base: string; proposed: Meeting[]; booked: Meeting[]; elsewhere: Meeting[] }) {
  const { base, proposed, booked, elsewhere } = world;
  const segments = proposed.map((meeting, index) => {
    const [start, end] = localOf(base, meeting);
    return segment(`seg-${index}`, start, end, { zone: meeting.zone });
  });
  const bookings = booked.map((meeting) => teaching(...localOf(base, meeting), {}, meeting.zone));
  const teachingTime = {
    anna: elsewhere.map((meeting) => {
      const { start, end } = teaching(...localOf(base, meeting), {}, meeting.zone);
      return { start, end };
    }),
  };
  return { segments, bookings, teachingTime };
}

describe("teaching-day limits property", () => {
  it("flags exactly the weeks and months a date-counting oracle finds over the limits", () => {
    fc.assert(
      fc.property(
        worldArb(
          fc.array(
            meetingArb.map((m) => ({ ...m, day: m.day % 10 })),
            { minLength: 1, maxLength: 4 },
          ),
          12,
        ),
        ({ zone, maxDaysPerWeek, maxDaysPerMonth, ...meetings }) => {
          const { segments, bookings, teachingTime } = annaWorld(meetings);
          const options = {
            proposal: { segments },
            anna: { timeZone: zone, maxDaysPerWeek, maxDaysPerMonth },
            bookings,
            teachingTime,
          };
          const found = (type: "instructor_week_limit" | "instructor_month_limit") =>
            checkAnna(type, options).map((c) => [c.details.period, c.details.dates]);

          // Oracle: every local date any teaching touches, grouped by week or month.
          const datesOf = (intervals: Interval[]) => intervals.flatMap((i) => localDatesOf(i, zone));
          const proposedDates = [...new Set(datesOf(segments))].sort();
          const taught = [
            ...new Set([...proposedDates, ...datesOf(bookings), ...datesOf(teachingTime.anna)]),
          ].sort();
          const expected = (limit: number | null, periodOf: (date: string) => string) =>
            limit === null
              ? []
              : [...new Set(proposedDates.map(periodOf))].flatMap((period) => {
                  const dates = taught.filter((date) => periodOf(date) === period);
                  return dates.length > limit ? [[period, dates]] : [];
                });
          expect(found("instructor_week_limit")).toEqual(expected(maxDaysPerWeek, isoWeekOf));
          expect(found("instructor_month_limit")).toEqual(
            expected(maxDaysPerMonth, (date) => date.slice(0, 7)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("per segment, says what the engine says of a proposal of that segment alone", () => {
    fc.assert(
      fc.property(
        worldArb(fc.array(meetingArb, { minLength: 1, maxLength: 8 }), 16),
        ({ zone, maxDaysPerWeek, maxDaysPerMonth, ...meetings }) => {
          const { segments, bookings, teachingTime } = annaWorld(meetings);
          const world = context({
            instructors: [instructor({ timeZone: zone, maxDaysPerWeek, maxDaysPerMonth })],
            bookings,
            teachingTime,
          });
          const perSegment = teachingLimitsBySegment(proposal({ segments }), world).get("anna")!;
          for (const one of segments) {
            const engine = findConflicts(proposal({ segments: [one] }), world)
              .map((c) => c.type)
              .filter((type) => type === "instructor_week_limit" || type === "instructor_month_limit");
            expect(perSegment.get(one.key) ?? []).toEqual([...new Set(engine)]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
