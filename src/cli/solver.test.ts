import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliDatabase } from "../../test/cli.js";
import { TIGHT, TOY } from "../core/solver/itc2007/fixtures.js";

const { directory, lectern } = cliDatabase("solver");

describe("lectern solve-itc / validate-itc", () => {
  it("solves an instance, writes the solution and prints the official summary", async () => {
    const instance = join(directory, "tight.ctt");
    const out = join(directory, "tight.sol");
    writeFileSync(instance, TIGHT);
    const result = await lectern([
      "solve-itc",
      instance,
      "--iterations",
      "20000",
      "--seed",
      "3",
      "--out",
      out,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Violations of Lectures (hard) : 0");
    expect(result.stdout).toContain("Cost of RoomStability (soft) : 0");
    expect(result.stdout).toMatch(/Summary: Total Cost = 0\n$/);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(4);

    const validated = await lectern(["validate-itc", instance, out]);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(/Summary: Total Cost = 0\n$/);
  });

  it("validates a hand-written solution with its violations", async () => {
    const instance = join(directory, "toy.ctt");
    const solution = join(directory, "toy.sol");
    writeFileSync(instance, TOY);
    writeFileSync(solution, "A r1 1 1\nB r1 1 1\nC r1 1 1\n");
    const result = await lectern(["validate-itc", instance, solution]);
    expect(result.stdout).toContain(
      "[H] 3 lectures in room r1 the period 4 (day 1, timeslot 1) [2 violations]",
    );
    expect(result.stdout).toMatch(/Summary: Violations = 8, Total Cost = 28\n$/);
  });

  it("refuses a bad option or file", async () => {
    const bad = await lectern(["solve-itc", join(directory, "missing.ctt")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("ENOENT");
    writeFileSync(join(directory, "toy2.ctt"), TOY);
    const time = await lectern(["solve-itc", join(directory, "toy2.ctt"), "--time", "soon"]);
    expect(time.code).toBe(1);
    expect(time.stderr).toContain("--time must be a positive number");
  });
});
