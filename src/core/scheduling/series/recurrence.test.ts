import { describe, expect, it } from "vitest";
import { occurrences, parseRecurrence, type Recurrence } from "./recurrence.js";

const expand = (rule: string, start: string, exceptions: string[] = []) => {
  const recurrence = parseRecurrence(rule);
  if (typeof recurrence === "string") throw new Error(recurrence);
  return occurrences(recurrence as Recurrence, start, exceptions);
};

describe("recurrence", () => {
  it("every Tuesday for 10 weeks, skipping a holiday (which still counts)", () => {
    expect(expand("FREQ=WEEKLY;BYDAY=TU;COUNT=10", "2027-03-02", ["2027-03-23"])).toEqual([
      "2027-03-02",
      "2027-03-09",
      "2027-03-16",
      "2027-03-30",
      "2027-04-06",
      "2027-04-13",
      "2027-04-20",
      "2027-04-27",
      "2027-05-04",
    ]);
  });

  it("weekly on two days every other week until a date", () => {
    expect(expand("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20270325", "2027-03-01")).toEqual([
      "2027-03-01",
      "2027-03-04",
      "2027-03-15",
      "2027-03-18",
    ]);
  });

  it("daily, and monthly on the first Monday, the last Friday and a day of the month", () => {
    expect(expand("FREQ=DAILY;COUNT=3", "2027-12-31")).toEqual(["2027-12-31", "2028-01-01", "2028-01-02"]);
    expect(expand("FREQ=MONTHLY;BYDAY=1MO;COUNT=3", "2027-01-01")).toEqual([
      "2027-01-04",
      "2027-02-01",
      "2027-03-01",
    ]);
    expect(expand("FREQ=MONTHLY;BYDAY=-1FR;COUNT=2", "2027-01-01")).toEqual(["2027-01-29", "2027-02-26"]);
    expect(expand("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", "2027-01-31")).toEqual([
      "2027-01-31",
      "2027-03-31",
      "2027-05-31",
    ]);
  });

  it("refuses what it cannot do, naming the part", () => {
    expect(parseRecurrence("FREQ=YEARLY;COUNT=2")).toContain("FREQ=YEARLY");
    expect(parseRecurrence("FREQ=WEEKLY")).toContain("COUNT or UNTIL");
    expect(parseRecurrence("FREQ=WEEKLY;COUNT=2;BYHOUR=9")).toContain("BYHOUR");
    expect(parseRecurrence("FREQ=WEEKLY;COUNT=2;BYDAY=XX")).toContain("BYDAY=XX");
  });
});
