import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { cliDatabase } from "../../test/cli.js";
import { createCore } from "../core/app.js";
import { systemActor } from "../core/auth/actor.js";
import { courseInputSchema } from "../core/catalog/courses.schemas.js";
import { instructorInputSchema } from "../core/instructors/instructors.schemas.js";

const { directory, url, lectern } = cliDatabase("plan-cli");

it("lectern plan create plans a virtual demand with the cheaper instructor; plan apply creates it once", async () => {
  const core = await createCore({ DATABASE_URL: url, DATABASE_POOL_MAX: 1 });
  const { tenant } = await core.tenancy.ensureTenant("default", "Default");
  const actor = systemActor(tenant.id);
  const course = await core.courses.create(
    actor,
    courseInputSchema.parse({ code: "PLAN", title: "Planning 101", formats: ["vilt"], durationDays: 2 }),
  );
  for (const [name, rate] of [
    ["Dear Dora", 90_000],
    ["Cheap Chris", 40_000],
  ] as const) {
    await core.instructors.create(
      actor,
      instructorInputSchema.parse({ name, email: `${name.split(" ")[1]}@example.com`, dayRateMinor: rate }),
    );
  }
  await core.close();
  const file = join(directory, "demand.json");
  writeFileSync(
    file,
    JSON.stringify([{ courseId: course.id, window: { from: "2030-01-07", to: "2030-01-11" } }]),
  );

  const created = await lectern(["plan", "create", "--demand", file, "--seed", "3", "--iterations", "5000"]);
  expect(created.stderr).toBe("");
  expect(created.code).toBe(0);
  const id = /^plan (\S+): done$/m.exec(created.stdout)?.[1];
  expect(id, created.stdout).toBeDefined();
  expect(created.stdout).toContain("demand.0.0 Planning 101: placed");
  expect(created.stdout).toContain("2030-01-07 09:00-17:00  Cheap Chris  virtual");
  expect(created.stdout).toContain("2030-01-08 09:00-17:00  Cheap Chris  virtual");
  expect(created.stdout).toContain("placed 1, unplaced 0");

  const applied = await lectern(["plan", "apply", id!]);
  expect(applied.code).toBe(0);
  expect(applied.stdout).toMatch(/apply demand\.0\.0: created \S+/);
  const again = await lectern(["plan", "apply", id!]);
  expect(again.stdout).toBe(applied.stdout);

  const sessionId = /created (\S+)/.exec(applied.stdout)![1]!;
  const staff = await lectern(["plan", "staff", sessionId]);
  expect(staff.code, staff.stderr).toBe(0);
  expect(staff.stdout).toMatch(
    /^1\. Cheap Chris {2}400\.00 EUR\/day {2}0 days that month {2}local {2}cost \d+$/m,
  );
  expect(staff.stdout).toMatch(/^2\. Dear Dora {2}900\.00 EUR\/day/m);
  const badRole = await lectern(["plan", "staff", sessionId, "--role", "boss"]);
  expect(badRole.code).toBe(1);
  expect(badRole.stderr).toContain("role:");

  const bad = await lectern(["plan", "create", "--demand", file, "--iterations", "5"]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("iterations:");
}, 60_000);
