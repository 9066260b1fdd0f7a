import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createCore } from "../core/app.js";
import { systemActor } from "../core/auth/actor.js";
import { courseInputSchema } from "../core/catalog/courses.schemas.js";
import { learnerInputSchema } from "../core/learners/learners.schemas.js";
import { sessionInputSchema } from "../core/scheduling/sessions.schemas.js";

const bin = new URL("../../bin/lectern.js", import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), "lectern-enroll-cli-"));
const url = `sqlite:${join(directory, "cli.db")}`;

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function lectern(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

it("lectern enrollments import enrolls a CSV in file order; expire-offers runs", async () => {
  const core = await createCore({ DATABASE_URL: url, DATABASE_POOL_MAX: 1 });
  const { tenant } = await core.tenancy.ensureTenant("default", "Default");
  const actor = systemActor(tenant.id);
  const course = await core.courses.create(
    actor,
    courseInputSchema.parse({ code: "CLI", title: "CLI", formats: ["vilt"], maxSeats: 1 }),
  );
  const session = await core.sessions.create(
    actor,
    sessionInputSchema.parse({
      courseId: course.id,
      format: "vilt",
      timeZone: "UTC",
      segments: [{ start: "2030-01-07T09:00", end: "2030-01-07T17:00" }],
    }),
  );
  for (const name of ["ada", "bob"]) {
    await core.learners.create(actor, learnerInputSchema.parse({ name, email: `${name}@example.com` }));
  }
  await core.close();
  const file = join(directory, "people.csv");
  writeFileSync(file, "email\nada@example.com\nBOB@example.com\n");
  const imported = await lectern(["enrollments", "import", session.id, file]);
  expect(imported.stderr).toBe("");
  expect(imported.stdout).toContain("1 enrolled, 1 waitlisted, 0 pending approval, 0 refused");
  expect(imported.code).toBe(0);
  const again = await lectern(["enrollments", "import", session.id, file]);
  expect(again.code).toBe(1);
  expect(again.stdout).toContain("2 refused");
  const expired = await lectern(["enrollments", "expire-offers"]);
  expect(expired).toMatchObject({ code: 0, stdout: "expired offers handled in 0 sessions\n" });
}, 60_000);
