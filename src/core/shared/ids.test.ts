import { describe, expect, it } from "vitest";
import { z } from "zod";
import { newId } from "./ids.js";

describe("newId", () => {
  it("makes valid UUIDv7s that sort in creation order, also within one millisecond", () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 50)) {
      expect(z.uuid({ version: "v7" }).safeParse(id).success).toBe(true);
    }
    const millis = Number.parseInt(ids[0]!.replace("-", "").slice(0, 12), 16);
    expect(Math.abs(millis - Date.now())).toBeLessThan(5_000);
  });
});
