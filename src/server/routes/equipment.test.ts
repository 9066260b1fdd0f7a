import { expect, it } from "vitest";
import {
  client,
  describeEachDatabase,
  expectInvalid,
  expectProblem,
  ids,
  paths,
  unique,
  walkPages,
} from "../../../test/app.js";

describeEachDatabase("equipment API", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const other = () => client(ctx().app, ctx().b.token);

  async function newLocation(api = admin()): Promise<string> {
    const response = await api.post("/locations", { name: unique("Depot"), timeZone: "Europe/Madrid" });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  it("creates a mobile pool from {name, kind, quantity} with defaults, kind lower-cased", async () => {
    const created = await admin().post("/equipment", { name: "Laptops", kind: "  LapTop ", quantity: 20 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Laptops",
      kind: "laptop",
      quantity: 20,
      locationId: null,
      costPerDayMinor: null,
      currency: "EUR",
      notes: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    expect((await admin().get(`/equipment/${created.body.id}`)).body).toEqual(created.body);
  });

  it("round-trips a full body kept at a location", async () => {
    const locationId = await newLocation();
    const created = await admin().post("/equipment", {
      name: "VR headsets",
      kind: "vr-headset",
      quantity: 0,
      locationId,
      costPerDayMinor: 2_500,
      currency: "sek",
      notes: "Charge overnight",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "VR headsets",
      kind: "vr-headset",
      quantity: 0,
      locationId,
      costPerDayMinor: 2_500,
      currency: "SEK",
      notes: "Charge overnight",
    });
    expect((await admin().get(`/equipment/${created.body.id}`)).body).toEqual(created.body);
  });

  it("rejects invalid bodies with 422 naming each field", async () => {
    const empty = await admin().post("/equipment", {});
    expectInvalid(empty, ["kind", "name", "quantity"]);
    const bad = await admin().post("/equipment", {
      name: " ",
      kind: "",
      quantity: -1,
      locationId: "nowhere",
      costPerDayMinor: 0.5,
      currency: "EU",
    });
    expectInvalid(bad, ["costPerDayMinor", "currency", "kind", "locationId", "name", "quantity"]);
    const fractional = await admin().post("/equipment", { name: "x", kind: "y", quantity: 1.5 });
    expect(paths(fractional)).toEqual(["quantity"]);
  });

  it("refuses a missing, another tenant's or an archived location with 422 on locationId", async () => {
    const base = { name: unique("Kit"), kind: "projector", quantity: 2 };
    const missing = await admin().post("/equipment", {
      ...base,
      locationId: "01900000-0000-7000-8000-000000000002",
    });
    expectInvalid(missing, ["locationId"]);
    const foreign = await admin().post("/equipment", { ...base, locationId: await newLocation(other()) });
    expectInvalid(foreign, ["locationId"]);
    const archivedLocation = await newLocation();
    await admin().post(`/locations/${archivedLocation}/archive`);
    const archived = await admin().post("/equipment", { ...base, locationId: archivedLocation });
    expectInvalid(archived, ["locationId"]);

    const pool = await admin().post("/equipment", base);
    const moved = await admin().patch(`/equipment/${pool.body.id}`, { locationId: archivedLocation });
    expectInvalid(moved, ["locationId"]);
  });

  it("PATCH changes only what is sent; null clears optional fields and makes a pool mobile", async () => {
    const locationId = await newLocation();
    const created = await admin().post("/equipment", {
      name: unique("Flipcharts"),
      kind: "flipchart",
      quantity: 4,
      locationId,
      costPerDayMinor: 300,
      currency: "USD",
      notes: "Paper in cupboard",
    });
    const more = await admin().patch(`/equipment/${created.body.id}`, { quantity: 6 });
    expect(more.status).toBe(200);
    expect(more.body).toEqual({ ...created.body, quantity: 6, updatedAt: expect.any(String) });

    const cleared = await admin().patch(`/equipment/${created.body.id}`, {
      locationId: null,
      costPerDayMinor: null,
      notes: null,
      kind: "FLIPCHART-XL",
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      quantity: 6,
      locationId: null,
      costPerDayMinor: null,
      notes: null,
      kind: "flipchart-xl",
      currency: "USD",
    });
    expect((await admin().get(`/equipment/${created.body.id}`)).body).toEqual(cleared.body);
    const required = await admin().patch(`/equipment/${created.body.id}`, { quantity: null });
    expectInvalid(required, ["quantity"]);
  });

  it("refuses to delete a location holding equipment (409 in_use), allows it once the pool is gone", async () => {
    const locationId = await newLocation();
    const pool = await admin().post("/equipment", {
      name: unique("Screens"),
      kind: "screen",
      quantity: 3,
      locationId,
    });
    const refused = await admin().delete(`/locations/${locationId}`);
    expectProblem(refused, 409, "in_use");
    expect(refused.body.references).toEqual([{ entityType: "equipment pool", count: 1 }]);

    // Moving the pool away (mobile) releases the location.
    expect((await admin().patch(`/equipment/${pool.body.id}`, { locationId: null })).status).toBe(200);
    expect((await admin().delete(`/locations/${locationId}`)).status).toBe(204);
    expectProblem(await admin().get(`/locations/${locationId}`), 404, "not_found");

    expect((await admin().delete(`/equipment/${pool.body.id}`)).status).toBe(204);
    expectProblem(await admin().get(`/equipment/${pool.body.id}`), 404, "not_found");
  });

  it("counts rooms and equipment together when a location is in use", async () => {
    const locationId = await newLocation();
    await admin().post("/rooms", { locationId, name: "R", capacity: 3 });
    await admin().post("/equipment", { name: unique("Kit"), kind: "kit", quantity: 1, locationId });
    await admin().post("/equipment", { name: unique("Kit"), kind: "kit", quantity: 1, locationId });
    const refused = await admin().delete(`/locations/${locationId}`);
    expectProblem(refused, 409, "in_use");
    expect(refused.body.references).toEqual([
      { entityType: "room", count: 1 },
      { entityType: "equipment pool", count: 2 },
    ]);
  });

  it("keeps tenants apart: 404 for every operation on another tenant's pool, never listed", async () => {
    const pool = await admin().post("/equipment", {
      name: unique("Secret"),
      kind: "secret-kit",
      quantity: 1,
    });
    const id = pool.body.id;
    for (const response of [
      await other().get(`/equipment/${id}`),
      await other().patch(`/equipment/${id}`, { quantity: 100 }),
      await other().delete(`/equipment/${id}`),
      await other().post(`/equipment/${id}/archive`),
      await other().post(`/equipment/${id}/unarchive`),
    ]) {
      expectProblem(response, 404, "not_found");
    }
    for (const archived of ["exclude", "include", "only"]) {
      expect(ids(await other().get(`/equipment?archived=${archived}&limit=500`))).not.toContain(id);
    }
    expect((await other().get("/equipment?kind=secret-kit")).body.items).toEqual([]);
    expect((await admin().get(`/equipment/${id}`)).body).toEqual(pool.body);
  });

  it("lets a viewer read but not write", async () => {
    const pool = await admin().post("/equipment", { name: unique("Read"), kind: "cable", quantity: 5 });
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expect((await viewer.get(`/equipment/${pool.body.id}`)).status).toBe(200);
    expectProblem(await viewer.post("/equipment", { name: "n", kind: "k", quantity: 1 }), 403, "forbidden");
    expectProblem(await viewer.patch(`/equipment/${pool.body.id}`, { quantity: 1 }), 403, "forbidden");
    expectProblem(await viewer.delete(`/equipment/${pool.body.id}`), 403, "forbidden");
    expectProblem(await viewer.post(`/equipment/${pool.body.id}/archive`), 403, "forbidden");
    expect((await admin().get(`/equipment/${pool.body.id}`)).body.quantity).toBe(5);
  });

  it("archives and unarchives, with archived=exclude|include|only", async () => {
    const kind = unique("archkind");
    const kept = await admin().post("/equipment", { name: "Kept", kind, quantity: 1 });
    const gone = await admin().post("/equipment", { name: "Gone", kind, quantity: 1 });
    const archived = await admin().post(`/equipment/${gone.body.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect(ids(await admin().get(`/equipment?kind=${kind}`))).toEqual([kept.body.id]);
    expect(ids(await admin().get(`/equipment?kind=${kind}&archived=only`))).toEqual([gone.body.id]);
    expect(ids(await admin().get(`/equipment?kind=${kind}&archived=include`))).toEqual([
      kept.body.id,
      gone.body.id,
    ]);
    const restored = await admin().post(`/equipment/${gone.body.id}/unarchive`);
    expect(restored.body.archivedAt).toBeNull();
    expect(ids(await admin().get(`/equipment?kind=${kind}`))).toEqual([kept.body.id, gone.body.id]);
  });

  it("walks every page with a cursor: no duplicates, no gaps", async () => {
    const kind = unique("pagekind");
    const created: string[] = [];
    for (let index = 0; index < 7; index++) {
      created.push(
        (await admin().post("/equipment", { name: `Pool ${index}`, kind, quantity: index })).body.id,
      );
    }
    const { seen, sizes } = await walkPages(admin(), `/equipment?kind=${kind}&limit=3`);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(created);
    expect(new Set(seen).size).toBe(7);
  });

  it("filters by kind (case-insensitive), mobile, locationId and q", async () => {
    const kind = unique("beamer");
    const locationId = await newLocation();
    const mobile = await admin().post("/equipment", { name: "Travel beamers", kind, quantity: 2 });
    const fixed = await admin().post("/equipment", {
      name: "Ceiling beamers",
      kind,
      quantity: 5,
      locationId,
    });
    const cables = await admin().post("/equipment", {
      name: "HDMI cables",
      kind: unique("cable"),
      quantity: 50,
      locationId,
    });
    expect(ids(await admin().get(`/equipment?kind=${kind}`))).toEqual([mobile.body.id, fixed.body.id]);
    expect(ids(await admin().get(`/equipment?kind=${kind.toUpperCase()}`))).toEqual([
      mobile.body.id,
      fixed.body.id,
    ]);
    expect(ids(await admin().get(`/equipment?kind=${kind}&mobile=true`))).toEqual([mobile.body.id]);
    expect(ids(await admin().get(`/equipment?kind=${kind}&mobile=false`))).toEqual([fixed.body.id]);
    expect(ids(await admin().get(`/equipment?locationId=${locationId}`))).toEqual([
      fixed.body.id,
      cables.body.id,
    ]);
    expect(ids(await admin().get(`/equipment?locationId=${locationId}&q=hdmi`))).toEqual([cables.body.id]);
    const allMobile = ids(await admin().get("/equipment?mobile=true&limit=500"));
    expect(allMobile).toContain(mobile.body.id);
    expect(allMobile).not.toContain(fixed.body.id);
    expect(allMobile).not.toContain(cables.body.id);

    const invalid = await admin().get("/equipment?mobile=maybe");
    expectProblem(invalid, 400, "bad_request");
    expect(paths(invalid)).toEqual(["mobile"]);
  });

  it("writes create, update and delete audit events", async () => {
    const pool = await admin().post("/equipment", { name: unique("Audited"), kind: "mic", quantity: 2 });
    await admin().patch(`/equipment/${pool.body.id}`, { quantity: 3 });
    await admin().delete(`/equipment/${pool.body.id}`);
    const events = await admin().get(`/audit-events?entityType=equipment&entityId=${pool.body.id}`);
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      "delete",
      "update",
      "create",
    ]);
    expect(events.body.items[0].before).toMatchObject({ quantity: 3 });
    expect(events.body.items[2].after).toMatchObject({ id: pool.body.id, quantity: 2 });
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expectProblem(
      await viewer.get(`/audit-events?entityType=equipment&entityId=${pool.body.id}`),
      403,
      "forbidden",
    );
  });
});
