import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, instantToLocalDate, isoWeekdayOf, startOfLocalDate } from "../time/zoned.js";
import { teachingWindow } from "./conflict-context.js";

const ZONES = [
  "UTC",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "America/New_York",
  "Asia/Kolkata",
  "Europe/Berlin",
];
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
const nextMonthStart = (date: string) => {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
};
const monday = (date: string) => addDays(date, 1 - isoWeekdayOf(date));

describe("teachingWindow", () => {
  it("covers, in every zone, the whole ISO weeks and months the proposal's local dates fall in", () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) });
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 40 * 24 * 60 }),
        fc.constantFrom(...ZONES),
        (start, minutes, zone) => {
          const end = start + minutes * 60_000;
          const window = teachingWindow(start, end);
          const first = instantToLocalDate(start, zone);
          const last = instantToLocalDate(end - 1, zone);
          expect(window.from).toBeLessThanOrEqual(startOfLocalDate(monday(first), zone));
          expect(window.from).toBeLessThanOrEqual(startOfLocalDate(monthStart(first), zone));
          expect(window.to).toBeGreaterThanOrEqual(startOfLocalDate(addDays(monday(last), 7), zone));
          expect(window.to).toBeGreaterThanOrEqual(startOfLocalDate(nextMonthStart(last), zone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("reads about a month for a week's course rather than a quarter", () => {
    const window = teachingWindow(Date.UTC(2027, 4, 10, 8), Date.UTC(2027, 4, 14, 16));
    expect(new Date(window.from).toISOString()).toBe("2027-04-30T00:00:00.000Z");
    expect(new Date(window.to).toISOString()).toBe("2027-06-02T00:00:00.000Z");
  });
});
