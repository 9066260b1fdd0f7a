import { expect, it } from "vitest";
import { client, describeEachDatabase } from "../../../test/app.js";

describeEachDatabase("locations API", (ctx) => {
  it("creates from the minimal body and returns defaults", async () => {
    const api = client(ctx().app, ctx().a.token);
    const created = await api.post("/locations", { name: "Berlin HQ", timeZone: "Europe/Berlin" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Berlin HQ",
      timeZone: "Europe/Berlin",
      travelTimes: [],
      address: {},
      archivedAt: null,
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const fetched = await api.get(`/locations/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);
  });

  it("rejects bad input with problem+json naming the field", async () => {
    const api = client(ctx().app, ctx().a.token);
    const response = await api.post("/locations", { name: "", timeZone: "Mars/Olympus" });
    expect(response.status).toBe(422);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.body.code).toBe("validation_failed");
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["name", "timeZone"]);
  });

  it("keeps travel times symmetric", async () => {
    const api = client(ctx().app, ctx().a.token);
    const london = await api.post("/locations", { name: "London", timeZone: "Europe/London" });
    const paris = await api.post("/locations", {
      name: "Paris",
      timeZone: "Europe/Paris",
      travelTimes: [{ locationId: london.body.id, minutes: 180 }],
    });
    expect(paris.status).toBe(201);
    const londonAgain = await api.get(`/locations/${london.body.id}`);
    expect(londonAgain.body.travelTimes).toEqual([{ locationId: paris.body.id, minutes: 180 }]);
  });

  it("hides one tenant's locations from another", async () => {
    const mine = await client(ctx().app, ctx().a.token).post("/locations", {
      name: "Private",
      timeZone: "UTC",
    });
    const other = client(ctx().app, ctx().b.token);
    expect((await other.get(`/locations/${mine.body.id}`)).status).toBe(404);
    expect((await other.patch(`/locations/${mine.body.id}`, { name: "Stolen" })).status).toBe(404);
    expect((await other.delete(`/locations/${mine.body.id}`)).status).toBe(404);
    const list = await other.get("/locations");
    expect(list.body.items.map((l: { id: string }) => l.id)).not.toContain(mine.body.id);
  });

  it("requires a token", async () => {
    const response = await client(ctx().app).get("/locations");
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("unauthenticated");
  });
});
