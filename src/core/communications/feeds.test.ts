import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "../../../test/app.js";
import { createCommsContext, readCalendar } from "../../../test/comms.js";
import { databaseKinds } from "../../../test/databases.js";
import { schedulingWorld, sessionBody } from "../../../test/scheduling-fixtures.js";

describe.each(databaseKinds)("iCalendar feeds [%s]", (kind) => {
  let created: Awaited<ReturnType<typeof createCommsContext>>;
  beforeAll(async () => {
    created = await createCommsContext(kind, {});
  }, 60_000);
  afterAll(() => created?.close());

  it("show an instructor's, room's and location's sessions live, in zone across DST, until revoked", async () => {
    const { app, a, b } = created.context;
    const api = client(app, a.token);
    const world = await schedulingWorld(api);
    const summer = (await api.post("/sessions", sessionBody(world, "2027-10-29", { status: "planned" })))
      .body;
    const winter = (await api.post("/sessions", sessionBody(world, "2027-11-02", { status: "planned" })))
      .body;

    const feed = await api.post("/feeds", { kind: "instructor", subjectId: world.anna.id });
    expect(feed.status).toBe(201);
    expect(feed.body.url).toBe(`http://lectern.test/api/v1/feeds/${feed.body.token}.ics`);
    const path = `/api/v1/feeds/${feed.body.token}.ics`;
    const fetchFeed = () => app.inject({ method: "GET", url: path });
    const first = await fetchFeed();
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toContain("text/calendar");
    const calendar = readCalendar(first.body);
    expect(calendar.method).toBe("PUBLISH");
    const byUid = new Map(calendar.events.map((e) => [e.uid, e]));
    expect(byUid.get(`${summer.id}-0@lectern`)).toMatchObject({
      start: Date.parse("2027-10-29T07:00:00Z"),
      local: "2027-10-29T09:00:00",
      zone: "Europe/Berlin",
    });
    expect(byUid.get(`${winter.id}-0@lectern`)).toMatchObject({
      start: Date.parse("2027-11-02T08:00:00Z"),
      local: "2027-11-02T09:00:00",
    });

    // A change shows on the next fetch, same UID, higher SEQUENCE.
    const record = (await api.get(`/sessions/${winter.id}`)).body;
    await api.post(`/sessions/${winter.id}/reschedule`, {
      segments: [
        {
          id: record.segments[0].id,
          start: "2027-11-03T10:00",
          end: "2027-11-03T16:00",
          roomId: world.roomA.id,
        },
      ],
    });
    const moved = readCalendar((await fetchFeed()).body).events.find(
      (e) => e.uid === `${winter.id}-0@lectern`,
    )!;
    expect(moved.start).toBe(Date.parse("2027-11-03T09:00:00Z"));
    expect(moved.sequence).toBeGreaterThan(byUid.get(`${winter.id}-0@lectern`)!.sequence);
    await api.post(`/sessions/${summer.id}/status`, { status: "cancelled" });
    const cancelled = readCalendar((await fetchFeed()).body).events.find(
      (e) => e.uid === `${summer.id}-0@lectern`,
    )!;
    expect(cancelled.status).toBe("CANCELLED");

    for (const [kindName, subjectId] of [
      ["room", world.roomA.id],
      ["location", world.location.id],
    ] as const) {
      const other = await api.post("/feeds", { kind: kindName, subjectId });
      const text = (await app.inject({ method: "GET", url: `/api/v1/feeds/${other.body.token}.ics` })).body;
      expect(readCalendar(text).events.map((e) => e.uid)).toContain(`${winter.id}-0@lectern`);
    }
    const ben = await api.post("/feeds", { kind: "instructor", subjectId: world.ben.id });
    expect(
      readCalendar((await app.inject({ method: "GET", url: `/api/v1/feeds/${ben.body.token}.ics` })).body)
        .events,
    ).toEqual([]);

    expect((await api.post("/feeds", { kind: "room", subjectId: world.anna.id })).status).toBe(404);
    expect((await client(app, b.token).post(`/feeds/${feed.body.id}/revoke`)).status).toBe(404);
    expect(
      (await client(app, b.token).post("/feeds", { kind: "instructor", subjectId: world.anna.id })).status,
    ).toBe(404);
    const listed = await api.get(`/feeds?kind=instructor&subjectId=${world.anna.id}`);
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(feed.body.token);

    const revoked = await api.post(`/feeds/${feed.body.id}/revoke`);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await fetchFeed()).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/api/v1/feeds/lcf_nope.ics" })).statusCode).toBe(404);
  });
});
