import { describe, expect, it } from "vitest";
import { checkAnna, NEW_YORK, segment, teaching } from "../../../../test/engine-fixtures.js";

describe("instructor qualification", () => {
  const sql = (validFrom: string | null, validUntil: string | null) => ({
    courseId: null,
    skill: "sql",
    validFrom,
    validUntil,
  });

  it("accepts a skill valid through the segment's date (validUntil is inclusive) and not a day later", () => {
    expect(
      checkAnna("instructor_unqualified", { anna: { qualifications: [sql(null, "2027-03-29")] } }),
    ).toEqual([]);
    const [expired] = checkAnna("instructor_unqualified", {
      anna: { qualifications: [sql("2025-01-01", "2027-03-28")] },
    });
    expect(expired).toMatchObject({
      severity: "warning",
      segmentKey: "seg-1",
      message:
        "Anna Schmidt has no valid qualification for SQL-101 on 2027-03-29: missing skill sql (expired 2027-03-28).",
      details: { date: "2027-03-29", role: "lead", missing: [{ skill: "sql", expired: "2027-03-28" }] },
    });
    const [early] = checkAnna("instructor_unqualified", {
      anna: { qualifications: [sql("2027-03-30", null)] },
    });
    expect(early?.message).toContain("missing skill sql (valid from 2027-03-30)");
  });

  it("judges each segment on its own session-local date", () => {
    // 08:00 in Tokyo on 30 Mar is still 29 Mar in Berlin; the session's date is what counts.
    const tokyo = {
      timeZone: "Asia/Tokyo",
      segments: [segment("seg-1", "2027-03-30T08:00", "2027-03-30T12:00", { zone: "Asia/Tokyo" })],
    };
    const [conflict] = checkAnna("instructor_unqualified", {
      proposal: tokyo,
      anna: { qualifications: [sql(null, "2027-03-29")] },
    });
    expect(conflict?.details.date).toBe("2027-03-30");
  });

  it("needs every required skill, or a valid qualification for the course itself", () => {
    const requires = ["sql", "postgres"];
    expect(checkAnna("instructor_unqualified", { requires })[0]?.message).toBe(
      "Anna Schmidt has no valid qualification for SQL-101 on 2027-03-29: missing skill postgres.",
    );
    const none = checkAnna("instructor_unqualified", {
      requires,
      anna: { qualifications: [sql(null, "2027-01-31")] },
    });
    expect(none[0]?.message).toBe(
      "Anna Schmidt has no valid qualification for SQL-101 on 2027-03-29: missing skills sql (expired 2027-01-31) and postgres.",
    );
    const forCourse = { courseId: "course-sql", skill: null, validFrom: null, validUntil: null };
    expect(checkAnna("instructor_unqualified", { requires, anna: { qualifications: [forCourse] } })).toEqual(
      [],
    );
    const expiredCourse = { ...forCourse, validUntil: "2026-12-31" };
    expect(
      checkAnna("instructor_unqualified", { anna: { qualifications: [expiredCourse] } })[0]?.message,
    ).toBe(
      "Anna Schmidt has no valid qualification for SQL-101 on 2027-03-29: missing skill sql; " +
        "their SQL-101 qualification expired 2026-12-31.",
    );
  });

  it("exempts assistants, holds co-instructors to it, and lets anyone teach a course that requires nothing", () => {
    const as = (role: "assistant" | "co") => ({
      instructors: [{ instructorId: "anna", role, segmentKeys: null }],
    });
    const anna = { qualifications: [] };
    expect(checkAnna("instructor_unqualified", { proposal: as("assistant"), anna })).toEqual([]);
    expect(checkAnna("instructor_unqualified", { proposal: as("co"), anna })).toHaveLength(1);
    expect(checkAnna("instructor_unqualified", { anna, requires: [] })).toEqual([]);
  });
});

