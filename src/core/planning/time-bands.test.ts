import { describe, expect, it } from "vitest";
import type { PlanItemOptions } from "./plan-problem.js";
import { type BandLookups, type RoomBuffers, timeBands } from "./time-bands.js";

/** An item's options as far as bands read them: format, zone, site, hours and candidates. */
const option = (
  [start, end]: [string, string],
  roomIds: string[],
  item: { format?: string; timeZone?: string; locationId?: string | null } = {},
  instructorIds: string[] = [],
) =>
  ({
    item: {
      format: "ilt",
      timeZone: "Europe/Berlin",
      locationId: "berlin",
      times: [{ start, end }],
      dates: [],
      ...item,
    },
    roomIds,
    instructorIds,
    allowedDates: [],
  }) as unknown as PlanItemOptions;

const nothing: BandLookups = { buffers: new Map(), travelBetween: () => 0 };

const meet = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || (a & b) !== 0;

describe("timeBands", () => {
  it("keeps a morning and an afternoon run apart, and runs whose hours meet together", () => {
    const { count, roomMasks, instructorMasks } = timeBands(
      [
        option(["09:00", "12:00"], ["r"], {}, ["x"]),
        option(["13:00", "16:00"], ["r"], {}, ["x"]),
        option(["11:00", "14:00"], ["r"], {}, ["x"]),
      ],
      nothing,
    );
    expect(count).toBeGreaterThan(1);
    for (const masks of [roomMasks, instructorMasks]) {
      expect(meet(masks[0], masks[1])).toBe(false);
      expect(meet(masks[0], masks[2])).toBe(true);
      expect(meet(masks[1], masks[2])).toBe(true);
    }
  });

  it("widens a run's hours in rooms by the largest setup and teardown of its rooms", () => {
    const runs = [option(["09:00", "12:00"], ["a", "b"]), option(["12:20", "15:00"], ["b"])];
    const none = timeBands(runs, nothing);
    expect(meet(none.roomMasks[0], none.roomMasks[1])).toBe(false);
    // Room a's 15 minutes of teardown (the morning run may take it) and b's 10 of setup: 12:15 and 12:10 meet.
    const buffers = new Map<string, RoomBuffers>([
      ["a", { setup: 0, teardown: 15 }],
      ["b", { setup: 10, teardown: 0 }],
    ]);
    const widened = timeBands(runs, { ...nothing, buffers });
    expect(meet(widened.roomMasks[0], widened.roomMasks[1])).toBe(true);
  });

  it("leaves an instructor the journey between two sites, and needs none online or at one site", () => {
    // 60 minutes from Berlin to Potsdam: a 12:00 end and a 13:00 start at the other site just fit.
    const travelBetween = (from: string, to: string) => (from === "berlin" && to === "potsdam" ? 60 : 0);
    const at = (site: string, hours: [string, string]) => option(hours, [], { locationId: site }, ["x"]);
    const apart = timeBands([at("berlin", ["09:00", "12:00"]), at("potsdam", ["13:00", "16:00"])], {
      ...nothing,
      travelBetween,
    });
    expect(meet(apart.instructorMasks[0], apart.instructorMasks[1])).toBe(false);
    const close = timeBands([at("berlin", ["09:00", "12:00"]), at("potsdam", ["12:30", "16:00"])], {
      ...nothing,
      travelBetween,
    });
    expect(meet(close.instructorMasks[0], close.instructorMasks[1])).toBe(true);
    const online = timeBands(
      [
        at("berlin", ["09:00", "12:00"]),
        option(["12:00", "16:00"], [], { format: "vilt", locationId: null }, ["x"]),
      ],
      nothing,
    );
    expect(meet(online.instructorMasks[0], online.instructorMasks[1])).toBe(false);
  });

  it("compares runs in other time zones on one clock, widened where their summer times differ", () => {
    const at = (zone: string, hours: [string, string], dates: string[]) =>
      ({
        ...option(hours, ["r"], { timeZone: zone }, ["x"]),
        allowedDates: dates,
      }) as PlanItemOptions;
    const berlin = (hours: [string, string]) => at("Europe/Berlin", hours, ["2027-03-10"]);
    // 2027-03-10: New York is 6 hours behind Berlin, so 09:00 there is 15:00 here.
    const winter = timeBands(
      [
        berlin(["09:00", "12:00"]),
        berlin(["13:00", "14:30"]),
        berlin(["09:00", "12:00"]),
        at("America/New_York", ["09:00", "12:00"], ["2027-03-10"]),
        at("America/New_York", ["03:00", "06:00"], ["2027-03-10"]),
      ],
      nothing,
    );
    for (const masks of [winter.roomMasks, winter.instructorMasks]) {
      expect(meet(masks[0], masks[3])).toBe(false);
      expect(meet(masks[1], masks[3])).toBe(false);
      expect(meet(masks[0], masks[4])).toBe(true);
    }
    // Over 2027-03-10 and 03-20 (New York on summer time from the 14th, Berlin from the 28th) it
    // may be 5 hours behind: 09:00 there may be 14:00 here, which meets 13:00–14:30.
    const spring = timeBands(
      [
        berlin(["13:00", "14:30"]),
        berlin(["09:00", "12:00"]),
        at("America/New_York", ["09:00", "12:00"], ["2027-03-10", "2027-03-20"]),
      ],
      nothing,
    );
    expect(meet(spring.roomMasks[0], spring.roomMasks[2])).toBe(true);
    expect(meet(spring.roomMasks[1], spring.roomMasks[2])).toBe(false);
  });

  it("needs no room online", () => {
    const { roomMasks, instructorMasks } = timeBands(
      [
        option(["09:00", "12:00"], [], { format: "vilt" }, ["x"]),
        option(["13:00", "16:00"], ["r"], {}, ["x"]),
      ],
      nothing,
    );
    expect(roomMasks[0]).toBeUndefined();
    expect(meet(instructorMasks[0], instructorMasks[1])).toBe(false);
  });

  it("widens hours to whole hours when they would cut the day into more than 30 bands", () => {
    // 20 runs starting a minute apart: 40 cuts.
    const runs = Array.from({ length: 20 }, (_, i) =>
      option([`08:${String(i).padStart(2, "0")}`, `09:${String(30 + i).padStart(2, "0")}`], ["r"]),
    );
    const afternoon = option(["14:00", "15:00"], ["r"]);
    const { count, roomMasks } = timeBands([...runs, afternoon], nothing);
    expect(count).toBeLessThanOrEqual(30);
    expect(meet(roomMasks[0], roomMasks[19])).toBe(true);
    expect(meet(roomMasks[0], roomMasks[20])).toBe(false);
  });

  it("is one band when no two runs' hours differ", () => {
    expect(
      timeBands([option(["09:00", "17:00"], ["r"]), option(["09:00", "17:00"], ["r"])], nothing),
    ).toEqual({
      count: 1,
      roomMasks: [undefined, undefined],
      instructorMasks: [undefined, undefined],
    });
  });
});
