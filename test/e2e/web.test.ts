import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/core/auth/actor.js";
import type { Session } from "../../src/core/scheduling/sessions.schemas.js";
import { sessionQuerySchema } from "../../src/core/scheduling/sessions.schemas.js";
import {
  ADMIN,
  choose,
  type E2eApp,
  hasChromium,
  logIn,
  newContext,
  screenshot,
  seriousAxeViolations,
  skipReason,
  startE2eApp,
  VIEWER_ZONE,
} from "./harness.js";

const viewerDate = (iso: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: VIEWER_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(iso));
const DAY = 86_400_000;
const live = (s: Session) => s.status !== "cancelled" && s.status !== "postponed";
const activeInstructors = (s: Session) =>
  s.instructors.filter((a) => a.status === "requested" || a.status === "accepted");

if (!hasChromium) console.warn(skipReason);

(hasChromium ? describe : describe.skip)(
  `web app in Chromium${hasChromium ? "" : ` (${skipReason})`}`,
  () => {
    let app: E2eApp;
    let sessions: Session[];
    let page: Page;

    beforeAll(async () => {
      app = await startE2eApp();
      const listed = await app.core.sessions.list(
        systemActor(app.tenantId),
        sessionQuerySchema.parse({ from: new Date().toISOString(), limit: 500 }),
      );
      sessions = listed.items.filter(live);
      const context = await newContext(app);
      page = await context.newPage();
    }, 240_000);
    afterAll(async () => {
      await app?.close();
    });

    it("logs in and shows the tenant, the navigation and this week's sessions", async () => {
      await page.goto("/");
      await page.waitForURL(/\/login/);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.locator('input[type="password"]').fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("wrong");
      await logIn(page);
      await expect.poll(() => page.getByTestId("tenant-name").textContent()).toBe("Northwind Training");
      await page.getByRole("heading", { name: "Sessions at risk" }).waitFor();
      await page.getByRole("link", { name: "Resource timeline" }).waitFor();
      await page.waitForLoadState("networkidle");
      await screenshot(page, "dashboard", true);
    }, 60_000);

    it("flags a double booking while a session is written, applies a suggestion, and saves", async () => {
      const taken = sessions.find(
        (s) =>
          s.format === "ilt" &&
          s.segments.length === 1 &&
          s.segments[0]!.roomId &&
          activeInstructors(s).length === 1,
      )!;
      expect(taken, "the demo has a one-day in-person session with a room and an instructor").toBeDefined();
      const actor = systemActor(app.tenantId);
      const course = await app.core.courses.get(actor, taken.courseId);
      const room = await app.core.rooms.get(actor, taken.segments[0]!.roomId!);
      const location = await app.core.locations.get(actor, taken.locationId!);
      const instructor = await app.core.instructors.get(actor, activeInstructors(taken)[0]!.instructorId);

      const date = taken.segments[0]!.start.slice(0, 10);
      await page.goto(`/sessions/new?date=${date}`);
      await choose(page, "Course", `${course.code} · ${course.title}`);
      await choose(page, "Location", location.name);
      await choose(page, "Day 1 room", `${room.name} (${room.capacity})`);
      await page.getByRole("button", { name: "Add an instructor" }).click();
      await choose(page, "Instructor 1", instructor.name);

      const panel = page.getByTestId("conflict-panel");
      await panel.getByText("blocking").first().waitFor();
      const message = await panel.getByTestId("conflict-message").first().textContent();
      expect(message?.length).toBeGreaterThan(10);
      await expect.poll(() => page.getByRole("button", { name: "Schedule session" }).isDisabled()).toBe(true);
      await page.getByTestId("suggestions").getByRole("button").first().waitFor();
      await page.evaluate("window.scrollTo(0, 0)");
      await screenshot(page, "session-editor-conflict");

      // Take suggestions until nothing blocks (the instructor, then the room, or a free date).
      for (let round = 0; round < 4 && (await panel.getByText("blocking").count()) > 0; round++) {
        const suggestion = page
          .getByTestId("suggestions")
          .getByRole("button", { name: /^Use / })
          .or(page.getByTestId("suggestions").getByRole("button", { name: /^Move to / }))
          .first();
        const checked = page.waitForResponse(
          (r) => r.url().includes("/sessions/check") && r.status() === 200,
        );
        await suggestion.click();
        await checked;
        await page.waitForTimeout(50);
      }
      await panel.getByText("No conflicts").waitFor();
      await page.getByRole("button", { name: "Schedule session" }).click();
      await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
      const id = page.url().split("/").pop()!;
      const saved = await app.core.sessions.get(actor, id);
      expect(saved.courseId).toBe(course.id);
      const sameInstructor = saved.instructors.some((a) => a.instructorId === instructor.id);
      const sameRoom = saved.segments.some((s) => s.roomId === room.id);
      const sameDay = saved.segments[0]!.start.slice(0, 10) === date;
      expect(sameInstructor && sameRoom && sameDay).toBe(false);
    }, 90_000);

    it("shows the API's field errors next to the field they name", async () => {
      const course = sessions[0]!;
      const { code, title } = await app.core.courses.get(systemActor(app.tenantId), course.courseId);
      await page.goto(`/sessions/new?date=${course.segments[0]!.start.slice(0, 10)}`);
      await choose(page, "Course", `${code} · ${title}`);
      const to = page.getByLabel("To", { exact: true }).first();
      await to.fill("06:00");
      // The dry run answers 422 with errors[].path "segments.0.end": the message sits under that input.
      await expect.poll(() => to.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await to.getAttribute("aria-describedby")) ?? "";
      const descriptions = await Promise.all(
        describedBy.split(" ").map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      expect(descriptions.join(" ")).toContain("must be after start");
    }, 60_000);

    it("refuses a drag on the resource timeline into a room that is taken", async () => {
      // Two in-person sessions in different rooms within one two-week window, whose hours overlap
      // once the first is moved to the second one's day.
      const inRooms = sessions.filter(
        (s) => s.format === "ilt" && s.segments.length === 1 && s.segments[0]!.roomId,
      );
      let pair: [Session, Session] | undefined;
      for (const a of inRooms) {
        for (const b of inRooms) {
          if (a.id === b.id || a.segments[0]!.roomId === b.segments[0]!.roomId) continue;
          const days = Math.round(
            (Date.parse(`${viewerDate(b.startsAt)}T00:00Z`) -
              Date.parse(`${viewerDate(a.startsAt)}T00:00Z`)) /
              DAY,
          );
          if (days <= 0 || days > 6) continue;
          const start = Date.parse(a.startsAt) + days * DAY;
          const end = Date.parse(a.endsAt) + days * DAY;
          if (start < Date.parse(b.endsAt) && Date.parse(b.startsAt) < end) pair = [a, b];
          if (pair) break;
        }
        if (pair) break;
      }
      expect(pair, "the demo has two in-person sessions a few days apart").toBeDefined();
      const [moving, occupant] = pair!;
      await page.goto(`/timeline?by=rooms&date=${viewerDate(moving.startsAt)}`);
      const bar = page.locator(`.lectern-bar[data-session="${moving.id}"]`).first();
      await bar.waitFor();
      await page.waitForLoadState("networkidle");
      await screenshot(page, "resource-timeline");

      const target = page.locator(
        `[data-cell][data-row="${occupant.segments[0]!.roomId}"][data-date="${viewerDate(occupant.startsAt)}"]`,
      );
      await target.scrollIntoViewIfNeeded();
      const from = (await bar.boundingBox())!;
      const to = (await target.boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
      await page.mouse.up();

      const dialog = page.getByRole("dialog", { name: "This move is refused" });
      await dialog.waitFor();
      expect(await dialog.getByText("blocking").count()).toBeGreaterThan(0);
      expect(await dialog.getByRole("button", { name: "Save the move" }).count()).toBe(0);
      await dialog.getByRole("button", { name: "Keep it where it is" }).click();
      const after = await app.core.sessions.get(systemActor(app.tenantId), moving.id);
      expect(after.version).toBe(moving.version);
      expect(after.startsAt).toBe(moving.startsAt);
    }, 90_000);

    it("lets an instructor accept an assignment request in the portal, with a message", async () => {
      const requested = sessions.find((s) => s.instructors.some((a) => a.status === "requested"))!;
      expect(requested, "the demo has an unanswered assignment").toBeDefined();
      const assignment = requested.instructors.find((a) => a.status === "requested")!;
      const actor = systemActor(app.tenantId);
      const instructor = await app.core.instructors.get(actor, assignment.instructorId);
      await app.core.webAuth.createUser(actor, {
        email: "portal-instructor@example.com",
        name: instructor.name,
        role: "instructor",
        password: "instructor-pass-1",
        instructorId: instructor.id,
      });
      const context = await newContext(app);
      const portal = await context.newPage();
      await logIn(portal, "portal-instructor@example.com", "instructor-pass-1");
      await portal.waitForURL(/\/portal$/);
      const card = portal.getByTestId("assignment-request").filter({ hasText: requested.title }).first();
      await card.waitFor();
      await card.getByLabel("Message to the coordinator").fill("Happy to teach this one");
      await card.getByRole("button", { name: "Accept" }).click();
      await portal.getByText("Accepted").first().waitFor();

      const mine = await app.core.sessions.list(
        actor,
        sessionQuerySchema.parse({ instructorId: instructor.id, from: new Date().toISOString(), limit: 500 }),
      );
      const answered = mine.items.flatMap((s) =>
        s.instructors.filter(
          (a) => a.instructorId === instructor.id && a.responseNote === "Happy to teach this one",
        ),
      );
      expect(answered).toHaveLength(1);
      expect(answered[0]!.status).toBe("accepted");
      expect(await seriousAxeViolations(portal)).toEqual([]);
      await context.close();
    }, 90_000);

    it("has no serious or critical axe-core violations on the main pages", async () => {
      const anySession = sessions[0]!;
      const anInstructor =
        activeInstructors(anySession)[0]?.instructorId ?? anySession.instructors[0]?.instructorId;
      const pages = [
        "/",
        "/calendar?view=month",
        "/calendar?view=week",
        "/timeline",
        "/sessions",
        "/sessions/new",
        `/sessions/${anySession.id}`,
        "/courses",
        "/locations",
        "/equipment",
        "/instructors",
        ...(anInstructor ? [`/instructors/${anInstructor}`] : []),
        "/clients",
        "/learners",
        "/import",
      ];
      const findings: Record<string, unknown> = {};
      for (const path of pages) {
        await page.goto(path);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await page.waitForLoadState("networkidle");
        const violations = await seriousAxeViolations(page);
        if (violations.length) findings[path] = violations;
      }
      const guest = await (await newContext(app)).newPage();
      await guest.goto("/login");
      await guest.getByRole("button", { name: "Sign in" }).waitFor();
      const login = await seriousAxeViolations(guest);
      if (login.length) findings["/login"] = login;
      expect(findings).toEqual({});
    }, 180_000);
  },
);
