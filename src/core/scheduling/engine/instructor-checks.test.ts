import { describe, expect, it } from "vitest";
import { at, checkAnna, NEW_YORK, segment, teaching } from "../../../../test/engine-fixtures.js";
import type { ExistingBooking } from "./types.js";

describe("instructor double booking", () => {
  it("explains an overlap with the other session's name and times", () => {
    const other = teaching("2027-03-29T13:00", "2027-03-29T15:00");
    const [clash, ...rest] = checkAnna("instructor_double_booked", { bookings: [other] });
    expect(rest).toEqual([]);
    expect(clash).toEqual({
      type: "instructor_double_booked",
      severity: "blocking",
      message:
        'Anna Schmidt is already teaching "PM-101 Project Management" on Mon 29 Mar 2027 13:00–15:00 (Europe/Berlin).',
      resource: { type: "instructor", id: "anna", name: "Anna Schmidt" },
      segmentKey: "seg-1",
      interval: { start: at("2027-03-29T09:00"), end: at("2027-03-29T17:00") },
      with: [
        {
          sessionId: "s-other",
          segmentId: other.segmentId,
          start: other.start,
          end: other.end,
          sessionLabel: "PM-101 Project Management",
        },
      ],
      details: {},
    });
  });

  it("shows the other session's own zone too when it differs", () => {
    const london = teaching(
      "2027-03-29T12:00",
      "2027-03-29T14:00",
      { timeZone: "Europe/London" },
      "Europe/London",
    );
    expect(checkAnna("instructor_double_booked", { bookings: [london] })[0]?.message).toBe(
      'Anna Schmidt is already teaching "PM-101 Project Management" on Mon 29 Mar 2027 13:00–15:00 ' +
        "(Europe/Berlin; Mon 29 Mar 2027 12:00–14:00 Europe/London).",
    );
  });

  it("lets meetings touch, ignores the session's own bookings and other resources", () => {
    const bookings = [
      teaching("2027-03-29T07:00", "2027-03-29T09:00"),
      teaching("2027-03-29T17:00", "2027-03-29T18:00"),
      teaching("2027-03-29T10:00", "2027-03-29T11:00", { sessionId: "s-new" }),
      teaching("2027-03-29T10:00", "2027-03-29T11:00", { resourceType: "learner" }),
    ];
    expect(checkAnna("instructor_double_booked", { bookings })).toEqual([]);
  });

  it("checks only the segments the instructor teaches, one conflict per clashing booking", () => {
    const segments = [
      segment("seg-1", "2027-03-29T09:00", "2027-03-29T17:00"),
      segment("seg-2", "2027-03-30T09:00", "2027-03-30T17:00"),
    ];
    const bookings = [
      teaching("2027-03-29T10:00", "2027-03-29T11:00"),
      teaching("2027-03-30T10:00", "2027-03-30T11:00"),
      teaching("2027-03-30T14:00", "2027-03-30T15:00"),
    ];
    const onlySecond = {
      segments,
      instructors: [{ instructorId: "anna", role: "lead" as const, segmentKeys: ["seg-2"] }],
    };
    expect(
      checkAnna("instructor_double_booked", { proposal: onlySecond, bookings }).map((c) => c.with[0]?.start),
    ).toEqual([at("2027-03-30T10:00"), at("2027-03-30T14:00")]);
  });
});

