import { expect, it } from "vitest";
import { client, describeEachDatabase, expectInvalid, expectProblem } from "../../../test/app.js";
import { schedulingWorld, sessionBody } from "../../../test/scheduling-fixtures.js";

describeEachDatabase("session series, clones and shifts", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const seriesBody = (world: any, extra: Record<string, unknown> = {}) => {
    const { segments: _segments, ...base } = sessionBody(world, "2027-03-02");
    return {
      ...base,
      rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
      start: "2027-03-02",
      exceptions: ["2027-03-23"],
      pattern: [{ startTime: "09:00", endTime: "12:00", roomId: world.roomA.id }],
      ...extra,
    };
  };

  it("creates a weekly series at 09:00 Berlin on both sides of the DST change, skipping a holiday", async () => {
    const world = await schedulingWorld(admin());
    const created = await admin().post("/sessions/series", seriesBody(world));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.sessions).toHaveLength(9);
    const starts = created.body.sessions.map((s: any) => [s.segments[0].start, s.segments[0].startsAt]);
    expect(starts[0]).toEqual(["2027-03-02T09:00", "2027-03-02T08:00:00.000Z"]);
    expect(starts[3]).toEqual(["2027-03-30T09:00", "2027-03-30T07:00:00.000Z"]);
    expect(starts.map((s: string[]) => s[0]!.slice(0, 10))).not.toContain("2027-03-23");
    const listed = await admin().get(`/sessions?seriesId=${created.body.seriesId}&limit=50`);
    expect(listed.body.items).toHaveLength(9);
  });

  it("creates none when one occurrence conflicts, and says which (dry run shows the same)", async () => {
    const world = await schedulingWorld(admin());
    await admin().post("/sessions", sessionBody(world, "2027-03-16"));
    const dry = await admin().post("/sessions/series", seriesBody(world, { dryRun: true }));
    expect(dry.status).toBe(200);
    expect(dry.body.occurrences.filter((o: any) => o.conflicts.length > 0).map((o: any) => o.date)).toEqual([
      "2027-03-16",
    ]);
    const refused = await admin().post("/sessions/series", seriesBody(world));
    expectProblem(refused, 409, "conflict");
    expect(refused.body.occurrences.map((o: any) => o.date)).toEqual(["2027-03-16"]);
    const anna = await admin().get(`/sessions?instructorId=${world.anna.id}&limit=50`);
    expect(anna.body.items).toHaveLength(1);
    expectInvalid(
      await admin().post("/sessions/series", seriesBody(world, { rrule: "FREQ=YEARLY;COUNT=2" })),
      ["rrule"],
    );
  });

  it("clones a session to another date, keeping what is free and reporting the rest", async () => {
    const world = await schedulingWorld(admin());
    const original = (await admin().post("/sessions", sessionBody(world, "2027-06-07"))).body;
    await admin().post(
      "/sessions",
      sessionBody(world, "2027-06-14", {
        segments: [{ start: "2027-06-14T08:00", end: "2027-06-14T10:00" }],
      }),
    );
    const clone = await admin().post(`/sessions/${original.id}/clone`, { startDate: "2027-06-14" });
    expect(clone.status, JSON.stringify(clone.body)).toBe(201);
    expect(clone.body.session).toMatchObject({
      status: "draft",
      segments: [{ start: "2027-06-14T09:00", roomId: world.roomA.id }],
      instructors: [],
    });
    expect(clone.body.dropped.map((c: any) => [c.type, c.resource.id])).toEqual([
      ["instructor_double_booked", world.anna.id],
    ]);
  });

  it("shifts a series by whole days, all or none", async () => {
    const world = await schedulingWorld(admin());
    const series = (
      await admin().post(
        "/sessions/series",
        seriesBody(world, { rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=3", start: "2027-09-07", exceptions: [] }),
      )
    ).body;
    const moved = await admin().post(`/sessions/series/${series.seriesId}/shift`, {
      days: 1,
      reason: "Tuesday is a holiday week",
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.sessions.map((s: any) => s.segments[0].start)).toEqual([
      "2027-09-08T09:00",
      "2027-09-15T09:00",
      "2027-09-22T09:00",
    ]);
    await admin().post(
      "/sessions",
      sessionBody(world, "2027-09-16", {
        segments: [{ start: "2027-09-16T09:00", end: "2027-09-16T10:00" }],
      }),
    );
    const blocked = await admin().post(`/sessions/series/${series.seriesId}/shift`, {
      days: 1,
      reason: null,
    });
    expectProblem(blocked, 409, "conflict");
    expect(blocked.body.sessions).toHaveLength(1);
    const unchanged = await admin().get(`/sessions?seriesId=${series.seriesId}`);
    expect(unchanged.body.items.map((s: any) => s.segments[0].start).sort()).toEqual([
      "2027-09-08T09:00",
      "2027-09-15T09:00",
      "2027-09-22T09:00",
    ]);
    expectProblem(
      await admin().post("/sessions/series/01900000-0000-7000-8000-000000000000/shift", { days: 1 }),
      404,
      "not_found",
    );
  });
});
