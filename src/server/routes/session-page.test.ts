import { beforeEach, expect, it } from "vitest";
import { client, describeEachDatabase, expectProblem } from "../../../test/app.js";
import { enrollmentWorld, learners, ok, virtualSession } from "../../../test/enrollment-fixtures.js";

// The reads behind the web app's session page and dashboard: attendance so far, and seat counts.
const clock = { current: Date.parse("2027-03-01T08:00:00Z"), now: () => clock.current };

describeEachDatabase(
  "session page and dashboard reads",
  (ctx) => {
    const admin = () => client(ctx().app, ctx().a.token);
    beforeEach(() => {
      clock.current = Date.parse("2027-03-01T08:00:00Z");
    });
    const enroll = async (sessionId: string, learnerId: string) =>
      ok(admin().post(`/sessions/${sessionId}/enrollments`, { learnerId }));

    it("summarises seats offered and taken, waitlists, approvals and sessions under their minimum", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 2, 2);
      const full = await virtualSession(api, world, "2027-03-08");
      const short = await virtualSession(api, world, "2027-03-09");
      const approval = await virtualSession(api, world, "2027-03-10");
      const cancelled = await virtualSession(api, world, "2027-03-11");
      const later = await virtualSession(api, world, "2027-04-20");
      await ok(api.put(`/sessions/${approval.id}/enrollment-policy`, { approvalRequired: true }));
      const people = await learners(api, 6);
      for (const person of people.slice(0, 3)) await enroll(full.id, person.id);
      await enroll(short.id, people[3]!.id);
      expect((await enroll(approval.id, people[4]!.id)).status).toBe("pending_approval");
      await enroll(cancelled.id, people[5]!.id);
      await enroll(later.id, people[5]!.id);
      await ok(api.post(`/sessions/${cancelled.id}/status`, { status: "cancelled", reason: "low" }));

      // Default window: from now, 28 days.
      const summary = await ok(api.get("/enrollments/summary"));
      expect(summary.from).toBe("2027-03-01T08:00:00.000Z");
      expect(summary.to).toBe("2027-03-29T08:00:00.000Z");
      expect(summary.items.map((i: any) => [i.sessionId, i.seated, i.waitlisted, i.pendingApproval])).toEqual(
        [
          [full.id, 2, 1, 0],
          [short.id, 1, 0, 0],
          [approval.id, 0, 0, 1],
        ],
      );
      expect(summary.items[0]).toMatchObject({ minSeats: 2, maxSeats: 2, status: "draft" });
      expect(summary.totals).toEqual({
        sessions: 3,
        seats: 6,
        seated: 3,
        waitlisted: 1,
        pendingApproval: 1,
        underMinimum: 2,
        fillRate: 0.5,
      });

      const window = await ok(
        api.get("/enrollments/summary?from=2027-04-01T00:00:00Z&to=2027-05-01T00:00:00Z"),
      );
      expect(window.items.map((i: any) => i.sessionId)).toEqual([later.id]);
      expect(window.totals.fillRate).toBe(0.5);

      // Nothing in a window without sessions: no fill rate rather than a made-up one.
      const empty = await ok(
        api.get("/enrollments/summary?from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z"),
      );
      expect(empty.totals).toMatchObject({ sessions: 0, seats: 0, fillRate: null });

      const backwards = await api.get(
        "/enrollments/summary?from=2027-04-01T00:00:00Z&to=2027-03-01T00:00:00Z",
      );
      expectProblem(backwards, 422, "validation_failed");
      expect(backwards.body.errors[0]).toMatchObject({ path: "to" });
      expectProblem(await api.get("/enrollments/summary?from=yesterday"), 400, "bad_request");

      // Another tenant sees none of it; viewers may read it.
      const other = await ok(client(ctx().app, ctx().b.token).get("/enrollments/summary"));
      expect(other.items).toEqual([]);
      const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
      expect((await ok(viewer.get("/enrollments/summary"))).totals.sessions).toBe(3);
    });

    it("lists the attendance recorded per learner and segment, for coordinators and instructors", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 2);
      const session = await virtualSession(api, world, "2027-03-15", {
        segments: [
          { start: "2027-03-15T09:00", end: "2027-03-15T17:00" },
          { start: "2027-03-16T09:00", end: "2027-03-16T17:00" },
        ],
      });
      const [a, b, c] = await learners(api, 3);
      const first = await enroll(session.id, a!.id);
      const second = await enroll(session.id, b!.id);
      const waiting = await enroll(session.id, c!.id);
      expect((await ok(api.get(`/sessions/${session.id}/attendance`))).items).toEqual([]);

      const [day1, day2] = session.segments;
      await ok(
        api.post(`/sessions/${session.id}/attendance`, {
          segmentId: day1.id,
          records: [
            { enrollmentId: first.id, status: "present" },
            { enrollmentId: second.id, status: "absent" },
          ],
        }),
      );
      // A second mark of the same cell replaces the first.
      await ok(
        api.post(`/sessions/${session.id}/attendance`, {
          segmentId: day1.id,
          records: [{ enrollmentId: second.id, status: "late" }],
        }),
      );
      await ok(
        api.post(`/sessions/${session.id}/attendance`, {
          segmentId: day2.id,
          records: [{ enrollmentId: first.id, status: "excused" }],
        }),
      );
      const listed = await ok(api.get(`/sessions/${session.id}/attendance`));
      const cells = listed.items
        .map((i: any) => [i.enrollmentId, i.segmentId, i.status, i.method])
        .sort((x: string[], y: string[]) => `${x[0]}${x[1]}`.localeCompare(`${y[0]}${y[1]}`));
      expect(cells).toEqual(
        [
          [first.id, day1.id, "present", "manual"],
          [first.id, day2.id, "excused", "manual"],
          [second.id, day1.id, "late", "manual"],
        ].sort((x, y) => `${x[0]}${x[1]}`.localeCompare(`${y[0]}${y[1]}`)),
      );
      expect(listed.items[0].recordedAt).toBe("2027-03-01T08:00:00.000Z");
      expect(listed.items.some((i: any) => i.enrollmentId === waiting.id)).toBe(false);

      const instructor = client(ctx().app, await ctx().a.tokenFor("instructor"));
      expect((await ok(instructor.get(`/sessions/${session.id}/attendance`))).items).toHaveLength(3);
      const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
      expectProblem(await viewer.get(`/sessions/${session.id}/attendance`), 403, "forbidden");
      expectProblem(
        await client(ctx().app, ctx().b.token).get(`/sessions/${session.id}/attendance`),
        404,
        "not_found",
      );
    });
  },
  { clock },
);
