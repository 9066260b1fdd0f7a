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

describeEachDatabase("system API (health, me, tenant, tokens, audit events)", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const other = () => client(ctx().app, ctx().b.token);

  // ── health and identity ───────────────────────────────────────────────────

  it("reports health without a token", async () => {
    const response = await client(ctx().app).get("/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: "ok",
      version: expect.any(String),
      database: { status: "ok", dialect: ctx().kind, latencyMs: expect.any(Number) },
    });
    expect(response.body.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("answers /me with the token's tenant and actor", async () => {
    const me = await admin().get("/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      tenant: { id: ctx().a.id, slug: "tenant-a", name: "Tenant tenant-a" },
      actor: {
        kind: "token",
        id: expect.any(String),
        label: "admin",
        role: "admin",
        clientId: null,
        learnerId: null,
      },
      user: null,
    });
    const them = await other().get("/me");
    expect(them.body.tenant).toEqual({ id: ctx().b.id, slug: "tenant-b", name: "Tenant tenant-b" });
    const viewer = await client(ctx().app, await ctx().a.tokenFor("viewer")).get("/me");
    expect(viewer.body.actor).toMatchObject({ kind: "token", role: "viewer", label: "viewer" });
    expect(viewer.body.tenant.id).toBe(ctx().a.id);
    expectProblem(await client(ctx().app).get("/me"), 401, "unauthenticated");
    expectProblem(await client(ctx().app, "lct_bogus").get("/me"), 401, "unauthenticated");
  });

  it("answers unknown routes with a 404 problem", async () => {
    const response = await admin().get("/no-such-thing");
    expectProblem(response, 404, "not_found");
  });

  // ── tenant ────────────────────────────────────────────────────────────────

  it("GET /tenant shows the tenant and its defaults", async () => {
    const response = await admin().get("/tenant");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: ctx().a.id,
      slug: "tenant-a",
      name: "Tenant tenant-a",
      defaultCurrency: "EUR",
      defaultTimeZone: "UTC",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expect((await viewer.get("/tenant")).body.id).toBe(ctx().a.id);
    expect((await other().get("/tenant")).body.id).toBe(ctx().b.id);
    expectProblem(await client(ctx().app).get("/tenant"), 401, "unauthenticated");
  });

  it("PATCH /tenant defaultCurrency is used by records created without a currency", async () => {
    const location = await admin().post("/locations", { name: unique("Site"), timeZone: "UTC" });
    const before = await admin().post("/rooms", {
      locationId: location.body.id,
      name: "Before",
      capacity: 5,
    });
    expect(before.body.currency).toBe("EUR");

    const patched = await admin().patch("/tenant", { defaultCurrency: "usd" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: ctx().a.id, defaultCurrency: "USD", defaultTimeZone: "UTC" });
    expect((await admin().get("/tenant")).body).toEqual(patched.body);

    const room = await admin().post("/rooms", { locationId: location.body.id, name: "After", capacity: 5 });
    expect(room.status).toBe(201);
    expect(room.body.currency).toBe("USD");
    const explicit = await admin().post("/rooms", {
      locationId: location.body.id,
      name: "Explicit",
      capacity: 5,
      currency: "JPY",
    });
    expect(explicit.body.currency).toBe("JPY");
    const course = await admin().post("/courses", { code: unique("CUR"), title: "Priced" });
    expect(course.body.currency).toBe("USD");
    const clientRecord = await admin().post("/clients", { name: unique("Client") });
    expect(clientRecord.body.currency).toBe("USD");

    // Existing records keep their currency, also when edited.
    expect((await admin().get(`/rooms/${before.body.id}`)).body.currency).toBe("EUR");
    expect((await admin().patch(`/rooms/${before.body.id}`, { capacity: 6 })).body.currency).toBe("EUR");

    // The other tenant is untouched.
    expect((await other().get("/tenant")).body.defaultCurrency).toBe("EUR");
    const theirs = await other().post("/courses", { code: unique("CUR"), title: "Theirs" });
    expect(theirs.body.currency).toBe("EUR");

    expect((await admin().patch("/tenant", { defaultCurrency: "EUR" })).body.defaultCurrency).toBe("EUR");
  });

  it("PATCH /tenant defaultTimeZone is used by instructors without zone or home location", async () => {
    const patched = await admin().patch("/tenant", { defaultTimeZone: "America/Chicago", name: "Renamed A" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: "Renamed A", defaultTimeZone: "America/Chicago" });
    expect(patched.body.defaultCurrency).toBe("EUR");
    const instructor = await admin().post("/instructors", {
      name: "Zone Default",
      email: `${unique("zone")}@example.com`,
    });
    expect(instructor.body.timeZone).toBe("America/Chicago");
    expect((await admin().get("/me")).body.tenant.name).toBe("Renamed A");

    const events = await admin().get(`/audit-events?entityType=tenant&entityId=${ctx().a.id}`);
    expect(events.body.items[0]).toMatchObject({
      action: "update",
      before: { name: "Tenant tenant-a", defaultTimeZone: "UTC" },
      after: { name: "Renamed A", defaultTimeZone: "America/Chicago" },
    });

    const restored = await admin().patch("/tenant", { defaultTimeZone: "UTC", name: "Tenant tenant-a" });
    expect(restored.body).toMatchObject({ name: "Tenant tenant-a", defaultTimeZone: "UTC" });
  });

  it("validates PATCH /tenant and keeps it for admins", async () => {
    const bad = await admin().patch("/tenant", {
      name: "",
      defaultCurrency: "DOLLARS",
      defaultTimeZone: "Nowhere/Special",
    });
    expectInvalid(bad, ["defaultCurrency", "defaultTimeZone", "name"]);
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expectProblem(await viewer.patch("/tenant", { name: "Viewer's" }), 403, "forbidden");
    const coordinator = client(ctx().app, await ctx().a.tokenFor("coordinator"));
    expectProblem(await coordinator.patch("/tenant", { defaultCurrency: "GBP" }), 403, "forbidden");
    expect((await admin().get("/tenant")).body).toMatchObject({
      name: "Tenant tenant-a",
      defaultCurrency: "EUR",
      defaultTimeZone: "UTC",
    });
  });

  // ── tokens ────────────────────────────────────────────────────────────────

  it("creates a token whose secret is shown once and works until revoked", async () => {
    const created = await admin().post("/tokens", { name: "CI pipeline", role: "coordinator" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "CI pipeline",
      role: "coordinator",
      prefix: expect.any(String),
      userId: null,
      clientId: null,
      createdAt: expect.any(String),
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
      token: expect.stringMatching(/^lct_/),
    });
    const secret: string = created.body.token;
    expect(secret.length).toBeGreaterThan(30);
    expect(secret.startsWith(created.body.prefix)).toBe(true);
    expect(created.body.prefix.length).toBeLessThan(secret.length);

    const list = await admin().get("/tokens");
    expect(list.status).toBe(200);
    const listed = list.body.items.find((t: { id: string }) => t.id === created.body.id);
    expect(listed).toMatchObject({ id: created.body.id, name: "CI pipeline", role: "coordinator" });
    expect(listed).not.toHaveProperty("token");
    expect(JSON.stringify(list.body)).not.toContain(secret);
    for (const token of list.body.items) expect(token).not.toHaveProperty("token");

    const own = client(ctx().app, secret);
    const me = await own.get("/me");
    expect(me.status).toBe(200);
    expect(me.body.actor).toEqual({
      kind: "token",
      id: created.body.id,
      label: "CI pipeline",
      role: "coordinator",
      clientId: null,
      learnerId: null,
    });
    // A coordinator writes reference data but does not manage tokens.
    expect((await own.post("/courses", { code: unique("TOK"), title: "By token" })).status).toBe(201);
    expectProblem(await own.get("/tokens"), 403, "forbidden");
    const used = (await admin().get("/tokens")).body.items.find(
      (t: { id: string }) => t.id === created.body.id,
    );
    expect(used.lastUsedAt).toEqual(expect.any(String));

    const revoked = await admin().post(`/tokens/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.body.id, revokedAt: expect.any(String) });
    expect(revoked.body).not.toHaveProperty("token");
    expectProblem(await own.get("/me"), 401, "unauthenticated");
    expectProblem(await own.get("/courses"), 401, "unauthenticated");
    const again = await admin().post(`/tokens/${created.body.id}/revoke`);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    const afterRevoke = (await admin().get("/tokens")).body.items.find(
      (t: { id: string }) => t.id === created.body.id,
    );
    expect(afterRevoke.revokedAt).toBe(revoked.body.revokedAt);
  });

  it("creates a viewer token named 'API token' from an empty body", async () => {
    const created = await admin().post("/tokens", {});
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "API token", role: "viewer", expiresAt: null });
    const viewer = client(ctx().app, created.body.token);
    expect((await viewer.get("/courses")).status).toBe(200);
    expectProblem(await viewer.post("/courses", { code: unique("V"), title: "No" }), 403, "forbidden");
  });

  it("validates token input: role and an expiry in the future", async () => {
    const badRole = await admin().post("/tokens", { name: "x", role: "superuser" });
    expectInvalid(badRole, ["role"]);
    const past = await admin().post("/tokens", { name: "old", expiresAt: "2001-01-01T00:00:00Z" });
    expectInvalid(past, ["expiresAt"]);
    const notADate = await admin().post("/tokens", { name: "x", expiresAt: "next week" });
    expectInvalid(notADate, ["expiresAt"]);

    const future = await admin().post("/tokens", {
      name: "expiring",
      expiresAt: "2099-01-01T01:00:00+01:00",
    });
    expect(future.status).toBe(201);
    expect(future.body.expiresAt).toBe("2099-01-01T00:00:00.000Z");
    expect((await client(ctx().app, future.body.token).get("/me")).status).toBe(200);
  });

  it("lets only admins manage tokens, and only their own tenant's", async () => {
    const mine = await admin().post("/tokens", { name: unique("mine") });
    for (const role of ["viewer", "coordinator", "finance", "instructor"] as const) {
      const limited = client(ctx().app, await ctx().a.tokenFor(role));
      expectProblem(await limited.get("/tokens"), 403, "forbidden");
      expectProblem(await limited.post("/tokens", { name: "escalate", role: "admin" }), 403, "forbidden");
      expectProblem(await limited.post(`/tokens/${mine.body.id}/revoke`), 403, "forbidden");
    }
    expectProblem(await other().post(`/tokens/${mine.body.id}/revoke`), 404, "not_found");
    expect(ids(await other().get("/tokens"))).not.toContain(mine.body.id);
    expectProblem(
      await admin().post("/tokens/01900000-0000-7000-8000-000000000008/revoke"),
      404,
      "not_found",
    );
    expect((await client(ctx().app, mine.body.token).get("/me")).status).toBe(200);
    expectProblem(await client(ctx().app).get("/tokens"), 401, "unauthenticated");
  });

  it("refuses an expired token with 401", async () => {
    const expired = await ctx().core.auth.issueToken(ctx().a.actor, {
      name: "expired",
      role: "admin",
      expiresAt: "2001-01-01T00:00:00Z",
    });
    expectProblem(await client(ctx().app, expired.token).get("/me"), 401, "unauthenticated");
    const listed = (await admin().get("/tokens")).body.items.find((t: { id: string }) => t.id === expired.id);
    expect(listed).toMatchObject({ expiresAt: "2001-01-01T00:00:00.000Z", lastUsedAt: null });
  });

  it("audits token creation and revocation without the secret", async () => {
    const created = await admin().post("/tokens", { name: unique("audited"), role: "finance" });
    await admin().post(`/tokens/${created.body.id}/revoke`);
    const events = await admin().get(`/audit-events?entityType=api_token&entityId=${created.body.id}`);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(["revoke", "create"]);
    expect(JSON.stringify(events.body)).not.toContain(created.body.token);
  });

  // ── audit events ──────────────────────────────────────────────────────────

  it("lists audit events newest first with actor and request id, paginated by cursor", async () => {
    const tag = unique("audit");
    const created = await admin().post("/courses", { code: unique("AUD"), title: "Audit me", tags: [tag] });
    const id = created.body.id;
    const requestIds: string[] = [String(created.headers["x-request-id"])];
    for (let index = 1; index <= 4; index++) {
      const patched = await admin().patch(`/courses/${id}`, { title: `Audit me ${index}` });
      requestIds.push(String(patched.headers["x-request-id"]));
    }
    const all = await admin().get(`/audit-events?entityType=course&entityId=${id}`);
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items).toHaveLength(5);
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual([
      "update",
      "update",
      "update",
      "update",
      "create",
    ]);
    expect(all.body.items.map((e: { requestId: string }) => e.requestId)).toEqual([...requestIds].reverse());
    const me = (await admin().get("/me")).body.actor;
    const newest = all.body.items[0];
    expect(newest).toMatchObject({
      id: expect.any(String),
      occurredAt: expect.any(String),
      actor: { kind: "token", id: me.id, label: "admin" },
      entityType: "course",
      entityId: id,
      before: { title: "Audit me 3" },
      after: { title: "Audit me 4" },
    });
    const occurred = all.body.items.map((e: { occurredAt: string }) => Date.parse(e.occurredAt));
    expect([...occurred].sort((x, y) => y - x)).toEqual(occurred);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const url: string = `/audit-events?entityType=course&entityId=${id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await admin().get(url);
      expect(page.status).toBe(200);
      sizes.push(page.body.items.length);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
      if (cursor === null) break;
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(ids(all));
  });

  it("filters audit events by entity type and keeps tenants apart", async () => {
    const location = await admin().post("/locations", { name: unique("Audited site"), timeZone: "UTC" });
    const byType = await admin().get("/audit-events?entityType=location&limit=500");
    expect(byType.body.items.length).toBeGreaterThan(0);
    expect(byType.body.items.every((e: { entityType: string }) => e.entityType === "location")).toBe(true);
    expect(byType.body.items.map((e: { entityId: string }) => e.entityId)).toContain(location.body.id);

    const theirs = await other().get(`/audit-events?entityId=${location.body.id}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    const theirAll = await other().get("/audit-events?limit=500");
    expect(theirAll.body.items.map((e: { entityId: string }) => e.entityId)).not.toContain(location.body.id);
  });

  it("keeps the audit trail for admins and validates its query", async () => {
    for (const role of ["viewer", "coordinator", "finance", "instructor"] as const) {
      const limited = client(ctx().app, await ctx().a.tokenFor(role));
      expectProblem(await limited.get("/audit-events"), 403, "forbidden");
    }
    expectProblem(await client(ctx().app).get("/audit-events"), 401, "unauthenticated");
    for (const query of ["limit=0", "limit=501", "limit=x"]) {
      const response = await admin().get(`/audit-events?${query}`);
      expectProblem(response, 400, "bad_request");
      expect(paths(response)).toEqual(["limit"]);
    }
  });
});
