import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  at,
  BERLIN,
  context,
  coveredByWallClock,
  instructor,
  iso,
  NEW_YORK,
  proposal,
  segment,
  weekdays,
} from "../../../../test/engine-fixtures.js";
import { instantToLocal, startOfLocalDate } from "../../time/zoned.js";
import { availabilityWindows, outsideAvailability } from "./availability.js";
import { findConflicts } from "./find-conflicts.js";
import { gridDatesOf, isoWeekOf, localDatesOf, localDayGrid, monthEndOf } from "./local-days.js";
import type { AvailabilityRule, Interval, ProposedSegment } from "./types.js";

const rule = (
  weekday: number,
  startTime: string,
  endTime: string,
  valid: Partial<AvailabilityRule> = {},
) => ({
  weekday,
  startTime,
  endTime,
  validFrom: null,
  validUntil: null,
  ...valid,
});

const span = (start: string, end: string): Interval => ({ start: iso(start), end: iso(end) });

/** The instructor_unavailable conflicts of one segment (local times) for an instructor with these rules. */
const unavailable = (
  rules: AvailabilityRule[],
  zone: string,
  start: string,
  end: string,
  sessionZone = BERLIN,
) => unavailableAt(rules, zone, segment("seg-1", start, end, { zone: sessionZone }), sessionZone);

function unavailableAt(
  rules: AvailabilityRule[],
  zone: string,
  checked: ProposedSegment,
  sessionZone: string,
) {
  const check = proposal({ timeZone: sessionZone, segments: [checked] });
  return findConflicts(
    check,
    context({ instructors: [instructor({ timeZone: zone, availability: rules })] }),
  ).filter((c) => c.type === "instructor_unavailable");
}