describe("teaching-day limits", () => {
  // ISO week 2027-W13 runs from Mon 29 Mar to Sun 4 Apr.
  const days = (...dates: string[]) => dates.map((date) => teaching(`${date}T09:00`, `${date}T12:00`));

  it("counts distinct teaching days in the ISO week, existing and proposed", () => {
    const bookings = [
      ...days("2027-03-28", "2027-03-30", "2027-03-31"),
      teaching("2027-03-29T18:00", "2027-03-29T19:00"),
    ];
    const [week, ...rest] = checkAnna("instructor_week_limit", { anna: { maxDaysPerWeek: 2 }, bookings });
    expect(rest).toEqual([]);
    expect(week).toMatchObject({
      severity: "warning",
      segmentKey: null,
      interval: null,
      message: "Anna Schmidt would teach 3 days in week 2027-W13, more than their limit of 2 a week.",
      details: { limit: 2, days: 3, period: "2027-W13", dates: ["2027-03-29", "2027-03-30", "2027-03-31"] },
    });
    expect(checkAnna("instructor_week_limit", { anna: { maxDaysPerWeek: 3 }, bookings })).toEqual([]);
  });

  it("counts teaching time given apart from bookings, once per date", () => {
    // The loader passes far-away teaching as bare intervals; a date in both lists counts once.
    const [first, second] = days("2027-03-30", "2027-03-31");
    const teachingTime = { anna: [first!, second!].map(({ start, end }) => ({ start, end })) };
    const [week] = checkAnna("instructor_week_limit", {
      anna: { maxDaysPerWeek: 2 },
      bookings: [first!],
      teachingTime,
    });
    expect(week?.details).toMatchObject({ days: 3, dates: ["2027-03-29", "2027-03-30", "2027-03-31"] });
    expect(checkAnna("instructor_week_limit", { anna: { maxDaysPerWeek: 3 }, teachingTime })).toEqual([]);
  });

  it("counts calendar months, one conflict per month the proposal touches", () => {
    const segments = [
      segment("seg-1", "2027-03-31T09:00", "2027-03-31T17:00"),
      segment("seg-2", "2027-04-01T09:00", "2027-04-01T17:00"),
    ];
    const bookings = days("2027-03-01", "2027-03-02", "2027-04-12", "2027-05-03");
    const months = checkAnna("instructor_month_limit", {
      proposal: { segments },
      anna: { maxDaysPerMonth: 2 },
      bookings,
    });
    expect(months.map((c) => [c.details.period, c.details.days])).toEqual([["2027-03", 3]]);
    expect(months[0]?.message).toBe(
      "Anna Schmidt would teach 3 days in March 2027, more than their limit of 2 a month.",
    );
    const tighter = checkAnna("instructor_month_limit", {
      proposal: { segments },
      anna: { maxDaysPerMonth: 1 },
      bookings,
    });
    expect(tighter.map((c) => c.details.period)).toEqual(["2027-03", "2027-04"]);
  });

  it("counts days in the instructor's zone, both dates of a booking across midnight, and ISO week-years", () => {
    // Mon 29 Mar 03:00 Berlin is Sun 28 Mar 21:00 in New York: week 2027-W12 there.
    const early = { segments: [segment("seg-1", "2027-03-29T03:00", "2027-03-29T05:00")] };
    const saturday = teaching("2027-03-27T10:00", "2027-03-27T12:00", {}, NEW_YORK);
    const [week] = checkAnna("instructor_week_limit", {
      proposal: early,
      anna: { timeZone: NEW_YORK, maxDaysPerWeek: 1 },
      bookings: [saturday],
    });
    expect(week?.details).toMatchObject({ period: "2027-W12", dates: ["2027-03-27", "2027-03-28"] });

    const overnight = teaching("2027-03-30T22:00", "2027-03-31T02:00");
    const [twoDays] = checkAnna("instructor_week_limit", {
      anna: { maxDaysPerWeek: 2 },
      bookings: [overnight],
    });
    expect(twoDays?.details.dates).toEqual(["2027-03-29", "2027-03-30", "2027-03-31"]);

    const newYear = { segments: [segment("seg-1", "2027-01-01T09:00", "2027-01-01T17:00")] };
    const [turn] = checkAnna("instructor_week_limit", {
      proposal: newYear,
      anna: { maxDaysPerWeek: 1 },
      bookings: days("2026-12-28"),
    });
    expect(turn?.details.period).toBe("2026-W53");
  });
});
