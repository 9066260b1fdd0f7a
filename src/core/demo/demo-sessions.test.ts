import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/app.js";
import { systemActor } from "../auth/actor.js";
import type { Session } from "../scheduling/sessions.schemas.js";
import { sessionCheckSchema, sessionQuerySchema } from "../scheduling/sessions.schemas.js";
import { seedDemoSessions } from "./demo-sessions.js";
import { seedDemo } from "./seed-demo.js";

describeEachDatabase("demo sessions", (context) => {
  let created: number;
  let sessions: Session[];

  beforeAll(async () => {
    const { core, a } = context();
    await seedDemo(core, a.id, { seed: 3 });
    created = await seedDemoSessions(core, a.id, { from: "2027-03-01", weeks: 2, perWeek: 5 });
    sessions = (await core.sessions.list(a.actor, sessionQuerySchema.parse({ limit: 500 }))).items;
  }, 180_000);

  it("schedules sessions over the weeks asked for, on weekdays", () => {
    expect(created).toBeGreaterThanOrEqual(6);
    expect(sessions).toHaveLength(created);
    for (const session of sessions) {
      expect(session.startsAt >= "2027-02-28").toBe(true);
      expect(session.startsAt < "2027-03-20").toBe(true);
      for (const segment of session.segments) {
        expect([0, 6]).not.toContain(new Date(`${segment.start.slice(0, 10)}T12:00:00Z`).getUTCDay());
      }
    }
  });

  it("leaves no conflict at all: every session passes the same dry run that guards writes", async () => {
    const { core, a } = context();
    for (const s of sessions) {
      const { conflicts } = await core.sessions.check(
        a.actor,
        sessionCheckSchema.parse({
          sessionId: s.id,
          courseId: s.courseId,
          format: s.format,
          timeZone: s.timeZone,
          locationId: s.locationId,
          segments: s.segments.map((g) => ({ id: g.id, start: g.start, end: g.end, roomId: g.roomId })),
          instructors: s.instructors.map((i) => ({ instructorId: i.instructorId, role: i.role })),
          suggestions: false,
        }),
      );
      expect(conflicts, s.title).toEqual([]);
    }
  });

  it("mixes answered and unanswered assignments, and stays in its own tenant", async () => {
    const statuses = new Set(sessions.flatMap((s) => s.instructors.map((i) => i.status)));
    expect(statuses.has("accepted")).toBe(true);
    const { core, b } = context();
    const other = await core.sessions.list(systemActor(b.id), sessionQuerySchema.parse({ limit: 5 }));
    expect(other.items).toHaveLength(0);
  });
});