describe("availability in the instructor's own zone", () => {
  const newYorkWeekdays = weekdays("08:00", "18:00");

  it("keeps 09:00–17:00 Berlin on the spring-forward day at 07:00–15:00Z", () => {
    const sunday = segment("seg-1", "2027-03-28T09:00", "2027-03-28T17:00");
    expect([sunday.start, sunday.end]).toEqual([iso("2027-03-28T07:00Z"), iso("2027-03-28T15:00Z")]);
    expect(unavailable([rule(7, "09:00", "17:00")], BERLIN, "2027-03-28T09:00", "2027-03-28T17:00")).toEqual(
      [],
    );
    expect(
      availabilityWindows(
        [rule(7, "09:00", "17:00")],
        BERLIN,
        span("2027-03-27T00:00Z", "2027-03-29T00:00Z"),
      ),
    ).toEqual([span("2027-03-28T07:00Z", "2027-03-28T15:00Z")]);
  });

  it("reads a New York instructor's Mon–Fri 08:00–18:00 in New York time for a Berlin session", () => {
    // 29 Mar 2027: Berlin is UTC+2, New York UTC−4, six hours apart.
    expect(unavailable(newYorkWeekdays, NEW_YORK, "2027-03-29T14:00", "2027-03-29T17:00")).toEqual([]);
    const [early] = unavailable(newYorkWeekdays, NEW_YORK, "2027-03-29T09:00", "2027-03-29T12:00");
    expect(early).toMatchObject({
      severity: "warning",
      segmentKey: "seg-1",
      message:
        "Anna Schmidt is outside their weekly availability on Mon 29 Mar 2027 09:00–12:00 " +
        "(Europe/Berlin; Mon 29 Mar 2027 03:00–06:00 America/New_York).",
      details: {
        instructorTimeZone: NEW_YORK,
        outside: [{ startsAt: "2027-03-29T07:00:00.000Z", endsAt: "2027-03-29T10:00:00.000Z" }],
      },
    });
  });

  it("follows the US clock change on 14 Mar 2027, when Berlin and New York are five hours apart", () => {
    // 13:00–16:00 Berlin is 07:00–10:00 in New York before 14 Mar and after 28 Mar, 08:00–11:00 between.
    expect(unavailable(newYorkWeekdays, NEW_YORK, "2027-03-08T13:00", "2027-03-08T16:00")).toHaveLength(1);
    expect(unavailable(newYorkWeekdays, NEW_YORK, "2027-03-15T13:00", "2027-03-15T16:00")).toEqual([]);
    expect(unavailable(newYorkWeekdays, NEW_YORK, "2027-03-29T13:00", "2027-03-29T16:00")).toHaveLength(1);
  });

  it("checks both local days of a segment across the instructor's midnight", () => {
    // Singapore 10:00–14:00 on Tue 30 Mar is Mon 22:00 – Tue 02:00 in New York.
    const singapore = ["2027-03-30T10:00", "2027-03-30T14:00", "Asia/Singapore"] as const;
    const lateMonday = rule(1, "20:00", "24:00");
    expect(unavailable([lateMonday, rule(2, "00:00", "03:00")], NEW_YORK, ...singapore)).toEqual([]);
    const [conflict] = unavailable([lateMonday], NEW_YORK, ...singapore);
    expect(conflict?.details.outside).toEqual([
      { startsAt: "2027-03-30T04:00:00.000Z", endsAt: "2027-03-30T06:00:00.000Z" },
    ]);
    expect(conflict?.message).toBe(
      "Anna Schmidt is outside their weekly availability on Tue 30 Mar 2027 12:00–14:00 " +
        "(Asia/Singapore; Tue 30 Mar 2027 00:00–02:00 America/New_York).",
    );
  });

  it("joins adjacent windows and reports only the uncovered part", () => {
    const split = [rule(1, "09:00", "12:00"), rule(1, "12:00", "17:00")];
    expect(unavailable(split, BERLIN, "2027-03-29T09:00", "2027-03-29T17:00")).toEqual([]);
    expect(
      outsideAvailability(split, BERLIN, { start: at("2027-03-29T08:00"), end: at("2027-03-29T17:30") }),
    ).toEqual([
      { start: at("2027-03-29T08:00"), end: at("2027-03-29T09:00") },
      { start: at("2027-03-29T17:00"), end: at("2027-03-29T17:30") },
    ]);
  });

  it("applies a rule from validFrom to validUntil inclusive, on the instructor's local date", () => {
    const march = [rule(1, "08:00", "18:00", { validFrom: "2027-03-29", validUntil: "2027-04-05" })];
    expect(unavailable(march, BERLIN, "2027-03-29T09:00", "2027-03-29T17:00")).toEqual([]);
    expect(unavailable(march, BERLIN, "2027-04-05T09:00", "2027-04-05T17:00")).toEqual([]);
    expect(unavailable(march, BERLIN, "2027-03-22T09:00", "2027-03-22T17:00")).toHaveLength(1);
    expect(unavailable(march, BERLIN, "2027-04-12T09:00", "2027-04-12T17:00")).toHaveLength(1);
    // 01:00–03:00 Berlin on Tue 30 Mar is still Mon 29 Mar in New York, where the rule holds.
    const newYorkMonday = [rule(1, "18:00", "24:00", { validFrom: "2027-03-29", validUntil: "2027-03-29" })];
    expect(unavailable(newYorkMonday, NEW_YORK, "2027-03-30T01:00", "2027-03-30T03:00")).toEqual([]);
  });

  it("is always available without rules, and never when no rule applies", () => {
    const range = span("2027-03-29T00:00Z", "2027-04-05T00:00Z");
    expect(availabilityWindows([], NEW_YORK, range)).toEqual([range]);
    expect(
      availabilityWindows([rule(1, "08:00", "18:00", { validUntil: "2026-12-31" })], NEW_YORK, range),
    ).toEqual([]);
    expect(
      unavailable([rule(6, "08:00", "18:00")], BERLIN, "2027-03-29T09:00", "2027-03-29T10:00"),
    ).toHaveLength(1);
  });

  it("maps rule bounds inside a skipped or repeated hour to the instants that wall clock shows", () => {
    // Berlin skips 02:00–03:00 on 28 Mar: "until 02:30" ends when the clock jumps to 03:00.
    expect(
      availabilityWindows(
        [rule(7, "01:00", "02:30")],
        BERLIN,
        span("2027-03-27T12:00Z", "2027-03-28T12:00Z"),
      ),
    ).toEqual([span("2027-03-28T00:00Z", "2027-03-28T01:00Z")]);
    // Berlin shows 02:00–03:00 twice on 31 Oct: 02:15–02:45 happens twice.
    expect(
      availabilityWindows(
        [rule(7, "02:15", "02:45")],
        BERLIN,
        span("2027-10-30T12:00Z", "2027-10-31T12:00Z"),
      ),
    ).toEqual([
      span("2027-10-31T00:15Z", "2027-10-31T00:45Z"),
      span("2027-10-31T01:15Z", "2027-10-31T01:45Z"),
    ]);
    // Santiago's 5 Sep 2027 starts at 01:00 (midnight is skipped); the day has 23 hours.
    const santiago = "America/Santiago";
    const day = {
      start: startOfLocalDate("2027-09-05", santiago),
      end: startOfLocalDate("2027-09-06", santiago),
    };
    expect(
      availabilityWindows(
        [rule(7, "00:00", "24:00")],
        santiago,
        span("2027-09-04T00:00Z", "2027-09-07T00:00Z"),
      ),
    ).toEqual([day]);
    expect(day.end - day.start).toBe(23 * 3600_000);
  });
});

