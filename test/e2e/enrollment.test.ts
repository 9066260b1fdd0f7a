import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/core/auth/actor.js";
import { courseInputSchema } from "../../src/core/catalog/courses.schemas.js";
import { enrollInputSchema, type SeatSummary } from "../../src/core/enrollments/enrollments.schemas.js";
import { learnerInputSchema } from "../../src/core/learners/learners.schemas.js";
import { sessionInputSchema } from "../../src/core/scheduling/sessions.schemas.js";
import {
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

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

(hasChromium ? describe : describe.skip)(
  `session page in Chromium${hasChromium ? "" : ` (${skipReason})`}`,
  () => {
    let app: E2eApp;
    let page: Page;
    let sessionId: string;
    const names = ["Ada Overbooked", "Brook Overbooked", "Cyd Overbooked", "Dana Overbooked"];
    const roster = async () => app.core.enrollments.listForSession(systemActor(app.tenantId), sessionId);
    const waitlistOrder = async () =>
      (await roster()).items.filter((i) => i.status === "waitlisted").map((i) => i.learnerName);

    beforeAll(async () => {
      app = await startE2eApp();
      const actor = systemActor(app.tenantId);
      // A two-seat virtual session ten days out, and four learners to fill it past capacity.
      const course = await app.core.courses.create(
        actor,
        courseInputSchema.parse({
          code: "E2E-SEATS",
          title: "Small Class",
          formats: ["vilt"],
          minSeats: 2,
          maxSeats: 2,
        }),
      );
      const day = isoDate(Date.now() + 10 * DAY);
      const next = isoDate(Date.now() + 11 * DAY);
      const session = await app.core.sessions.create(
        actor,
        sessionInputSchema.parse({
          courseId: course.id,
          format: "vilt",
          timeZone: "Europe/Berlin",
          segments: [
            { start: `${day}T09:00`, end: `${day}T17:00` },
            { start: `${next}T09:00`, end: `${next}T17:00` },
          ],
          instructors: [],
        }),
      );
      sessionId = session.id;
      for (const [index, name] of names.entries())
        await app.core.learners.create(
          actor,
          learnerInputSchema.parse({ name, email: `overbooked-${index}@example.com` }),
        );
      const context = await newContext(app);
      page = await context.newPage();
      await logIn(page);
    }, 240_000);
    afterAll(async () => {
      await app?.close();
    });

    const expectAccessible = async (where: string) => {
      await page.waitForLoadState("networkidle");
      const violations = await seriousAxeViolations(page);
      expect(violations, `${where}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
    };

    it("enrolls four learners into two seats through the UI: two are seated, two wait in order", async () => {
      await page.goto(`/sessions/${sessionId}?tab=enrollments`);
      await page.getByRole("heading", { name: "Enroll learners" }).waitFor();
      await page.getByText("Nobody is registered yet").waitFor();
      const picker = page.getByRole("combobox", { name: "Learners", exact: true });
      for (const name of names) {
        await picker.fill(name.split(" ")[0]!);
        await page.getByRole("option", { name: new RegExp(`^${name}`) }).click();
      }
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Enroll 4 learners" }).click();
      const result = page.getByRole("status").filter({ hasText: names[3]! });
      await result.waitFor();
      expect(await result.textContent()).toContain(`${names[3]}: waitlisted, position 2`);
      await page.getByTestId("seats-summary").getByText("2 of 2 seats taken").waitFor();
      const rows = page.getByTestId("roster").locator("tbody tr");
      await expect.poll(() => rows.count()).toBe(4);

      const listed = await roster();
      expect(listed.items.map((i) => [i.learnerName, i.status, i.waitlistPosition])).toEqual([
        [names[0], "enrolled", null],
        [names[1], "enrolled", null],
        [names[2], "waitlisted", 1],
        [names[3], "waitlisted", 2],
      ]);
      await screenshot(page, "session-enrollments");
      await expectAccessible("enrollments tab");
    }, 90_000);

    it("shows the waitlist in order; reorders by keyboard and promotes the first in line", async () => {
      await page.getByRole("tab", { name: /Waitlist/ }).click();
      await page.waitForURL(/tab=waitlist/);
      const list = page.getByTestId("waitlist").locator("li");
      await expect
        .poll(() => list.allTextContents())
        .toEqual([expect.stringContaining(`1.${names[2]}`), expect.stringContaining(`2.${names[3]}`)]);
      await expectAccessible("waitlist tab");

      // Keyboard only: focus "move down" on the first and press Enter.
      await page.getByRole("button", { name: `Move ${names[2]} down` }).focus();
      const moved = page.waitForResponse((r) => r.url().includes("/waitlist-position") && r.status() === 200);
      await page.keyboard.press("Enter");
      await moved;
      await expect.poll(waitlistOrder).toEqual([names[3], names[2]]);
      await expect.poll(() => list.first().textContent()).toContain(names[3]);

      await page.getByRole("button", { name: `Add a seat for ${names[3]}` }).click();
      await expect.poll(waitlistOrder).toEqual([names[2]]);
      const after = await roster();
      expect(after.maxSeats).toBe(3);
      expect(after.items.find((i) => i.learnerName === names[3])?.status).toBe("enrolled");
      await expect.poll(() => list.count()).toBe(1);
    }, 60_000);

    it("cancels a registration from its menu: the first in line takes the seat", async () => {
      await page.getByRole("tab", { name: /Enrollments/ }).click();
      await page.getByRole("button", { name: `Actions for ${names[3]}` }).click();
      await page.getByRole("menuitem", { name: "Transfer…" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("combobox", { name: "Session" }).click();
      await page.getByText("No other upcoming session of this course").waitFor();
      await page.keyboard.press("Escape");
      await dialog.getByRole("button", { name: "Close" }).click();
      await dialog.waitFor({ state: "detached" });

      await page.getByRole("button", { name: `Actions for ${names[3]}` }).click();
      await page.getByRole("menuitem", { name: "Cancel…" }).click();
      await dialog.getByRole("textbox", { name: "Reason" }).fill("Cannot travel");
      await dialog.getByRole("button", { name: "Cancel registration" }).click();
      await dialog.waitFor({ state: "detached" });
      await expect.poll(waitlistOrder).toEqual([]);
      const after = await roster();
      expect(after.items.find((i) => i.learnerName === names[2])?.status).toBe("enrolled");
      expect(after.items.find((i) => i.learnerName === names[3])).toMatchObject({
        status: "cancelled",
        statusReason: "Cannot travel",
      });
      await page.getByRole("tab", { name: "Waitlist" }).click();
      await page.getByText("Nobody is waiting.").waitFor();
    }, 60_000);

    it("marks attendance in bulk and per cell", async () => {
      await page.getByRole("tab", { name: "Attendance" }).click();
      await page.waitForURL(/tab=attendance/);
      const grid = page.getByTestId("attendance-grid");
      await grid.waitFor();
      await expect.poll(() => grid.locator("tbody tr").count()).toBe(3);
      await page.getByRole("checkbox", { name: "Select every learner" }).check();
      const recorded = page.waitForResponse(
        (r) => r.url().endsWith("/attendance") && r.request().method() === "POST",
      );
      await page.getByRole("button", { name: "Mark 3 present" }).click();
      expect((await recorded).status()).toBe(200);
      await page.getByRole("combobox", { name: `${names[0]}, day 2` }).selectOption("late");
      const actor = systemActor(app.tenantId);
      const statuses = async () => {
        const { items } = await app.core.enrollments.attendance(actor, sessionId);
        return items.map((i) => i.status).sort();
      };
      await expect.poll(statuses).toEqual(["late", "present", "present", "present"]);
      await expect
        .poll(() => page.getByRole("combobox", { name: `${names[1]}, day 1` }).inputValue())
        .toBe("present");
      await page.getByRole("button", { name: "Show the check-in QR code" }).click();
      await page.getByTestId("check-in-qr").waitFor();
      const sheet = await page.getByRole("link", { name: /attendance sheet/ }).getAttribute("href");
      const pdf = await page.request.get(sheet!);
      expect(pdf.headers()["content-type"]).toContain("application/pdf");
      await expectAccessible("attendance tab");

      // The QR code's link: a learner's check-in page. Ten days early, the API's refusal sits under the e-mail.
      const link = (await page.getByRole("link", { name: /\/check-in\// }).getAttribute("href"))!;
      const learnerPage = await page.context().browser()!.newPage({ baseURL: app.url });
      await learnerPage.goto(new URL(link).pathname);
      const email = learnerPage.getByRole("textbox", { name: "Email" });
      await email.fill("overbooked-0@example.com");
      await learnerPage.getByRole("button", { name: "Check in" }).click();
      await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
      const violations = await seriousAxeViolations(learnerPage);
      expect(violations).toEqual([]);
      await learnerPage.close();
    }, 60_000);

    it("lists approvals and messages with helpful empty states, accessibly", async () => {
      // A registration under a policy that asks for approval waits on the Approvals tab.
      const actor = systemActor(app.tenantId);
      await app.core.enrollments.policies.set(actor, "session", sessionId, { approvalRequired: true });
      const eve = await app.core.learners.create(
        actor,
        learnerInputSchema.parse({ name: "Eve Awaiting", email: "eve-awaiting@example.com" }),
      );
      await app.core.enrollments.enroll(actor, sessionId, enrollInputSchema.parse({ learnerId: eve.id }));
      await page.reload();
      await page.getByRole("tab", { name: /Approvals/ }).click();
      await page.getByRole("button", { name: "Approve Eve Awaiting" }).waitFor();
      await expectAccessible("approvals tab with a pending registration");
      await page.getByRole("button", { name: "Approve Eve Awaiting" }).click();
      await page.getByText("No registration is waiting for approval.").waitFor();
      // The session is full: approved means waitlisted.
      expect((await roster()).items.find((i) => i.learnerId === eve.id)?.status).toBe("waitlisted");
      await expectAccessible("approvals tab");
      await page.getByRole("tab", { name: "Messages" }).click();
      await page.getByRole("heading", { name: "Messages sent" }).waitFor();
      await expectAccessible("messages tab");
      await page.getByRole("tab", { name: "Details" }).click();
      await page.getByRole("heading", { name: "What" }).waitFor();
      await expectAccessible("details tab");
    }, 60_000);

    it("shows the fill rate, waitlist and pending approvals on the dashboard", async () => {
      const answered = page.waitForResponse((r) => r.url().includes("/api/v1/enrollments/summary"));
      await page.goto("/");
      const summary = (await (await answered).json()) as SeatSummary;
      // Our session holds three learners on three seats, Eve waiting; demo sessions have none yet.
      expect(summary.items.find((i) => i.sessionId === sessionId)).toMatchObject({
        seated: 3,
        maxSeats: 3,
        waitlisted: 1,
      });
      const { seated, seats, fillRate, waitlisted } = summary.totals;
      await page.getByText(`${seated} of ${seats} seats taken`, { exact: true }).waitFor();
      await page.getByText(`${Math.round(fillRate! * 100)}%`, { exact: true }).waitFor();
      const waitlistedStat = page.getByText("Waitlisted", { exact: true }).locator("..");
      expect(await waitlistedStat.textContent()).toBe(`Waitlisted${waitlisted}`);
      await page.getByRole("heading", { name: "Sessions at risk" }).waitFor();
      await page
        .getByText(/^under minimum/)
        .first()
        .waitFor();
      await expectAccessible("dashboard");
    }, 60_000);
  },
);