describe("instructor travel time", () => {
  const munich = { locationId: "loc-munich" };
  const afternoon = { segments: [segment("seg-1", "2027-03-29T12:30", "2027-03-29T17:00")] };

  it("needs the travel time between a morning elsewhere and this segment", () => {
    const morning = teaching("2027-03-29T09:00", "2027-03-29T12:00", munich);
    const [late] = checkAnna("instructor_travel_time", {
      proposal: afternoon,
      bookings: [morning],
      travel: { "loc-munich|loc-berlin": 45 },
    });
    expect(late).toMatchObject({
      severity: "blocking",
      message:
        "Anna Schmidt needs 45 min to travel from Munich Office to Berlin Office, but " +
        '"PM-101 Project Management" ends Mon 29 Mar 2027 12:00 and this segment starts 12:30 (Europe/Berlin), only 30 min apart.',
      details: {
        fromLocationId: "loc-munich",
        toLocationId: "loc-berlin",
        travelMinutes: 45,
        gapMinutes: 30,
      },
    });
    expect(late?.with[0]?.segmentId).toBe(morning.segmentId);
    const enough = { segments: [segment("seg-1", "2027-03-29T12:45", "2027-03-29T17:00")] };
    expect(
      checkAnna("instructor_travel_time", {
        proposal: enough,
        bookings: [morning],
        travel: { "loc-munich|loc-berlin": 45 },
      }),
    ).toEqual([]);
  });

  it("needs the travel time from this segment to a later booking elsewhere, in that direction", () => {
    const evening = teaching("2027-03-29T17:30", "2027-03-29T19:00", munich);
    const [late] = checkAnna("instructor_travel_time", {
      bookings: [evening],
      travel: { "loc-berlin|loc-munich": 60 },
    });
    expect(late?.message).toBe(
      "Anna Schmidt needs 60 min to travel from Berlin Office to Munich Office, but this segment ends " +
        'Mon 29 Mar 2027 17:00 and "PM-101 Project Management" starts 17:30 (Europe/Berlin), only 30 min apart.',
    );
    expect(
      checkAnna("instructor_travel_time", { bookings: [evening], travel: { "loc-munich|loc-berlin": 60 } }),
    ).toEqual([]);
  });

  it("asks nothing without a travel time, at the same place, virtually, or on another day", () => {
    const morning = (fields: Partial<ExistingBooking>) =>
      teaching("2027-03-29T09:00", "2027-03-29T12:00", fields);
    const travel = { "loc-munich|loc-berlin": 45 };
    expect(checkAnna("instructor_travel_time", { proposal: afternoon, bookings: [morning(munich)] })).toEqual(
      [],
    );
    expect(
      checkAnna("instructor_travel_time", { proposal: afternoon, bookings: [morning({})], travel }),
    ).toEqual([]);
    expect(
      checkAnna("instructor_travel_time", {
        proposal: afternoon,
        bookings: [morning({ locationId: null })],
        travel,
      }),
    ).toEqual([]);
    expect(
      checkAnna("instructor_travel_time", {
        proposal: { ...afternoon, locationId: null },
        bookings: [morning(munich)],
        travel,
      }),
    ).toEqual([]);
    const lateNight = teaching("2027-03-28T23:00", "2027-03-28T23:30", munich);
    const early = { segments: [segment("seg-1", "2027-03-29T00:15", "2027-03-29T02:00")] };
    const longTrip = { "loc-munich|loc-berlin": 60 };
    expect(
      checkAnna("instructor_travel_time", { proposal: early, bookings: [lateNight], travel: longTrip }),
    ).toEqual([]);
    // In New York both are on Sunday 28 Mar (17:00–17:30, then 18:15), so the trip must fit in between.
    const newYorker = { timeZone: NEW_YORK };
    expect(
      checkAnna("instructor_travel_time", {
        proposal: early,
        bookings: [lateNight],
        travel: longTrip,
        anna: newYorker,
      }),
    ).toHaveLength(1);
  });

  it("leaves overlapping bookings to the double-booking rule", () => {
    const overlapping = teaching("2027-03-29T12:00", "2027-03-29T13:00", munich);
    const travel = { "loc-munich|loc-berlin": 45 };
    expect(
      checkAnna("instructor_travel_time", { proposal: afternoon, bookings: [overlapping], travel }),
    ).toEqual([]);
  });
});

describe("instructor time off", () => {
  it("warns when a segment falls into time off, and not when they only touch", () => {
    const vacation = { start: at("2027-03-27T00:00"), end: at("2027-03-29T10:00"), reason: "Vacation" };
    const [off] = checkAnna("instructor_time_off", { anna: { timeOff: [vacation] } });
    expect(off).toMatchObject({
      severity: "warning",
      message:
        "Anna Schmidt has time off (Vacation) Sat 27 Mar 2027 00:00 – Mon 29 Mar 2027 10:00 (Europe/Berlin), during this segment.",
      details: {
        reason: "Vacation",
        startsAt: "2027-03-26T23:00:00.000Z",
        endsAt: "2027-03-29T08:00:00.000Z",
      },
    });
    const before = { start: at("2027-03-27T00:00"), end: at("2027-03-29T09:00"), reason: null };
    expect(checkAnna("instructor_time_off", { anna: { timeOff: [before] } })).toEqual([]);
  });
});
