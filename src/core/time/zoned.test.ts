import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  addDays,
  dateOfDayNumber,
  dayNumberOf,
  instantToIso,
  instantToLocal,
  isoWeekdayOf,
  localToInstant,
  nextOffsetChange,
  offsetAt,
  parseTimePoint,
  startOfLocalDate,
} from "./zoned.js";

describe("zoned time", () => {
  it("keeps 09:00 local across the Berlin spring-forward day", () => {
    const before = localToInstant("2027-03-27T09:00", "Europe/Berlin");
    const on = localToInstant("2027-03-28T09:00", "Europe/Berlin");
    expect(new Date(before).toISOString()).toBe("2027-03-27T08:00:00.000Z");
    expect(new Date(on).toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(on - before).toBe(23 * 3600_000);
  });

  it("moves a skipped time forward and takes the earlier of an ambiguous one", () => {
    expect(instantToLocal(localToInstant("2027-03-14T02:30", "America/New_York"), "America/New_York")).toBe(
      "2027-03-14T03:30",
    );
    const ambiguous = localToInstant("2027-11-07T01:30", "America/New_York");
    expect(new Date(ambiguous).toISOString()).toBe("2027-11-07T05:30:00.000Z");
  });

  it("starts a day at its first instant", () => {
    expect(new Date(startOfLocalDate("2027-07-01", "Asia/Tokyo")).toISOString()).toBe(
      "2027-06-30T15:00:00.000Z",
    );
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
  });

  it("round-trips every local minute that exists, in several zones", () => {
    const zones = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }),
        (zone, minute) => {
          const ms = minute * 60_000;
          const local = instantToLocal(ms, zone);
          const back = localToInstant(local, zone);
          // Ambiguous (repeated) local times map to the earlier instant; otherwise exact.
          expect(back <= ms && ms - back <= 3600_000).toBe(true);
          expect(instantToLocal(back, zone)).toBe(local);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("parses dates, local date-times and instants, and refuses the rest", () => {
    expect(parseTimePoint("2027-02-28")).toEqual({ kind: "date", date: "2027-02-28" });
    expect(parseTimePoint("2027-02-28T09:00")).toEqual({ kind: "local", local: "2027-02-28T09:00:00" });
    expect(parseTimePoint("2027-02-28T09:00:00Z")).toEqual({ kind: "instant", ms: Date.UTC(2027, 1, 28, 9) });
    expect(parseTimePoint("2027-02-28T09:00+01:00")).toEqual({
      kind: "instant",
      ms: Date.UTC(2027, 1, 28, 8),
    });
    expect(parseTimePoint("2027-02-30T09:00")).toBeUndefined();
    expect(parseTimePoint("2027-02-30")).toBeUndefined();
    expect(parseTimePoint("tomorrow")).toBeUndefined();
  });
});

describe("zoned time agrees with Temporal", () => {
  const zones = [
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/Havana",
    "Asia/Beirut",
    "UTC",
  ];

  it("instant → local for random instants", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (zone, ms) => {
          const expected = Temporal.Instant.fromEpochMilliseconds(ms)
            .toZonedDateTimeISO(zone)
            .toPlainDateTime()
            .toString({ smallestUnit: "minute" });
          expect(instantToLocal(ms, zone)).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("local → instant with compatible disambiguation, including gaps and repeats", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1) / 900_000, max: Date.UTC(2035, 0, 1) / 900_000 }),
        (zone, quarter) => {
          const local = new Date(quarter * 900_000).toISOString().slice(0, 16);
          const expected = Temporal.PlainDateTime.from(local).toZonedDateTime(zone, {
            disambiguation: "compatible",
          }).epochMilliseconds;
          expect(localToInstant(local, zone)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("start of day where midnight is skipped, and weekdays", () => {
    expect(new Date(startOfLocalDate("2022-09-11", "America/Santiago")).toISOString()).toBe(
      "2022-09-11T04:00:00.000Z",
    );
    expect(isoWeekdayOf("2027-03-29")).toBe(1);
    expect(isoWeekdayOf("2027-03-28")).toBe(7);
  });
});

describe("calendar arithmetic agrees with Date and Temporal", () => {
  const firstDay = -719_162; // 0001-01-01
  const lastDay = 2_932_896; // 9999-12-31
  const anyDay = fc.integer({ min: firstDay, max: lastDay });

  it("day numbers, dates, weekdays and added days", () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -800, max: 800 }), (dayNumber, days) => {
        const date = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        expect(dateOfDayNumber(dayNumber)).toBe(date);
        expect(dayNumberOf(date)).toBe(dayNumber);
        expect(isoWeekdayOf(date)).toBe(Temporal.PlainDate.from(date).dayOfWeek);
        const later = dayNumber + days;
        if (later >= firstDay && later <= lastDay) {
          expect(addDays(date, days)).toBe(Temporal.PlainDate.from(date).add({ days }).toString());
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("offsets and the next change, over two centuries", () => {
    const zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2150, 0, 1) }),
        (zone, ms) => {
          const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
          expect(offsetAt(ms, zone)).toBe(zoned.offsetNanoseconds / 1e6);
          // The next change is the next transition, or a re-check point before it with no change in between.
          const change = nextOffsetChange(ms, zone);
          const transition =
            zoned.getTimeZoneTransition("next")?.epochMilliseconds ?? Number.POSITIVE_INFINITY;
          expect(change > ms && change <= transition).toBe(true);
          if (change < transition) expect(offsetAt(change, zone)).toBe(offsetAt(ms, zone));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("formats instants exactly as Date.toISOString, inside and outside the fast range", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 253_402_300_799_999 }),
          fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }),
          fc.constantFrom(
            0,
            86_399_999,
            86_400_000,
            951_782_400_000,
            253_402_300_799_999,
            253_402_300_800_000,
            -1,
          ),
        ),
        (ms) => {
          expect(instantToIso(ms)).toBe(new Date(ms).toISOString());
        },
      ),
      { numRuns: 5000 },
    );
  });
});
