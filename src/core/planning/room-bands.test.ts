import { describe, expect, it } from "vitest";
import type { PlanItemOptions } from "./plan-problem.js";
import { type RoomBuffers, roomBands } from "./room-bands.js";

/** An item's options as far as bands read them: format, zone, hours and candidate rooms. */
const option = (
  [start, end]: [string, string],
  roomIds: string[],
  item: { format?: string; timeZone?: string } = {},
) =>
  ({
    item: { format: "ilt", timeZone: "Europe/Berlin", times: [{ start, end }], ...item },
    roomIds,
  }) as unknown as PlanItemOptions;

const meet = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || (a & b) !== 0;

describe("roomBands", () => {
  it("keeps a morning and an afternoon run apart, and runs whose hours meet together", () => {
    const { count, masks } = roomBands(
      [
        option(["09:00", "12:00"], ["r"]),
        option(["13:00", "16:00"], ["r"]),
        option(["11:00", "14:00"], ["r"]),
      ],
      new Map(),
    );
    expect(count).toBeGreaterThan(1);
    expect(meet(masks[0], masks[1])).toBe(false);
    expect(meet(masks[0], masks[2])).toBe(true);
    expect(meet(masks[1], masks[2])).toBe(true);
  });

  it("widens hours by the largest setup and teardown of the run's rooms", () => {
    const runs = [option(["09:00", "12:00"], ["a", "b"]), option(["12:20", "15:00"], ["b"])];
    const none = roomBands(runs, new Map());
    expect(meet(none.masks[0], none.masks[1])).toBe(false);
    // Room a's 15 minutes of teardown (the morning run may take it) and b's 10 of setup: 12:15 and 12:10 meet.
    const buffers = new Map<string, RoomBuffers>([
      ["a", { setup: 0, teardown: 15 }],
      ["b", { setup: 10, teardown: 0 }],
    ]);
    const widened = roomBands(runs, buffers);
    expect(meet(widened.masks[0], widened.masks[1])).toBe(true);
  });

  it("holds a room for the whole day where runs in other time zones could take it, and for no online run", () => {
    const { masks } = roomBands(
      [
        option(["09:00", "12:00"], ["shared"]),
        option(["13:00", "16:00"], ["shared"], { timeZone: "America/New_York" }),
        option(["09:00", "12:00"], ["berlin"]),
        option(["13:00", "16:00"], ["berlin"]),
        option(["09:00", "12:00"], [], { format: "vilt" }),
      ],
      new Map(),
    );
    expect(masks[0]).toBeUndefined();
    expect(masks[1]).toBeUndefined();
    expect(meet(masks[2], masks[3])).toBe(false);
    expect(masks[4]).toBeUndefined();
  });

  it("widens hours to whole hours when they would cut the day into more than 30 bands", () => {
    // 20 runs starting a minute apart: 40 cuts.
    const runs = Array.from({ length: 20 }, (_, i) =>
      option([`08:${String(i).padStart(2, "0")}`, `09:${String(30 + i).padStart(2, "0")}`], ["r"]),
    );
    const afternoon = option(["14:00", "15:00"], ["r"]);
    const { count, masks } = roomBands([...runs, afternoon], new Map());
    expect(count).toBeLessThanOrEqual(30);
    expect(meet(masks[0], masks[19])).toBe(true);
    expect(meet(masks[0], masks[20])).toBe(false);
  });

  it("is one band when no two runs' hours differ", () => {
    expect(
      roomBands([option(["09:00", "17:00"], ["r"]), option(["09:00", "17:00"], ["r"])], new Map()),
    ).toEqual({
      count: 1,
      masks: [undefined, undefined],
    });
  });
});
