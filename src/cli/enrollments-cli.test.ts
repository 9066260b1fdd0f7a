import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { cliDatabase } from "../../test/cli.js";
import { createCore } from "../core/app.js";
import { systemActor } from "../core/auth/actor.js";
import { courseInputSchema } from "../core/catalog/courses.schemas.js";
import { learnerInputSchema } from "../core/learners/learners.schemas.js";
import { sessionInputSchema } from "../core/scheduling/sessions.schemas.js";

const { directory, url, lectern } = cliDatabase("enroll-cli");

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
