import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/core/auth/actor.js";
import type { Worker } from "../../src/core/jobs/worker.js";
import { drainUntil } from "../comms.js";
import {
  choose,
  type E2eApp,
  hasChromium,
  logIn,
  newContext,
  screenshot,
  seriousAxeViolations,
  skipReason,
  startE2eApp,
} from "./harness.js";

if (!hasChromium) console.warn(skipReason);

(hasChromium ? describe : describe.skip)(
  `learner and client portals in Chromium${hasChromium ? "" : ` (${skipReason})`}`,
  () => {
    let app: E2eApp;
    let worker: Worker;

    /** Runs the job worker (as `lectern serve` does) until a mail to `to` about `subject` is in the outbox. */
    async function mailTo(to: string, subject: string) {
      const find = () =>
        app.core.database.db
          .selectFrom("messages")
          .selectAll()
          .where("recipient", "=", to.toLowerCase())
          .execute()
          .then((rows) => rows.find((row) => row.subject.includes(subject)));
      await drainUntil(worker, async () => (await find()) !== undefined);
      return (await find())!;
    }
    /** The link in a mail, as a path on this server (the mail carries PUBLIC_URL in front). */
    const linkIn = (text: string, path: string) => {
      const url = text.match(new RegExp(`https?://\\S*${path.replace("/", "\\/")}\\S*`))?.[0];
      expect(url, text).toBeDefined();
      const parsed = new URL(url!);
      return `${parsed.pathname}${parsed.search}`;
    };

    beforeAll(async () => {
      app = await startE2eApp();
      worker = app.core.createWorker({ pollMs: 1, scheduleEveryMs: 60_000 });
    }, 240_000);
    afterAll(async () => {
      await app?.close();
    });

    it("a learner self-registers from the public catalog, confirms by e-mail, signs in and sees it", async () => {
      const context = await newContext(app);
      const page: Page = await context.newPage();
      await page.goto("/catalog/demo");
      const cards = page.getByTestId("catalog-session");
      await cards.first().waitFor();
      expect(await cards.count()).toBeGreaterThan(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, "catalog");

      // Filter by the first session's course code, then open it.
      const first = (await app.core.enrollments.catalog("demo")).items[0]!;
      await page.getByLabel("Search").fill(first.courseCode);
      await page
        .getByRole("link", { name: `Details and registration: ${first.title}` })
        .first()
        .click();
      await page.waitForURL(/\/catalog\/demo\/[\w-]+$/);
      const sessionId = new URL(page.url()).pathname.split("/").pop()!;
      const before = (await app.core.enrollments.catalog("demo")).items.find(
        (s) => s.sessionId === sessionId,
      )!;
      await page.getByTestId("seats-left").waitFor();
      expect(await page.getByTestId("seats-left").textContent()).toContain(`${before.seatsLeft}`);
      expect(await seriousAxeViolations(page)).toEqual([]);

      // A bad address is shown next to its field; then the real registration.
      const email = "new.learner@example.org";
      await page.getByLabel("Your name").fill("Nora Newcomer");
      await page.getByLabel("E-mail").fill(email);
      await page.getByRole("button", { name: "Register" }).click();
      await page.getByTestId("registration-requested").waitFor();

      // The confirmation e-mail's link lands on the web page, which confirms.
      const confirmation = await mailTo(email, "confirm your registration");
      await page.goto(linkIn(confirmation.text_body, "/register/confirm"));
      const result = page.getByTestId("registration-result");
      await result.waitFor();
      const status = await result.locator("[data-status]").getAttribute("data-status");
      expect(["enrolled", "waitlisted", "pending_approval"]).toContain(status);
      expect(await seriousAxeViolations(page)).toEqual([]);
      const after = (await app.core.enrollments.catalog("demo")).items.find((s) => s.sessionId === sessionId);
      if (status === "enrolled") expect(after?.seatsLeft ?? 0).toBe(before.seatsLeft - 1);

      // Sign in by e-mailed link and see the enrollment.
      await page.getByRole("link", { name: "sign in with your e-mail" }).click();
      await page.waitForURL(/\/catalog\/demo\/sign-in$/);
      await page.getByLabel("E-mail").fill(email);
      await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
      await page.getByTestId("sign-in-requested").waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      const signIn = await mailTo(email, "sign-in link");
      const link = linkIn(signIn.text_body, "/sign-in/link");
      await page.goto(link);
      await page.waitForURL(/\/my$/);
      const mine = page.getByTestId("my-enrollment").filter({ hasText: before.title });
      await mine.first().waitFor();
      expect(await mine.first().textContent()).toContain(status!.replace("_", " "));
      await page.getByText("My certificates").waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, "learner-portal");

      // The link worked once.
      const second = await context.newPage();
      await second.goto(link);
      await second.getByRole("alert").waitFor();
      expect(await second.getByRole("alert").textContent()).toContain("used or expired");
      await context.close();
    });

    it("a client contact sees their employees' enrollments and compliance", async () => {
      const actor = systemActor(app.tenantId);
      const db = app.core.database.db;
      const employee = await db
        .selectFrom("learners")
        .select(["id", "name", "client_id"])
        .where("tenant_id", "=", app.tenantId)
        .where("client_id", "is not", null)
        .where("archived_at", "is", null)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const session = (await app.core.enrollments.catalog("demo")).items.at(-1)!;
      await app.core.enrollments.enroll(actor, session.sessionId, { learnerId: employee.id });
      await app.core.webAuth.createUser(actor, {
        email: "hr@client.example.com",
        name: "Hanna HR",
        role: "client_contact",
        password: "client-pass-1",
        instructorId: null,
        clientId: employee.client_id,
      });
      const context = await newContext(app);
      const page = await context.newPage();
      await logIn(page, "hr@client.example.com", "client-pass-1");
      await page.waitForURL(/\/employees$/);
      const table = page.getByTestId("employee-enrollments");
      await table.getByText(employee.name).first().waitFor();
      expect(await table.textContent()).toContain(session.title);
      await page.getByRole("heading", { name: "Compliance" }).waitFor();
      // Nothing of the staff's navigation.
      expect(await page.getByRole("link", { name: "Sessions" }).count()).toBe(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, "client-portal");
      await context.close();
    });

    it("an admin adds a user and deactivates them on the users page", async () => {
      const context = await newContext(app);
      const page = await context.newPage();
      await logIn(page);
      await page.goto("/users");
      await page.getByTestId("users").waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Add user" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("E-mail").fill("viewer.person@example.com");
      await dialog.getByLabel("Name").fill("Vera Viewer");
      await choose(page, "Role", "Viewer");
      await dialog.getByLabel("Initial password").fill("short");
      await dialog.getByRole("button", { name: "Add user" }).click();
      // The API's complaint sits under the password field.
      await dialog.getByText("must be at least 10 characters").waitFor();
      await dialog.getByLabel("Initial password").fill("viewer-pass-123");
      await dialog.getByRole("button", { name: "Add user" }).click();
      const row = page.getByRole("row").filter({ hasText: "Vera Viewer" });
      await row.waitFor();
      await row.getByRole("button", { name: "Deactivate Vera Viewer" }).click();
      await row.getByText("deactivated").waitFor();
      const stored = (await app.core.webAuth.listUsers(systemActor(app.tenantId))).find(
        (u) => u.email === "viewer.person@example.com",
      );
      expect(stored?.disabledAt).not.toBeNull();
      await context.close();
    });
  },
);
