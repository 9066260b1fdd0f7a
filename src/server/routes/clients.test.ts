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

const defaultBilling = {
  email: null,
  address: {},
  taxId: null,
  paymentTermsDays: 30,
  purchaseOrderRequired: false,
};

describeEachDatabase("clients API", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const other = () => client(ctx().app, ctx().b.token);

  it("creates from the minimal body {name} and fills every default", async () => {
    const name = unique("Acme");
    const created = await admin().post("/clients", { name });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name,
      code: null,
      contacts: [],
      billing: defaultBilling,
      currency: "EUR",
      tags: [],
      notes: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    expect((await admin().get(`/clients/${created.body.id}`)).body).toEqual(created.body);
  });

  it("round-trips a full body, filling contact and billing defaults", async () => {
    const name = unique("Globex");
    const created = await admin().post("/clients", {
      name: `  ${name}  `,
      code: "GLX",
      contacts: [
        {
          name: "Hank Scorpio",
          email: "hank@globex.example",
          phone: "+1 555 0100",
          role: "CEO",
          isPrimary: true,
        },
        { name: "Frank Grimes" },
      ],
      billing: {
        email: "invoices@globex.example",
        address: { line1: "1 Globex Way", city: "Cypress Creek", postalCode: "12345", country: "us" },
        taxId: "US-123",
        paymentTermsDays: 45,
        purchaseOrderRequired: true,
      },
      currency: "usd",
      tags: ["enterprise", "enterprise", "us"],
      notes: "Pays late",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name,
      code: "GLX",
      contacts: [
        {
          name: "Hank Scorpio",
          email: "hank@globex.example",
          phone: "+1 555 0100",
          role: "CEO",
          isPrimary: true,
        },
        { name: "Frank Grimes", email: null, phone: null, role: null, isPrimary: false },
      ],
      billing: {
        email: "invoices@globex.example",
        address: { line1: "1 Globex Way", city: "Cypress Creek", postalCode: "12345", country: "US" },
        taxId: "US-123",
        paymentTermsDays: 45,
        purchaseOrderRequired: true,
      },
      currency: "USD",
      tags: ["enterprise", "us"],
      notes: "Pays late",
    });
    expect((await admin().get(`/clients/${created.body.id}`)).body).toEqual(created.body);
  });

  it("allows at most one primary contact", async () => {
    const two = await admin().post("/clients", {
      name: unique("Primary"),
      contacts: [
        { name: "One", isPrimary: true },
        { name: "Two", isPrimary: false },
        { name: "Three", isPrimary: true },
      ],
    });
    expectInvalid(two, ["contacts"]);

    const one = await admin().post("/clients", {
      name: unique("Primary"),
      contacts: [{ name: "One", isPrimary: true }, { name: "Two" }],
    });
    expect(one.status).toBe(201);
    const patched = await admin().patch(`/clients/${one.body.id}`, {
      contacts: [
        { name: "One", isPrimary: true },
        { name: "Two", isPrimary: true },
      ],
    });
    expectInvalid(patched, ["contacts"]);
    expect((await admin().get(`/clients/${one.body.id}`)).body).toEqual(one.body);
  });

  it("names nested invalid fields by their dotted path", async () => {
    const empty = await admin().post("/clients", {});
    expectInvalid(empty, ["name"]);
    const bad = await admin().post("/clients", {
      name: "",
      contacts: [{ name: "Ok" }, { name: "", email: "nope" }],
      billing: {
        email: "also-nope",
        address: { country: "DEU" },
        paymentTermsDays: 400,
      },
      currency: "EURO",
    });
    expectProblem(bad, 422, "validation_failed");
    expect(paths(bad)).toEqual(
      [
        "billing.address.country",
        "billing.email",
        "billing.paymentTermsDays",
        "contacts.1.email",
        "contacts.1.name",
        "currency",
        "name",
      ].sort(),
    );
  });

  it("PATCH changes only what is sent; null clears optional fields; lists are replaced", async () => {
    const created = await admin().post("/clients", {
      name: unique("Initech"),
      code: "INI",
      contacts: [{ name: "Bill", isPrimary: true }],
      billing: { taxId: "DE1", paymentTermsDays: 60, purchaseOrderRequired: true },
      currency: "CHF",
      tags: ["software"],
      notes: "TPS reports",
    });
    expect(created.body.billing).toEqual({
      email: null,
      address: {},
      taxId: "DE1",
      paymentTermsDays: 60,
      purchaseOrderRequired: true,
    });
    const renamed = await admin().patch(`/clients/${created.body.id}`, { name: unique("Initrode") });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({
      ...created.body,
      name: renamed.body.name,
      updatedAt: expect.any(String),
    });
    expect(renamed.body.name).not.toBe(created.body.name);

    const cleared = await admin().patch(`/clients/${created.body.id}`, {
      code: null,
      notes: null,
      tags: ["consulting"],
      contacts: [{ name: "Peter" }],
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      code: null,
      notes: null,
      tags: ["consulting"],
      contacts: [{ name: "Peter", email: null, phone: null, role: null, isPrimary: false }],
      currency: "CHF",
      billing: created.body.billing,
    });
    expect((await admin().get(`/clients/${created.body.id}`)).body).toEqual(cleared.body);
    const required = await admin().patch(`/clients/${created.body.id}`, { name: null });
    expectInvalid(required, ["name"]);
  });

  it("keeps client names unique per tenant, case-insensitively (409 on name)", async () => {
    const name = unique("Umbrella Corp");
    expect((await admin().post("/clients", { name })).status).toBe(201);
    for (const variant of [name, name.toUpperCase(), `  ${name.toLowerCase()} `]) {
      const duplicate = await admin().post("/clients", { name: variant });
      expectProblem(duplicate, 409, "conflict");
      expect(duplicate.body.errors[0].path).toBe("name");
    }
    const another = await admin().post("/clients", { name: unique("Umbrella Corp") });
    const clash = await admin().patch(`/clients/${another.body.id}`, { name: name.toUpperCase() });
    expectProblem(clash, 409, "conflict");
    expect(clash.body.errors[0].path).toBe("name");
    // Changing only the case of its own name is fine.
    const recased = await admin().patch(`/clients/${another.body.id}`, {
      name: another.body.name.toUpperCase(),
    });
    expect(recased.status).toBe(200);
    expect(recased.body.name).toBe(another.body.name.toUpperCase());
    expect((await other().post("/clients", { name })).status).toBe(201);
  });

  it("refuses to delete a client with learners (409 in_use with references), then allows it", async () => {
    const acme = await admin().post("/clients", { name: unique("Busy") });
    const first = await admin().post("/learners", {
      name: "L1",
      email: `${unique("l")}@example.com`,
      clientId: acme.body.id,
    });
    const second = await admin().post("/learners", {
      name: "L2",
      email: `${unique("l")}@example.com`,
      clientId: acme.body.id,
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const refused = await admin().delete(`/clients/${acme.body.id}`);
    expectProblem(refused, 409, "in_use");
    expect(refused.body.references).toEqual([{ entityType: "learner", count: 2 }]);
    expect((await admin().get(`/clients/${acme.body.id}`)).status).toBe(200);

    expect((await admin().patch(`/learners/${first.body.id}`, { clientId: null })).status).toBe(200);
    expect((await admin().delete(`/learners/${second.body.id}`)).status).toBe(204);
    expect((await admin().delete(`/clients/${acme.body.id}`)).status).toBe(204);
    expectProblem(await admin().get(`/clients/${acme.body.id}`), 404, "not_found");
  });

  it("keeps tenants apart: 404 for every operation on another tenant's client, never listed", async () => {
    const mine = await admin().post("/clients", { name: unique("Mine") });
    const id = mine.body.id;
    for (const response of [
      await other().get(`/clients/${id}`),
      await other().patch(`/clients/${id}`, { name: "Stolen" }),
      await other().delete(`/clients/${id}`),
      await other().post(`/clients/${id}/archive`),
      await other().post(`/clients/${id}/unarchive`),
    ]) {
      expectProblem(response, 404, "not_found");
    }
    for (const archived of ["exclude", "include", "only"]) {
      expect(ids(await other().get(`/clients?archived=${archived}&limit=500`))).not.toContain(id);
    }
    expect((await other().get(`/clients?q=${mine.body.name}`)).body.items).toEqual([]);
  });

  it("lets a viewer read but not write", async () => {
    const mine = await admin().post("/clients", { name: unique("Read") });
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expect((await viewer.get(`/clients/${mine.body.id}`)).status).toBe(200);
    expectProblem(await viewer.post("/clients", { name: unique("No") }), 403, "forbidden");
    expectProblem(await viewer.patch(`/clients/${mine.body.id}`, { notes: "x" }), 403, "forbidden");
    expectProblem(await viewer.delete(`/clients/${mine.body.id}`), 403, "forbidden");
    expectProblem(await viewer.post(`/clients/${mine.body.id}/archive`), 403, "forbidden");
    expectProblem(await client(ctx().app).get("/clients"), 401, "unauthenticated");
  });

  it("archives, filters by q and tag, and paginates without duplicates or gaps", async () => {
    const tag = unique("ctag");
    const created: string[] = [];
    for (let index = 0; index < 7; index++) {
      created.push(
        (await admin().post("/clients", { name: unique(`Paged ${index}`), code: `P${index}`, tags: [tag] }))
          .body.id,
      );
    }
    const { seen, sizes } = await walkPages(admin(), `/clients?tag=${tag}&limit=3`);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(created);

    // q matches name or code, case-insensitively.
    expect(ids(await admin().get(`/clients?tag=${tag}&q=p3`))).toEqual([created[3]]);
    expect(ids(await admin().get(`/clients?tag=${tag}&q=PAGED 5`))).toEqual([created[5]]);

    await admin().post(`/clients/${created[0]}/archive`);
    expect(ids(await admin().get(`/clients?tag=${tag}`))).toEqual(created.slice(1));
    expect(ids(await admin().get(`/clients?tag=${tag}&archived=only`))).toEqual([created[0]]);
    expect(ids(await admin().get(`/clients?tag=${tag}&archived=include`))).toEqual(created);
    const restored = await admin().post(`/clients/${created[0]}/unarchive`);
    expect(restored.body.archivedAt).toBeNull();
    expect(ids(await admin().get(`/clients?tag=${tag}`))).toEqual(created);
  });

  it("writes create, update and delete audit events", async () => {
    const mine = await admin().post("/clients", { name: unique("Audited") });
    await admin().patch(`/clients/${mine.body.id}`, { notes: "changed" });
    await admin().delete(`/clients/${mine.body.id}`);
    const events = await admin().get(`/audit-events?entityType=client&entityId=${mine.body.id}`);
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      "delete",
      "update",
      "create",
    ]);
    expect(events.body.items[1]).toMatchObject({ before: { notes: null }, after: { notes: "changed" } });
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expectProblem(await viewer.get("/audit-events?entityType=client"), 403, "forbidden");
  });
});
