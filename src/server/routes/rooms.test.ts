import { expect, it } from "vitest";
import {
  client,
  describeEachDatabase,
  expectInvalid,
  expectProblem,
  ids,
  paths,
  unique,
} from "../../../test/app.js";

describeEachDatabase("rooms API", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const other = () => client(ctx().app, ctx().b.token);

  async function newLocation(api = admin(), timeZone = "Europe/Berlin"): Promise<string> {
    const response = await api.post("/locations", { name: unique("Site"), timeZone });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  it("creates from the minimal body {locationId, name, capacity} and fills every default", async () => {
    const locationId = await newLocation();
    const created = await admin().post("/rooms", { locationId, name: "Room 1", capacity: 12 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      locationId,
      name: "Room 1",
      capacity: 12,
      features: [],
      costPerDayMinor: null,
      costPerHourMinor: null,
      currency: "EUR",
      setupMinutes: 0,
      teardownMinutes: 0,
      notes: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    const fetched = await admin().get(`/rooms/${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it("round-trips a full body", async () => {
    const locationId = await newLocation();
    const created = await admin().post("/rooms", {
      locationId,
      name: "  Boardroom  ",
      capacity: 24,
      features: ["projector", "whiteboard", "projector", " wheelchair-access "],
      costPerDayMinor: 45_000,
      costPerHourMinor: 7_500,
      currency: "chf",
      setupMinutes: 30,
      teardownMinutes: 15,
      notes: "Key at reception",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      locationId,
      name: "Boardroom",
      capacity: 24,
      features: ["projector", "whiteboard", "wheelchair-access"],
      costPerDayMinor: 45_000,
      costPerHourMinor: 7_500,
      currency: "CHF",
      setupMinutes: 30,
      teardownMinutes: 15,
      notes: "Key at reception",
    });
    expect((await admin().get(`/rooms/${created.body.id}`)).body).toEqual(created.body);
    expect((await admin().get(`/rooms?locationId=${locationId}`)).body.items).toEqual([created.body]);
  });

  it("rejects invalid bodies with 422 naming each field", async () => {
    const empty = await admin().post("/rooms", {});
    expectInvalid(empty, ["capacity", "locationId", "name"]);

    const bad = await admin().post("/rooms", {
      locationId: "not-a-uuid",
      name: "",
      capacity: 0,
      features: [""],
      costPerDayMinor: -1,
      costPerHourMinor: 1.5,
      currency: "XYZ1",
      setupMinutes: 24 * 60 + 1,
      teardownMinutes: -5,
    });
    expectProblem(bad, 422, "validation_failed");
    expect(paths(bad)).toEqual(
      [
        "capacity",
        "costPerDayMinor",
        "costPerHourMinor",
        "currency",
        "features.0",
        "locationId",
        "name",
        "setupMinutes",
        "teardownMinutes",
      ].sort(),
    );
  });

  it("refuses a missing, another tenant's or an archived location with 422 on locationId", async () => {
    const missing = await admin().post("/rooms", {
      locationId: "01900000-0000-7000-8000-000000000001",
      name: unique("Room"),
      capacity: 5,
    });
    expectInvalid(missing, ["locationId"]);

    const theirs = await newLocation(other());
    const foreign = await admin().post("/rooms", { locationId: theirs, name: unique("Room"), capacity: 5 });
    expectInvalid(foreign, ["locationId"]);

    const archivedLocation = await newLocation();
    expect((await admin().post(`/locations/${archivedLocation}/archive`)).status).toBe(200);
    const archived = await admin().post("/rooms", {
      locationId: archivedLocation,
      name: unique("Room"),
      capacity: 5,
    });
    expectInvalid(archived, ["locationId"]);

    const room = await admin().post("/rooms", {
      locationId: await newLocation(),
      name: unique("Room"),
      capacity: 5,
    });
    const moved = await admin().patch(`/rooms/${room.body.id}`, { locationId: theirs });
    expectInvalid(moved, ["locationId"]);
    const movedToArchived = await admin().patch(`/rooms/${room.body.id}`, { locationId: archivedLocation });
    expectInvalid(movedToArchived, ["locationId"]);
    expect((await admin().get(`/rooms/${room.body.id}`)).body).toEqual(room.body);
  });

  it("PATCH changes only what is sent; null clears; lists are replaced", async () => {
    const locationId = await newLocation();
    const created = await admin().post("/rooms", {
      locationId,
      name: unique("Room"),
      capacity: 10,
      features: ["projector", "whiteboard"],
      costPerDayMinor: 1000,
      costPerHourMinor: 200,
      currency: "GBP",
      setupMinutes: 20,
      teardownMinutes: 10,
      notes: "Ground floor",
    });
    const renamed = await admin().patch(`/rooms/${created.body.id}`, { capacity: 14 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...created.body, capacity: 14, updatedAt: expect.any(String) });

    const cleared = await admin().patch(`/rooms/${created.body.id}`, {
      costPerDayMinor: null,
      costPerHourMinor: null,
      notes: null,
      features: ["flipchart"],
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      capacity: 14,
      costPerDayMinor: null,
      costPerHourMinor: null,
      notes: null,
      features: ["flipchart"],
      currency: "GBP",
      setupMinutes: 20,
      teardownMinutes: 10,
    });
    expect((await admin().get(`/rooms/${created.body.id}`)).body).toEqual(cleared.body);

    const required = await admin().patch(`/rooms/${created.body.id}`, { capacity: null, locationId: null });
    expectInvalid(required, ["capacity", "locationId"]);

    const otherLocation = await newLocation();
    const moved = await admin().patch(`/rooms/${created.body.id}`, { locationId: otherLocation });
    expect(moved.status).toBe(200);
    expect(moved.body.locationId).toBe(otherLocation);
  });

  it("keeps room names unique per location (409 on name), not across locations", async () => {
    const first = await newLocation();
    const second = await newLocation();
    const name = unique("Seminar");
    expect((await admin().post("/rooms", { locationId: first, name, capacity: 8 })).status).toBe(201);
    const duplicate = await admin().post("/rooms", { locationId: first, name, capacity: 9 });
    expectProblem(duplicate, 409, "conflict");
    expect(duplicate.body.errors[0].path).toBe("name");

    const elsewhere = await admin().post("/rooms", { locationId: second, name, capacity: 9 });
    expect(elsewhere.status).toBe(201);

    // Moving the second room into the first location makes the same clash.
    const clash = await admin().patch(`/rooms/${elsewhere.body.id}`, { locationId: first });
    expectProblem(clash, 409, "conflict");
    expect(clash.body.errors[0].path).toBe("name");

    const sibling = await admin().post("/rooms", { locationId: first, name: unique("Seminar"), capacity: 3 });
    const rename = await admin().patch(`/rooms/${sibling.body.id}`, { name });
    expectProblem(rename, 409, "conflict");
    expect(rename.body.errors[0].path).toBe("name");
  });

  it("keeps location names unique (409 on name)", async () => {
    const name = unique("Campus");
    expect((await admin().post("/locations", { name, timeZone: "UTC" })).status).toBe(201);
    const duplicate = await admin().post("/locations", { name, timeZone: "Europe/Paris" });
    expectProblem(duplicate, 409, "conflict");
    expect(duplicate.body.errors[0].path).toBe("name");
    const second = await admin().post("/locations", { name: unique("Campus"), timeZone: "UTC" });
    const rename = await admin().patch(`/locations/${second.body.id}`, { name });
    expectProblem(rename, 409, "conflict");
    expect(rename.body.errors[0].path).toBe("name");
    expect((await other().post("/locations", { name, timeZone: "UTC" })).status).toBe(201);
  });

  it("refuses to delete a location that has rooms (409 in_use with references), then allows it", async () => {
    const locationId = await newLocation();
    const one = await admin().post("/rooms", { locationId, name: "A", capacity: 4 });
    const two = await admin().post("/rooms", { locationId, name: "B", capacity: 4 });
    const refused = await admin().delete(`/locations/${locationId}`);
    expectProblem(refused, 409, "in_use");
    expect(refused.body.references).toEqual([{ entityType: "room", count: 2 }]);
    expect((await admin().get(`/locations/${locationId}`)).status).toBe(200);

    expect((await admin().delete(`/rooms/${one.body.id}`)).status).toBe(204);
    const stillRefused = await admin().delete(`/locations/${locationId}`);
    expectProblem(stillRefused, 409, "in_use");
    expect(stillRefused.body.references).toEqual([{ entityType: "room", count: 1 }]);

    expect((await admin().delete(`/rooms/${two.body.id}`)).status).toBe(204);
    expectProblem(await admin().get(`/rooms/${two.body.id}`), 404, "not_found");
    expect((await admin().delete(`/locations/${locationId}`)).status).toBe(204);
    expectProblem(await admin().get(`/locations/${locationId}`), 404, "not_found");
  });

  it("keeps tenants apart: 404 for every operation on another tenant's room, never listed", async () => {
    const locationId = await newLocation();
    const room = await admin().post("/rooms", { locationId, name: unique("Private"), capacity: 6 });
    const id = room.body.id;
    for (const response of [
      await other().get(`/rooms/${id}`),
      await other().patch(`/rooms/${id}`, { capacity: 1 }),
      await other().delete(`/rooms/${id}`),
      await other().post(`/rooms/${id}/archive`),
      await other().post(`/rooms/${id}/unarchive`),
    ]) {
      expectProblem(response, 404, "not_found");
    }
    for (const archived of ["exclude", "include", "only"]) {
      expect(ids(await other().get(`/rooms?archived=${archived}&limit=500`))).not.toContain(id);
    }
    expect((await other().get(`/rooms?locationId=${locationId}`)).body.items).toEqual([]);
    expect((await admin().get(`/rooms/${id}`)).body).toEqual(room.body);
  });

  it("lets a viewer read but not write", async () => {
    const locationId = await newLocation();
    const room = await admin().post("/rooms", { locationId, name: unique("View"), capacity: 6 });
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expect((await viewer.get(`/rooms/${room.body.id}`)).status).toBe(200);
    expectProblem(
      await viewer.post("/rooms", { locationId, name: unique("No"), capacity: 2 }),
      403,
      "forbidden",
    );
    expectProblem(await viewer.patch(`/rooms/${room.body.id}`, { capacity: 2 }), 403, "forbidden");
    expectProblem(await viewer.delete(`/rooms/${room.body.id}`), 403, "forbidden");
    expectProblem(await viewer.post(`/rooms/${room.body.id}/archive`), 403, "forbidden");
    expectProblem(await client(ctx().app).get("/rooms"), 401, "unauthenticated");
    expect((await admin().get(`/rooms/${room.body.id}`)).body).toEqual(room.body);
  });

  it("archives and unarchives, with archived=exclude|include|only", async () => {
    const locationId = await newLocation();
    const kept = await admin().post("/rooms", { locationId, name: "Kept", capacity: 5 });
    const gone = await admin().post("/rooms", { locationId, name: "Gone", capacity: 5 });
    const archived = await admin().post(`/rooms/${gone.body.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect(ids(await admin().get(`/rooms?locationId=${locationId}`))).toEqual([kept.body.id]);
    expect(ids(await admin().get(`/rooms?locationId=${locationId}&archived=only`))).toEqual([gone.body.id]);
    expect(ids(await admin().get(`/rooms?locationId=${locationId}&archived=include`))).toEqual([
      kept.body.id,
      gone.body.id,
    ]);
    const restored = await admin().post(`/rooms/${gone.body.id}/unarchive`);
    expect(restored.body.archivedAt).toBeNull();
    expect(ids(await admin().get(`/rooms?locationId=${locationId}`))).toEqual([kept.body.id, gone.body.id]);
  });

  it("walks every page with a cursor: no duplicates, no gaps", async () => {
    const locationId = await newLocation();
    const created: string[] = [];
    for (let index = 0; index < 7; index++) {
      created.push(
        (await admin().post("/rooms", { locationId, name: `Room ${index}`, capacity: 5 + index })).body.id,
      );
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const url: string = `/rooms?locationId=${locationId}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await admin().get(url);
      expect(page.status).toBe(200);
      sizes.push(page.body.items.length);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
      if (cursor === null) break;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(created);
    expect(new Set(seen).size).toBe(7);
  });

  it("filters by locationId, minCapacity, feature and q, combined with AND", async () => {
    const locationId = await newLocation();
    const elsewhere = await newLocation();
    const small = await admin().post("/rooms", {
      locationId,
      name: "Small huddle",
      capacity: 4,
      features: ["whiteboard"],
    });
    const medium = await admin().post("/rooms", {
      locationId,
      name: "Medium lab",
      capacity: 12,
      features: ["projector", "whiteboard"],
    });
    const large = await admin().post("/rooms", {
      locationId,
      name: "Large hall",
      capacity: 40,
      features: ["projector"],
    });
    const far = await admin().post("/rooms", {
      locationId: elsewhere,
      name: "Far lab",
      capacity: 30,
      features: ["projector"],
    });
    const at = `/rooms?locationId=${locationId}`;
    expect(ids(await admin().get(at))).toEqual([small.body.id, medium.body.id, large.body.id]);
    expect(ids(await admin().get(`${at}&minCapacity=12`))).toEqual([medium.body.id, large.body.id]);
    expect(ids(await admin().get(`${at}&minCapacity=13`))).toEqual([large.body.id]);
    expect(ids(await admin().get(`${at}&minCapacity=41`))).toEqual([]);
    expect(ids(await admin().get(`${at}&feature=projector`))).toEqual([medium.body.id, large.body.id]);
    expect(ids(await admin().get(`${at}&feature=whiteboard`))).toEqual([small.body.id, medium.body.id]);
    expect(ids(await admin().get(`${at}&feature=projector&minCapacity=20`))).toEqual([large.body.id]);
    expect(ids(await admin().get(`${at}&feature=sauna`))).toEqual([]);
    expect(ids(await admin().get(`${at}&q=LAB`))).toEqual([medium.body.id]);
    expect(ids(await admin().get(`/rooms?locationId=${elsewhere}&feature=projector`))).toEqual([far.body.id]);
    const anywhere = ids(await admin().get("/rooms?feature=projector&minCapacity=30&limit=500"));
    expect(anywhere).toContain(far.body.id);
    expect(anywhere).toContain(large.body.id);
    expect(anywhere).not.toContain(medium.body.id);

    for (const query of ["minCapacity=-1", "minCapacity=abc", "minCapacity=1.5"]) {
      const response = await admin().get(`/rooms?${query}`);
      expectProblem(response, 400, "bad_request");
      expect(paths(response)).toEqual(["minCapacity"]);
    }
  });

  it("writes create, update and delete audit events", async () => {
    const locationId = await newLocation();
    const room = await admin().post("/rooms", { locationId, name: unique("Audit"), capacity: 7 });
    await admin().patch(`/rooms/${room.body.id}`, { capacity: 9 });
    await admin().delete(`/rooms/${room.body.id}`);
    const events = await admin().get(`/audit-events?entityType=room&entityId=${room.body.id}`);
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      "delete",
      "update",
      "create",
    ]);
    expect(events.body.items[1].before).toMatchObject({ capacity: 7 });
    expect(events.body.items[1].after).toMatchObject({ capacity: 9 });
    expect(events.body.items.every((e: { entityType: string }) => e.entityType === "room")).toBe(true);
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expectProblem(await viewer.get(`/audit-events?entityType=room`), 403, "forbidden");
  });
});