// Property (c): the engine's coverage equals a wall-clock oracle on every 15-minute step.
const ZONES = [
  BERLIN,
  NEW_YORK,
  "Asia/Singapore",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "America/Santiago",
  "UTC",
];
const DST_DATES = [
  "2027-03-14",
  "2027-03-28",
  "2027-04-03",
  "2027-09-05",
  "2027-10-03",
  "2027-10-31",
  "2027-11-07",
];
const QUARTER = 15 * 60_000;

const clock = (quarters: number) =>
  `${String(Math.floor(quarters / 4)).padStart(2, "0")}:${String((quarters % 4) * 15).padStart(2, "0")}`;
const nearDate = (base: string) =>
  fc.option(
    fc
      .integer({ min: -3, max: 3 })
      .map((days) => new Date(Date.parse(base) + days * 86_400_000).toISOString().slice(0, 10)),
    { nil: null },
  );

const scenarioArb = fc.constantFrom(...DST_DATES).chain((base) =>
  fc.record({
    base: fc.constant(base),
    zone: fc.constantFrom(...ZONES),
    sessionZone: fc.constantFrom(...ZONES),
    rules: fc.array(
      fc
        .record({
          weekday: fc.integer({ min: 1, max: 7 }),
          from: fc.integer({ min: 0, max: 95 }),
          length: fc.integer({ min: 1, max: 96 }),
          validFrom: nearDate(base),
          validUntil: nearDate(base),
        })
        .map(({ weekday, from, length, validFrom, validUntil }) =>
          rule(weekday, clock(from), clock(Math.min(96, from + length)), { validFrom, validUntil }),
        ),
      { minLength: 1, maxLength: 6 },
    ),
    startQuarter: fc.integer({ min: -96, max: 3 * 96 }),
    lengthQuarters: fc.integer({ min: 1, max: 96 }),
  }),
);

describe("availability property", () => {
  it("reports instructor_unavailable exactly when a wall-clock oracle finds an uncovered quarter hour", () => {
    fc.assert(
      fc.property(scenarioArb, ({ base, zone, sessionZone, rules, startQuarter, lengthQuarters }) => {
        const start = startOfLocalDate(base, sessionZone) + startQuarter * QUARTER;
        const end = start + lengthQuarters * QUARTER;
        const outside = outsideAvailability(rules, zone, { start, end });
        const mismatches: number[] = [];
        let anyUncovered = false;
        for (let t = start; t < end; t += QUARTER) {
          const uncovered = !coveredByWallClock(rules, zone, t);
          anyUncovered ||= uncovered;
          if (uncovered !== outside.some((o) => o.start <= t && t < o.end)) mismatches.push(t);
        }
        expect(mismatches).toEqual([]);
        // Built from instants: local times are ambiguous in a repeated hour.
        const checked = {
          key: "seg-1",
          start,
          end,
          startLocal: instantToLocal(start, sessionZone),
          endLocal: instantToLocal(end, sessionZone),
          roomId: null,
        };
        const reported = unavailableAt(rules, zone, checked, sessionZone);
        expect(reported.length > 0).toBe(anyUncovered);
      }),
      { numRuns: 300 },
    );
  });
});

describe("local days", () => {
  it("names ISO weeks by their week-year and finds month ends", () => {
    expect(isoWeekOf("2027-01-01")).toBe("2026-W53");
    expect(isoWeekOf("2027-03-29")).toBe("2027-W13");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(monthEndOf("2028-02-10")).toBe("2028-02-29");
  });

  it("builds a day grid that places instants on the same dates as a zone lookup, across DST changes", () => {
    const zones = [
      "Europe/Berlin",
      "America/New_York",
      "America/Santiago",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom("2027-03-01", "2027-08-20", "2027-10-15"),
        fc.integer({ min: 0, max: 40 * 96 }),
        fc.integer({ min: 1, max: 3 * 96 }),
        (zone, first, fromQuarter, lengthQuarters) => {
          const grid = localDayGrid(first, "2027-04-15" > first ? "2027-04-15" : "2027-11-30", zone);
          grid.dates.forEach((date, i) => {
            expect(grid.starts[i]).toBe(startOfLocalDate(date, zone));
          });
          const start = grid.starts[0]! + fromQuarter * 15 * 60_000;
          const interval = { start, end: start + lengthQuarters * 15 * 60_000 };
          const last = grid.starts[grid.starts.length - 1]!;
          const expected = localDatesOf({ start, end: Math.min(interval.end, last) }, zone);
          expect(gridDatesOf(grid, interval)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
