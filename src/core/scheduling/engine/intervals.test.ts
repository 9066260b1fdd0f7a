import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { booking } from "../../../../test/engine-fixtures.js";
import {
  busySpan,
  clipIntervals,
  createBookingIndex,
  mergeIntervals,
  overlaps,
  subtractIntervals,
} from "./intervals.js";
import type { Interval } from "./types.js";

const i = (start: number, end: number): Interval => ({ start, end });

/** Random intervals on a small integer line, some empty or reversed. */
const intervalsArb = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 12 })).map(([s, d]) => i(s, s + d)),
  { maxLength: 8 },
);
const covers = (intervals: Interval[], x: number) => intervals.some((v) => v.start <= x && x < v.end);
const isSortedDisjoint = (intervals: Interval[]) =>
  intervals.every((v, k) => v.start < v.end && (k === 0 || intervals[k - 1]!.end < v.start));

describe("interval algebra", () => {
  it("treats intervals as half-open: touching ones do not overlap, empty ones overlap nothing", () => {
    expect(overlaps(i(0, 10), i(10, 20))).toBe(false);
    expect(overlaps(i(0, 10), i(9, 20))).toBe(true);
    expect(overlaps(i(0, 10), i(2, 3))).toBe(true);
    expect(overlaps(i(5, 5), i(0, 10))).toBe(false);
  });

  it("merges touching and overlapping intervals in any order", () => {
    expect(mergeIntervals([i(12, 17), i(9, 12), i(20, 21), i(20, 20), i(16, 18)])).toEqual([
      i(9, 18),
      i(20, 21),
    ]);
  });

  it("subtracts holes, including one that spans two pieces", () => {
    expect(subtractIntervals([i(0, 10), i(20, 30)], [i(5, 25)])).toEqual([i(0, 5), i(25, 30)]);
    expect(subtractIntervals([i(0, 10)], [i(0, 2), i(4, 6), i(9, 12)])).toEqual([i(2, 4), i(6, 9)]);
    expect(subtractIntervals([i(0, 10)], [])).toEqual([i(0, 10)]);
    expect(subtractIntervals([i(0, 10)], [i(-5, 15)])).toEqual([]);
    expect(clipIntervals([i(0, 10), i(12, 30)], i(5, 20))).toEqual([i(5, 10), i(12, 20)]);
  });

  it("merge, subtract and clip agree with point membership", () => {
    fc.assert(
      fc.property(intervalsArb, intervalsArb, fc.integer({ min: 0, max: 50 }), (a, b, lo) => {
        const merged = mergeIntervals(a);
        const difference = subtractIntervals(a, b);
        const range = i(lo, lo + 10);
        const clipped = clipIntervals(merged, range);
        expect(isSortedDisjoint(merged) && isSortedDisjoint(difference)).toBe(true);
        const wrong = [];
        for (let x = -1; x <= 60; x++) {
          if (covers(merged, x) !== covers(a, x)) wrong.push(["merge", x]);
          if (covers(difference, x) !== (covers(a, x) && !covers(b, x))) wrong.push(["subtract", x]);
          if (covers(clipped, x) !== (covers(a, x) && x >= lo && x < lo + 10)) wrong.push(["clip", x]);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("booking index", () => {
  it("returns exactly the bookings of one resource that overlap, by start, without the ignored session", () => {
    const resources = ["r1", "r2"] as const;
    const bookingArb = fc
      .record({
        resourceId: fc.constantFrom(...resources),
        resourceType: fc.constantFrom("instructor" as const, "room" as const),
        start: fc.integer({ min: 0, max: 200 }),
        length: fc.integer({ min: 1, max: 60 }),
        setup: fc.integer({ min: 0, max: 5 }),
        sessionId: fc.constantFrom("s1", "s2", "s3"),
      })
      .map(({ length, setup, ...b }) =>
        booking({ ...b, end: b.start + length, busyFrom: b.start - setup, busyTo: b.start + length + setup }),
      );
    fc.assert(
      fc.property(
        fc.array(bookingArb, { maxLength: 30 }),
        fc.integer({ min: -10, max: 260 }),
        fc.integer({ min: 0, max: 40 }),
        (bookings, start, length) => {
          const index = createBookingIndex(bookings, "s3");
          for (const type of ["instructor", "room"] as const) {
            for (const id of resources) {
              const query = i(start, start + length);
              const expected = bookings.filter(
                (b) =>
                  b.resourceType === type &&
                  b.resourceId === id &&
                  b.sessionId !== "s3" &&
                  busySpan(b).start < query.end &&
                  query.start < busySpan(b).end &&
                  query.start < query.end,
              );
              const found = index.overlapping(type, id, query);
              expect(new Set(found)).toEqual(new Set(expected));
              expect(found.map((b) => busySpan(b).start)).toEqual(
                found.map((b) => busySpan(b).start).sort((x, y) => x - y),
              );
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("widens rooms by their buffers and no other resource", () => {
    const room = booking({
      resourceType: "room",
      resourceId: "r",
      start: 100,
      end: 200,
      busyFrom: 70,
      busyTo: 215,
    });
    expect(busySpan(room)).toEqual(i(70, 215));
    expect(busySpan({ ...room, resourceType: "instructor" })).toEqual(i(100, 200));
  });
});
