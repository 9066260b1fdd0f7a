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

const JITSI_DEFAULT = "https://meet.jit.si/lectern-{tenant}-{session}";

describeEachDatabase("virtual platforms API", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const other = () => client(ctx().app, ctx().b.token);

  it("gives a Jitsi platform the default join URL when no template is sent", async () => {
    const name = unique("Jitsi");
    const created = await admin().post("/virtual-platforms", { name, kind: "jitsi" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name,
      kind: "jitsi",
      joinUrlTemplate: null,
      effectiveJoinUrlTemplate: JITSI_DEFAULT,
      maxParticipants: null,
      notes: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    expect((await admin().get(`/virtual-platforms/${created.body.id}`)).body).toEqual(created.body);
  });

  it("requires a template for zoom, teams and other", async () => {
    for (const kind of ["zoom", "teams", "other"]) {
      const response = await admin().post("/virtual-platforms", { name: unique(kind), kind });
      expectInvalid(response, ["joinUrlTemplate"]);
      const explicitNull = await admin().post("/virtual-platforms", {
        name: unique(kind),
        kind,
        joinUrlTemplate: null,
      });
      expectInvalid(explicitNull, ["joinUrlTemplate"]);
    }
  });

  it("round-trips a full zoom body with every known placeholder", async () => {
    const template = "https://zoom.us/j/123?t={tenant}&s={session}&c={course}&seg={segment}";
    const name = unique("Zoom");
    const created = await admin().post("/virtual-platforms", {
      name,
      kind: "zoom",
      joinUrlTemplate: `  ${template}  `,
      maxParticipants: 300,
      notes: "Licensed account",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name,
      kind: "zoom",
      joinUrlTemplate: template,
      maxParticipants: 300,
      notes: "Licensed account",
    });
    expect((await admin().get(`/virtual-platforms/${created.body.id}`)).body).toEqual(created.body);
    // A fixed meeting URL without placeholders is fine too.
    const fixed = await admin().post("/virtual-platforms", {
      name: unique("Teams"),
      kind: "teams",
      joinUrlTemplate: "https://teams.microsoft.com/l/meetup-join/abc",
    });
    expect(fixed.status).toBe(201);
  });

  it("refuses unknown placeholders and templates that are not http(s) URLs", async () => {
    const unknown = await admin().post("/virtual-platforms", {
      name: unique("Bad"),
      kind: "zoom",
      joinUrlTemplate: "https://zoom.us/j/{meeting}",
    });
    expectInvalid(unknown, ["joinUrlTemplate"]);
    expect(unknown.body.errors[0].message).toContain("{meeting}");

    const jitsiUnknown = await admin().post("/virtual-platforms", {
      name: unique("Bad"),
      kind: "jitsi",
      joinUrlTemplate: "https://meet.jit.si/{room}",
    });
    expectInvalid(jitsiUnknown, ["joinUrlTemplate"]);

    for (const template of ["not a url {session}", "ftp://files.example.com/{session}", ""]) {
      const response = await admin().post("/virtual-platforms", {
        name: unique("Bad"),
        kind: "other",
        joinUrlTemplate: template,
      });
      expectInvalid(response, ["joinUrlTemplate"]);
    }
  });

  it("rejects other invalid fields with their paths", async () => {
    const empty = await admin().post("/virtual-platforms", {});
    expectInvalid(empty, ["kind", "name"]);
    const bad = await admin().post("/virtual-platforms", {
      name: unique("Bad"),
      kind: "webex",
      maxParticipants: 0,
    });
    expectProblem(bad, 422, "validation_failed");
    expect(paths(bad)).toContain("kind");
    expect(paths(bad)).toContain("maxParticipants");
  });

  it("PATCH keeps fields left out, null clears, and null template resets Jitsi to the default", async () => {
    const custom = "https://meet.jit.si/acme-{session}";
    const created = await admin().post("/virtual-platforms", {
      name: unique("Meet"),
      kind: "jitsi",
      joinUrlTemplate: custom,
      maxParticipants: 50,
      notes: "Own server",
    });
    expect(created.body.joinUrlTemplate).toBe(custom);
    const renamed = await admin().patch(`/virtual-platforms/${created.body.id}`, { name: unique("Meet") });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({
      ...created.body,
      name: renamed.body.name,
      updatedAt: expect.any(String),
    });
    expect(renamed.body.name).not.toBe(created.body.name);

    const cleared = await admin().patch(`/virtual-platforms/${created.body.id}`, {
      maxParticipants: null,
      notes: null,
      joinUrlTemplate: null,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      kind: "jitsi",
      maxParticipants: null,
      notes: null,
      joinUrlTemplate: null,
      effectiveJoinUrlTemplate: JITSI_DEFAULT,
    });
    expect((await admin().get(`/virtual-platforms/${created.body.id}`)).body).toEqual(cleared.body);
  });

  it("PATCH applies the template rules: zoom cannot drop its template, unknown placeholders refused", async () => {
    const zoom = await admin().post("/virtual-platforms", {
      name: unique("Zoom"),
      kind: "zoom",
      joinUrlTemplate: "https://zoom.us/j/999",
    });
    const dropped = await admin().patch(`/virtual-platforms/${zoom.body.id}`, { joinUrlTemplate: null });
    expectInvalid(dropped, ["joinUrlTemplate"]);
    const unknown = await admin().patch(`/virtual-platforms/${zoom.body.id}`, {
      joinUrlTemplate: "https://zoom.us/j/{nope}",
    });
    expectInvalid(unknown, ["joinUrlTemplate"]);
    expect((await admin().get(`/virtual-platforms/${zoom.body.id}`)).body).toEqual(zoom.body);

    const toJitsi = await admin().patch(`/virtual-platforms/${zoom.body.id}`, {
      kind: "jitsi",
      joinUrlTemplate: null,
    });
    expect(toJitsi.status).toBe(200);
    expect(toJitsi.body).toMatchObject({
      kind: "jitsi",
      joinUrlTemplate: null,
      effectiveJoinUrlTemplate: JITSI_DEFAULT,
    });
  });

  it("PATCH to zoom on a Jitsi platform still using the default URL asks for a template", async () => {
    const jitsi = await admin().post("/virtual-platforms", { name: unique("Default"), kind: "jitsi" });
    expect(jitsi.body).toMatchObject({ joinUrlTemplate: null, effectiveJoinUrlTemplate: JITSI_DEFAULT });
    const response = await admin().patch(`/virtual-platforms/${jitsi.body.id}`, { kind: "zoom" });
    // The Jitsi default is not a Zoom meeting: a zoom platform must be given its own template.
    expectInvalid(response, ["joinUrlTemplate"]);
  });

  it("keeps names unique per tenant (409 on name)", async () => {
    const name = unique("Unique");
    expect((await admin().post("/virtual-platforms", { name, kind: "jitsi" })).status).toBe(201);
    const duplicate = await admin().post("/virtual-platforms", {
      name,
      kind: "zoom",
      joinUrlTemplate: "https://zoom.us/j/1",
    });
    expectProblem(duplicate, 409, "conflict");
    expect(duplicate.body.errors[0].path).toBe("name");
    const second = await admin().post("/virtual-platforms", { name: unique("Unique"), kind: "jitsi" });
    const rename = await admin().patch(`/virtual-platforms/${second.body.id}`, { name });
    expectProblem(rename, 409, "conflict");
    expect(rename.body.errors[0].path).toBe("name");
    expect((await other().post("/virtual-platforms", { name, kind: "jitsi" })).status).toBe(201);
  });

  it("keeps tenants apart and lets a viewer only read", async () => {
    const platform = await admin().post("/virtual-platforms", { name: unique("Mine"), kind: "jitsi" });
    const id = platform.body.id;
    for (const response of [
      await other().get(`/virtual-platforms/${id}`),
      await other().patch(`/virtual-platforms/${id}`, { name: "Stolen" }),
      await other().delete(`/virtual-platforms/${id}`),
      await other().post(`/virtual-platforms/${id}/archive`),
      await other().post(`/virtual-platforms/${id}/unarchive`),
    ]) {
      expectProblem(response, 404, "not_found");
    }
    for (const archived of ["exclude", "include", "only"]) {
      expect(ids(await other().get(`/virtual-platforms?archived=${archived}&limit=500`))).not.toContain(id);
    }
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expect((await viewer.get(`/virtual-platforms/${id}`)).status).toBe(200);
    expectProblem(
      await viewer.post("/virtual-platforms", { name: unique("V"), kind: "jitsi" }),
      403,
      "forbidden",
    );
    expectProblem(await viewer.patch(`/virtual-platforms/${id}`, { name: "V" }), 403, "forbidden");
    expectProblem(await viewer.delete(`/virtual-platforms/${id}`), 403, "forbidden");
    expectProblem(await client(ctx().app).get("/virtual-platforms"), 401, "unauthenticated");
  });

  it("archives, filters by kind and q, paginates and deletes", async () => {
    const marker = unique("vp");
    const created: string[] = [];
    for (let index = 0; index < 7; index++) {
      const kind = index % 2 === 0 ? "jitsi" : "other";
      const body =
        kind === "jitsi"
          ? { name: `${marker} ${index}`, kind }
          : { name: `${marker} ${index}`, kind, joinUrlTemplate: "https://example.com/{session}" };
      created.push((await admin().post("/virtual-platforms", body)).body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    for (let guard = 0; guard < 10; guard++) {
      const url: string = `/virtual-platforms?q=${marker}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await admin().get(url);
      sizes.push(page.body.items.length);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
      if (cursor === null) break;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(created);

    expect(ids(await admin().get(`/virtual-platforms?q=${marker}&kind=other`))).toEqual([
      created[1],
      created[3],
      created[5],
    ]);
    expectProblem(await admin().get("/virtual-platforms?kind=webex"), 400, "bad_request");

    await admin().post(`/virtual-platforms/${created[0]}/archive`);
    expect(ids(await admin().get(`/virtual-platforms?q=${marker}&kind=jitsi`))).toEqual([
      created[2],
      created[4],
      created[6],
    ]);
    expect(ids(await admin().get(`/virtual-platforms?q=${marker}&archived=only`))).toEqual([created[0]]);
    expect(ids(await admin().get(`/virtual-platforms?q=${marker}&kind=jitsi&archived=include`))).toEqual([
      created[0],
      created[2],
      created[4],
      created[6],
    ]);
    expect((await admin().post(`/virtual-platforms/${created[0]}/unarchive`)).body.archivedAt).toBeNull();

    expect((await admin().delete(`/virtual-platforms/${created[6]}`)).status).toBe(204);
    expectProblem(await admin().get(`/virtual-platforms/${created[6]}`), 404, "not_found");
  });

  it("writes create, update and delete audit events", async () => {
    const platform = await admin().post("/virtual-platforms", { name: unique("Audit"), kind: "jitsi" });
    await admin().patch(`/virtual-platforms/${platform.body.id}`, { maxParticipants: 10 });
    await admin().delete(`/virtual-platforms/${platform.body.id}`);
    const events = await admin().get(
      `/audit-events?entityType=virtual_platform&entityId=${platform.body.id}`,
    );
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      "delete",
      "update",
      "create",
    ]);
    expect(events.body.items[1].after).toMatchObject({ maxParticipants: 10 });
  });
});
