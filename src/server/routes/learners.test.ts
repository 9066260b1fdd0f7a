import { expect, it } from "vitest";
import {
  client,
  describeEachDatabase,
  expectInvalid,
  expectProblem,
  ids,
  paths,
  unique,
  uniqueEmail,
  walkPages,
} from "../../../test/app.js";

describeEachDatabase("learners API", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const other = () => client(ctx().app, ctx().b.token);

  async function newClient(api = admin()): Promise<string> {
    const response = await api.post("/clients", { name: unique("Employer") });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function newLearner(extra: Record<string, unknown> = {}) {
    const response = await admin().post("/learners", {
      name: unique("Learner"),
      email: uniqueEmail(),
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  it("creates from the minimal body {name, email} and fills every default", async () => {
    const email = uniqueEmail("min");
    const created = await admin().post("/learners", { name: "Lee Learner", email });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Lee Learner",
      email,
      clientId: null,
      managerEmail: null,
      phone: null,
      language: null,
      timeZone: null,
      externalId: null,
      customFields: {},
      tags: [],
      notes: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    expect((await admin().get(`/learners/${created.body.id}`)).body).toEqual(created.body);
  });

  it("round-trips a full body", async () => {
    const clientId = await newClient();
    const email = uniqueEmail("Full");
    const created = await admin().post("/learners", {
      name: "Mia Muster",
      email,
      clientId,
      managerEmail: "boss@example.com",
      phone: "+49 89 123",
      language: "de-AT",
      timeZone: "Europe/Vienna",
      externalId: "HR-0042",
      customFields: { department: "Sales", level: 3, remote: true, badge: null },
      tags: ["cohort-1", "cohort-1", "vip"],
      notes: "Needs parking",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Mia Muster",
      email,
      clientId,
      managerEmail: "boss@example.com",
      phone: "+49 89 123",
      language: "de-AT",
      timeZone: "Europe/Vienna",
      externalId: "HR-0042",
      customFields: { department: "Sales", level: 3, remote: true, badge: null },
      tags: ["cohort-1", "vip"],
      notes: "Needs parking",
    });
    expect((await admin().get(`/learners/${created.body.id}`)).body).toEqual(created.body);
  });

  it("trims whitespace around an email, as it does around names", async () => {
    const email = uniqueEmail("padded");
    const created = await admin().post("/learners", { name: "  Pat Padded ", email: `  ${email}  ` });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Pat Padded", email });
  });

  it("rejects invalid bodies with 422 naming each field", async () => {
    const empty = await admin().post("/learners", {});
    expectInvalid(empty, ["email", "name"]);
    const bad = await admin().post("/learners", {
      name: "",
      email: "nobody",
      clientId: "acme",
      managerEmail: "boss at example",
      language: "english",
      timeZone: "Moon/Base",
      customFields: { nested: { no: true } },
    });
    expectProblem(bad, 422, "validation_failed");
    expect(paths(bad)).toEqual(
      ["clientId", "customFields.nested", "email", "language", "managerEmail", "name", "timeZone"].sort(),
    );
    const tooMany = await admin().post("/learners", {
      name: "Many",
      email: uniqueEmail(),
      customFields: Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`f${index}`, index])),
    });
    expectInvalid(tooMany, ["customFields"]);
  });

  it("refuses a missing, another tenant's or an archived client with 422 on clientId", async () => {
    const missing = await admin().post("/learners", {
      name: "X",
      email: uniqueEmail(),
      clientId: "01900000-0000-7000-8000-000000000007",
    });
    expectInvalid(missing, ["clientId"]);
    const foreign = await admin().post("/learners", {
      name: "X",
      email: uniqueEmail(),
      clientId: await newClient(other()),
    });
    expectInvalid(foreign, ["clientId"]);
    const archivedClient = await newClient();
    await admin().post(`/clients/${archivedClient}/archive`);
    const archived = await admin().post("/learners", {
      name: "X",
      email: uniqueEmail(),
      clientId: archivedClient,
    });
    expectInvalid(archived, ["clientId"]);
    const learner = await newLearner();
    const moved = await admin().patch(`/learners/${learner.id}`, { clientId: archivedClient });
    expectInvalid(moved, ["clientId"]);
  });

  it("still edits a learner whose client was archived after it was assigned", async () => {
    const clientId = await newClient();
    const learner = await newLearner({ clientId });
    expect((await admin().post(`/clients/${clientId}/archive`)).status).toBe(200);
    // Archiving hides the client from new use; the learner's own fields stay editable.
    const renamed = await admin().patch(`/learners/${learner.id}`, { name: "Renamed later" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Renamed later", clientId });
  });

  it("PATCH changes only what is sent; null clears; customFields and tags are replaced", async () => {
    const clientId = await newClient();
    const created = await newLearner({
      clientId,
      managerEmail: "m@example.com",
      phone: "1",
      language: "fr",
      timeZone: "Europe/Paris",
      externalId: "E1",
      customFields: { a: "1", b: 2 },
      tags: ["x"],
      notes: "n",
    });
    const renamed = await admin().patch(`/learners/${created.id}`, { phone: "2" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...created, phone: "2", updatedAt: expect.any(String) });

    const cleared = await admin().patch(`/learners/${created.id}`, {
      clientId: null,
      managerEmail: null,
      language: null,
      timeZone: null,
      externalId: null,
      notes: null,
      customFields: { c: true },
      tags: [],
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      name: created.name,
      email: created.email,
      phone: "2",
      clientId: null,
      managerEmail: null,
      language: null,
      timeZone: null,
      externalId: null,
      notes: null,
      customFields: { c: true },
      tags: [],
    });
    expect((await admin().get(`/learners/${created.id}`)).body).toEqual(cleared.body);
    const required = await admin().patch(`/learners/${created.id}`, { email: null });
    expectInvalid(required, ["email"]);
  });

  it("keeps emails unique per tenant, case-insensitively (409 on email)", async () => {
    const email = uniqueEmail("Mixed.Case");
    expect((await admin().post("/learners", { name: "First", email })).status).toBe(201);
    for (const variant of [email, email.toLowerCase(), email.toUpperCase()]) {
      const duplicate = await admin().post("/learners", { name: "Again", email: variant });
      expectProblem(duplicate, 409, "conflict");
      expect(duplicate.body.errors[0].path).toBe("email");
    }
    const another = await newLearner();
    const clash = await admin().patch(`/learners/${another.id}`, { email: email.toUpperCase() });
    expectProblem(clash, 409, "conflict");
    expect(clash.body.errors[0].path).toBe("email");
    const recased = await admin().patch(`/learners/${another.id}`, { email: another.email.toUpperCase() });
    expect(recased.status).toBe(200);
    expect((await other().post("/learners", { name: "Elsewhere", email })).status).toBe(201);
  });

  it("filters by email (exact, case-insensitive), clientId, externalId, q and tag", async () => {
    const clientId = await newClient();
    const tag = unique("ltag");
    const marker = unique("zorro");
    const one = await newLearner({
      clientId,
      tags: [tag],
      name: `Anna ${marker}`,
      externalId: unique("ext"),
    });
    const two = await newLearner({ clientId, tags: [tag] });
    const three = await newLearner({ tags: [tag] });

    expect(ids(await admin().get(`/learners?email=${encodeURIComponent(two.email.toUpperCase())}`))).toEqual([
      two.id,
    ]);
    // email is exact, not a substring match.
    expect(ids(await admin().get(`/learners?email=${encodeURIComponent(two.email.slice(1))}`))).toEqual([]);
    expect(ids(await admin().get(`/learners?clientId=${clientId}`))).toEqual([one.id, two.id]);
    expect(ids(await admin().get(`/learners?tag=${tag}`))).toEqual([one.id, two.id, three.id]);
    expect(ids(await admin().get(`/learners?q=${marker.toUpperCase()}`))).toEqual([one.id]);
    expect(ids(await admin().get(`/learners?tag=${tag}&q=${encodeURIComponent(three.email)}`))).toEqual([
      three.id,
    ]);
    expect(ids(await admin().get(`/learners?externalId=${one.externalId}`))).toEqual([one.id]);
    expect(ids(await admin().get(`/learners?clientId=${clientId}&tag=${tag}&q=${marker}`))).toEqual([one.id]);
    expect((await other().get(`/learners?email=${encodeURIComponent(one.email)}`)).body.items).toEqual([]);
  });

  it("keeps tenants apart: 404 for every operation on another tenant's learner, never listed", async () => {
    const learner = await newLearner();
    const id = learner.id;
    for (const response of [
      await other().get(`/learners/${id}`),
      await other().patch(`/learners/${id}`, { name: "Stolen" }),
      await other().delete(`/learners/${id}`),
      await other().post(`/learners/${id}/archive`),
      await other().post(`/learners/${id}/unarchive`),
    ]) {
      expectProblem(response, 404, "not_found");
    }
    for (const archived of ["exclude", "include", "only"]) {
      expect(ids(await other().get(`/learners?archived=${archived}&limit=500`))).not.toContain(id);
    }
  });

  it("lets a viewer read but not write", async () => {
    const learner = await newLearner();
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expect((await viewer.get(`/learners/${learner.id}`)).status).toBe(200);
    expectProblem(await viewer.post("/learners", { name: "No", email: uniqueEmail() }), 403, "forbidden");
    expectProblem(await viewer.patch(`/learners/${learner.id}`, { name: "No" }), 403, "forbidden");
    expectProblem(await viewer.delete(`/learners/${learner.id}`), 403, "forbidden");
    expectProblem(await viewer.post(`/learners/${learner.id}/archive`), 403, "forbidden");
    expectProblem(await client(ctx().app).get("/learners"), 401, "unauthenticated");
  });

  it("archives, paginates without duplicates or gaps, and deletes", async () => {
    const tag = unique("lpage");
    const created: string[] = [];
    for (let index = 0; index < 7; index++) created.push((await newLearner({ tags: [tag] })).id);
    const { seen, sizes } = await walkPages(admin(), `/learners?tag=${tag}&limit=3`);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(created);

    const archived = await admin().post(`/learners/${created[2]}/archive`);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect(ids(await admin().get(`/learners?tag=${tag}`))).toEqual(created.filter((_, i) => i !== 2));
    expect(ids(await admin().get(`/learners?tag=${tag}&archived=only`))).toEqual([created[2]]);
    expect(ids(await admin().get(`/learners?tag=${tag}&archived=include`))).toEqual(created);
    expect((await admin().post(`/learners/${created[2]}/unarchive`)).body.archivedAt).toBeNull();

    expect((await admin().delete(`/learners/${created[6]}`)).status).toBe(204);
    expectProblem(await admin().get(`/learners/${created[6]}`), 404, "not_found");
    expect(ids(await admin().get(`/learners?tag=${tag}`))).toEqual(created.slice(0, 6));
  });

  it("writes create, update and delete audit events", async () => {
    const learner = await newLearner();
    await admin().patch(`/learners/${learner.id}`, { tags: ["audited"] });
    await admin().delete(`/learners/${learner.id}`);
    const events = await admin().get(`/audit-events?entityType=learner&entityId=${learner.id}`);
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      "delete",
      "update",
      "create",
    ]);
    expect(events.body.items[1]).toMatchObject({ before: { tags: [] }, after: { tags: ["audited"] } });
  });
});
