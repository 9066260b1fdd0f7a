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

describeEachDatabase("courses API", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const other = () => client(ctx().app, ctx().b.token);

  it("creates from the minimal body {code, title} and fills every default", async () => {
    const code = unique("PM");
    const created = await admin().post("/courses", { code, title: "Project management" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      code,
      title: "Project management",
      description: null,
      formats: ["ilt"],
      durationDays: 1,
      dayStartTime: "09:00",
      dayEndTime: "17:00",
      minSeats: 1,
      maxSeats: 12,
      requiredQualifications: [],
      requiredRoomFeatures: [],
      requiredEquipment: [],
      materials: [],
      listPriceMinor: null,
      currency: "EUR",
      certificateValidityMonths: null,
      language: null,
      tags: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();
    expect(created.body.updatedAt).toBe(created.body.createdAt);
    const fetched = await admin().get(`/courses/${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it("round-trips a full body, normalizing what it should", async () => {
    const code = unique("SQL");
    const created = await admin().post("/courses", {
      code,
      title: "  SQL for analysts  ",
      description: "Joins, windows, CTEs",
      formats: ["vilt", "hybrid", "vilt"],
      durationDays: 3,
      dayStartTime: "08:30",
      dayEndTime: "16:00",
      minSeats: 4,
      maxSeats: 16,
      requiredQualifications: ["sql", "sql", "teaching"],
      requiredRoomFeatures: ["projector"],
      requiredEquipment: [{ kind: "Laptop", quantity: 1, perLearner: true }, { kind: "flipchart" }],
      materials: [{ name: "Workbook", quantityPerLearner: 1, unitCostMinor: 1250 }, { name: "Pen" }],
      listPriceMinor: 149_000,
      currency: "usd",
      certificateValidityMonths: 24,
      language: "pt-BR",
      tags: ["data", "beginner"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code,
      title: "SQL for analysts",
      description: "Joins, windows, CTEs",
      formats: ["vilt", "hybrid"],
      durationDays: 3,
      dayStartTime: "08:30",
      dayEndTime: "16:00",
      minSeats: 4,
      maxSeats: 16,
      requiredQualifications: ["sql", "teaching"],
      requiredRoomFeatures: ["projector"],
      requiredEquipment: [
        { kind: "laptop", quantity: 1, perLearner: true },
        { kind: "flipchart", quantity: 1, perLearner: false },
      ],
      materials: [
        { name: "Workbook", quantityPerLearner: 1, unitCostMinor: 1250 },
        { name: "Pen", quantityPerLearner: 1, unitCostMinor: null },
      ],
      listPriceMinor: 149_000,
      currency: "USD",
      certificateValidityMonths: 24,
      language: "pt-BR",
      tags: ["data", "beginner"],
      archivedAt: null,
    });
    const fetched = await admin().get(`/courses/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);
    const listed = await admin().get(`/courses?q=${code}`);
    expect(listed.body.items).toEqual([created.body]);
  });

  it("rejects a body without the required fields as problem+json naming each field", async () => {
    const response = await admin().post("/courses", {});
    expectProblem(response, 422, "validation_failed");
    expect(response.body.type).toMatch(/validation_failed$/);
    expect(response.body.title).toBe("Validation failed");
    expect(typeof response.body.detail).toBe("string");
    expect(paths(response)).toEqual(["code", "title"]);
    for (const error of response.body.errors) expect(error.message).toEqual(expect.any(String));
  });

  it("names each invalid field", async () => {
    const response = await admin().post("/courses", {
      code: "-bad code",
      title: "   ",
      formats: [],
      durationDays: 0,
      dayStartTime: "25:00",
      listPriceMinor: 12.5,
      currency: "EURO",
      language: "english!",
      certificateValidityMonths: 0,
    });
    expectProblem(response, 422, "validation_failed");
    expect(paths(response)).toEqual(
      [
        "certificateValidityMonths",
        "code",
        "currency",
        "dayStartTime",
        "durationDays",
        "formats",
        "language",
        "listPriceMinor",
        "title",
      ].sort(),
    );
  });

  it("applies the cross-field rules: minSeats ≤ maxSeats, end after start, equipment kinds once", async () => {
    const seats = await admin().post("/courses", {
      code: unique("X"),
      title: "Seats",
      minSeats: 13,
      maxSeats: 12,
    });
    expectInvalid(seats, ["minSeats"]);

    const seatsByDefault = await admin().post("/courses", {
      code: unique("X"),
      title: "Seats",
      minSeats: 20,
    });
    expectInvalid(seatsByDefault, ["minSeats"]);

    const hours = await admin().post("/courses", {
      code: unique("X"),
      title: "Hours",
      dayStartTime: "13:00",
      dayEndTime: "12:00",
    });
    expectInvalid(hours, ["dayEndTime"]);

    const equal = await admin().post("/courses", {
      code: unique("X"),
      title: "Hours",
      dayStartTime: "10:00",
      dayEndTime: "10:00",
    });
    expect(paths(equal)).toEqual(["dayEndTime"]);

    const kinds = await admin().post("/courses", {
      code: unique("X"),
      title: "Kit",
      requiredEquipment: [{ kind: "laptop" }, { kind: "LAPTOP" }],
    });
    expectInvalid(kinds, ["requiredEquipment.1.kind"]);

    const nested = await admin().post("/courses", {
      code: unique("X"),
      title: "Kit",
      requiredEquipment: [{ kind: "laptop", quantity: 0 }],
      materials: [{ name: "" }],
    });
    expectInvalid(nested, ["materials.0.name", "requiredEquipment.0.quantity"]);
  });

  it("answers malformed JSON with 400 problem+json", async () => {
    const response = await ctx().app.inject({
      method: "POST",
      url: "/api/v1/courses",
      headers: { authorization: `Bearer ${ctx().a.token}`, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });

  it("PATCH changes only what is sent; defaulted fields keep their stored values", async () => {
    const code = unique("PATCH");
    const created = await admin().post("/courses", {
      code,
      title: "Original",
      description: "Long text",
      formats: ["vilt"],
      durationDays: 3,
      dayStartTime: "10:00",
      dayEndTime: "15:00",
      minSeats: 5,
      maxSeats: 20,
      requiredQualifications: ["agile"],
      listPriceMinor: 5000,
      currency: "GBP",
      certificateValidityMonths: 12,
      language: "en",
      tags: ["one", "two"],
    });
    expect(created.status).toBe(201);
    const patched = await admin().patch(`/courses/${created.body.id}`, { title: "Renamed" });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({
      ...created.body,
      title: "Renamed",
      updatedAt: expect.any(String),
    });
    expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));
    expect((await admin().get(`/courses/${created.body.id}`)).body).toEqual(patched.body);
  });

  it("PATCH null clears optional fields and lists are replaced, not merged", async () => {
    const created = await admin().post("/courses", {
      code: unique("CLR"),
      title: "Clear me",
      description: "something",
      listPriceMinor: 100,
      certificateValidityMonths: 6,
      language: "de",
      tags: ["a", "b"],
      requiredRoomFeatures: ["projector", "whiteboard"],
      materials: [{ name: "Book" }],
    });
    const patched = await admin().patch(`/courses/${created.body.id}`, {
      description: null,
      listPriceMinor: null,
      certificateValidityMonths: null,
      language: null,
      tags: ["c"],
      requiredRoomFeatures: [],
      materials: [{ name: "Tablet", quantityPerLearner: 2 }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: "Clear me",
      description: null,
      listPriceMinor: null,
      certificateValidityMonths: null,
      language: null,
      tags: ["c"],
      requiredRoomFeatures: [],
      materials: [{ name: "Tablet", quantityPerLearner: 2, unitCostMinor: null }],
    });
    const fetched = await admin().get(`/courses/${created.body.id}`);
    expect(fetched.body).toEqual(patched.body);
  });

  it("PATCH re-checks cross-field rules against the stored values and leaves the course unchanged", async () => {
    const created = await admin().post("/courses", {
      code: unique("RULE"),
      title: "Rules",
      minSeats: 2,
      maxSeats: 10,
      dayStartTime: "09:00",
      dayEndTime: "17:00",
    });
    const tooMany = await admin().patch(`/courses/${created.body.id}`, { minSeats: 11 });
    expectInvalid(tooMany, ["minSeats"]);
    const tooFew = await admin().patch(`/courses/${created.body.id}`, { maxSeats: 1 });
    expectInvalid(tooFew, ["minSeats"]);
    const early = await admin().patch(`/courses/${created.body.id}`, { dayEndTime: "08:00" });
    expectInvalid(early, ["dayEndTime"]);
    const requiredGone = await admin().patch(`/courses/${created.body.id}`, { code: null, title: "" });
    expectInvalid(requiredGone, ["code", "title"]);
    expect((await admin().get(`/courses/${created.body.id}`)).body).toEqual(created.body);

    const both = await admin().patch(`/courses/${created.body.id}`, { minSeats: 15, maxSeats: 30 });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ minSeats: 15, maxSeats: 30 });
  });

  it("refuses a duplicate code with 409 conflict naming the field, also on PATCH", async () => {
    const code = unique("DUP");
    const first = await admin().post("/courses", { code, title: "First" });
    expect(first.status).toBe(201);
    const duplicate = await admin().post("/courses", { code, title: "Second" });
    expectProblem(duplicate, 409, "conflict");
    expect(duplicate.body.errors[0].path).toBe("code");

    const second = await admin().post("/courses", { code: unique("DUP"), title: "Second" });
    const clash = await admin().patch(`/courses/${second.body.id}`, { code });
    expectProblem(clash, 409, "conflict");
    expect(clash.body.errors[0].path).toBe("code");
    expect((await admin().get(`/courses/${second.body.id}`)).body.code).toBe(second.body.code);

    // Another tenant may use the same code.
    const elsewhere = await other().post("/courses", { code, title: "Theirs" });
    expect(elsewhere.status).toBe(201);
  });

  it("keeps tenants apart: 404 for every operation on another tenant's course, never listed", async () => {
    const code = unique("MINE");
    const mine = await admin().post("/courses", { code, title: "Private course" });
    const id = mine.body.id;
    for (const response of [
      await other().get(`/courses/${id}`),
      await other().patch(`/courses/${id}`, { title: "Stolen" }),
      await other().delete(`/courses/${id}`),
      await other().post(`/courses/${id}/archive`),
      await other().post(`/courses/${id}/unarchive`),
    ]) {
      expectProblem(response, 404, "not_found");
    }
    for (const archived of ["exclude", "include", "only"]) {
      const list = await other().get(`/courses?archived=${archived}&limit=500`);
      expect(ids(list)).not.toContain(id);
    }
    const search = await other().get(`/courses?q=${code}`);
    expect(search.body.items).toEqual([]);
    expect((await admin().get(`/courses/${id}`)).body).toEqual(mine.body);
  });

  it("answers 404 for an unknown id", async () => {
    const unknown = "01900000-0000-7000-8000-000000000000";
    expectProblem(await admin().get(`/courses/${unknown}`), 404, "not_found");
    expectProblem(await admin().patch(`/courses/${unknown}`, { title: "x" }), 404, "not_found");
    expectProblem(await admin().delete(`/courses/${unknown}`), 404, "not_found");
    expectProblem(await admin().post(`/courses/${unknown}/archive`), 404, "not_found");
    expectProblem(await admin().post(`/courses/${unknown}/unarchive`), 404, "not_found");
    expectProblem(await admin().get("/courses/not-a-uuid"), 404, "not_found");
  });

  it("requires a token and a role that may write", async () => {
    const anonymous = client(ctx().app);
    const missing = await anonymous.get("/courses");
    expectProblem(missing, 401, "unauthenticated");
    expect(missing.headers["www-authenticate"]).toContain("Bearer");
    expectProblem(await anonymous.post("/courses", { code: "A", title: "B" }), 401, "unauthenticated");
    expectProblem(await client(ctx().app, "lct_not-a-real-token").get("/courses"), 401, "unauthenticated");

    const created = await admin().post("/courses", { code: unique("RO"), title: "Read only" });
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expect((await viewer.get(`/courses/${created.body.id}`)).status).toBe(200);
    expect((await viewer.get("/courses")).status).toBe(200);
    expectProblem(await viewer.post("/courses", { code: unique("V"), title: "No" }), 403, "forbidden");
    expectProblem(await viewer.patch(`/courses/${created.body.id}`, { title: "No" }), 403, "forbidden");
    expectProblem(await viewer.delete(`/courses/${created.body.id}`), 403, "forbidden");
    expectProblem(await viewer.post(`/courses/${created.body.id}/archive`), 403, "forbidden");
    expect((await admin().get(`/courses/${created.body.id}`)).body).toEqual(created.body);

    const coordinator = client(ctx().app, await ctx().a.tokenFor("coordinator"));
    expect((await coordinator.patch(`/courses/${created.body.id}`, { title: "Coordinated" })).status).toBe(
      200,
    );
  });

  it("refuses to delete a course an instructor qualification refers to, until the reference is gone", async () => {
    const course = await admin().post("/courses", { code: unique("REF"), title: "Referenced" });
    const instructor = await admin().post("/instructors", {
      name: "Quinn Qualified",
      email: `${unique("quinn")}@example.com`,
    });
    const qualification = await admin().post(`/instructors/${instructor.body.id}/qualifications`, {
      courseId: course.body.id,
    });
    expect(qualification.status).toBe(201);

    const refused = await admin().delete(`/courses/${course.body.id}`);
    expectProblem(refused, 409, "in_use");
    expect(refused.body.references).toEqual([{ entityType: "instructor qualification", count: 1 }]);
    expect((await admin().get(`/courses/${course.body.id}`)).status).toBe(200);

    const removed = await admin().delete(
      `/instructors/${instructor.body.id}/qualifications/${qualification.body.id}`,
    );
    expect(removed.status).toBe(204);
    const deleted = await admin().delete(`/courses/${course.body.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBe("");
    expectProblem(await admin().get(`/courses/${course.body.id}`), 404, "not_found");
    expectProblem(await admin().delete(`/courses/${course.body.id}`), 404, "not_found");
  });

  it("archives: hidden from the default list, shown with archived=only|include, restored by unarchive", async () => {
    const tag = unique("arch");
    const kept = await admin().post("/courses", { code: unique("KEEP"), title: "Kept", tags: [tag] });
    const gone = await admin().post("/courses", { code: unique("GONE"), title: "Gone", tags: [tag] });
    const archived = await admin().post(`/courses/${gone.body.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect(Date.parse(archived.body.archivedAt)).not.toBeNaN();
    expect(archived.body).toMatchObject({ id: gone.body.id, code: gone.body.code, title: "Gone" });

    expect(ids(await admin().get(`/courses?tag=${tag}`))).toEqual([kept.body.id]);
    expect(ids(await admin().get(`/courses?tag=${tag}&archived=exclude`))).toEqual([kept.body.id]);
    expect(ids(await admin().get(`/courses?tag=${tag}&archived=only`))).toEqual([gone.body.id]);
    expect(ids(await admin().get(`/courses?tag=${tag}&archived=include`))).toEqual([
      kept.body.id,
      gone.body.id,
    ]);
    // Still readable by id.
    expect((await admin().get(`/courses/${gone.body.id}`)).body.archivedAt).toBe(archived.body.archivedAt);

    const restored = await admin().post(`/courses/${gone.body.id}/unarchive`);
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeNull();
    expect(ids(await admin().get(`/courses?tag=${tag}`))).toEqual([kept.body.id, gone.body.id]);
    expect(ids(await admin().get(`/courses?tag=${tag}&archived=only`))).toEqual([]);
  });

  it("walks every page with a cursor: no duplicates, no gaps, creation order", async () => {
    const tag = unique("page");
    const created: string[] = [];
    for (let index = 0; index < 7; index++) {
      const response = await admin().post("/courses", {
        code: unique("PG"),
        title: `Paged ${index}`,
        tags: [tag],
      });
      created.push(response.body.id);
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const url: string = `/courses?tag=${tag}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await admin().get(url);
      expect(page.status).toBe(200);
      sizes.push(page.body.items.length);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
      if (cursor === null) break;
      expect(typeof cursor).toBe("string");
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(created);
    expect(new Set(seen).size).toBe(7);

    const exact = await admin().get(`/courses?tag=${tag}&limit=7`);
    expect(exact.body.items).toHaveLength(7);
    expect(exact.body.nextCursor).toBeNull();
  });

  it("rejects bad query parameters with 400", async () => {
    for (const query of ["limit=0", "limit=501", "limit=abc", "archived=sometimes", "format=paper"]) {
      const response = await admin().get(`/courses?${query}`);
      expectProblem(response, 400, "bad_request");
      expect(response.body.errors.length).toBeGreaterThan(0);
    }
    const format = await admin().get("/courses?format=paper");
    expect(paths(format)).toEqual(["format"]);
    expect(format.body.errors[0].in).toBe("query");
  });

  it("rejects a cursor it did not issue as a query error (400) naming cursor", async () => {
    const response = await admin().get("/courses?cursor=not-a-cursor");
    expectProblem(response, 400, "bad_request");
    expect(paths(response)).toEqual(["cursor"]);
  });

  it("filters by q (code or title, case-insensitive), format and tag, combined with AND", async () => {
    const marker = unique("zebra");
    const tag = unique("filt");
    const a = await admin().post("/courses", {
      code: `${marker}-A`,
      title: "Alpha",
      formats: ["ilt"],
      tags: [tag, "x"],
    });
    const b = await admin().post("/courses", {
      code: unique("B"),
      title: `Bravo ${marker.toUpperCase()} course`,
      formats: ["vilt", "hybrid"],
      tags: [tag],
    });
    const c = await admin().post("/courses", {
      code: unique("C"),
      title: "Charlie",
      formats: ["vilt"],
      tags: ["other"],
    });
    expect(ids(await admin().get(`/courses?q=${marker}`))).toEqual([a.body.id, b.body.id]);
    expect(ids(await admin().get(`/courses?q=${marker.toUpperCase()}`))).toEqual([a.body.id, b.body.id]);
    expect(ids(await admin().get(`/courses?tag=${tag}&format=vilt`))).toEqual([b.body.id]);
    expect(ids(await admin().get(`/courses?tag=${tag}&format=hybrid`))).toEqual([b.body.id]);
    expect(ids(await admin().get(`/courses?tag=${tag}&format=ilt`))).toEqual([a.body.id]);
    expect(ids(await admin().get(`/courses?tag=${tag}`))).toEqual([a.body.id, b.body.id]);
    const vilt = ids(await admin().get("/courses?format=vilt&limit=500"));
    expect(vilt).toContain(b.body.id);
    expect(vilt).toContain(c.body.id);
    expect(vilt).not.toContain(a.body.id);
    expect(ids(await admin().get(`/courses?q=${marker}&tag=other`))).toEqual([]);
    // LIKE wildcards in q are taken literally.
    expect(ids(await admin().get(`/courses?tag=${tag}&q=%25`))).toEqual([]);
    expect(ids(await admin().get(`/courses?tag=${tag}&q=_`))).toEqual([]);
  });

  it("writes create, update, archive and delete audit events, readable by admins only", async () => {
    const created = await admin().post("/courses", { code: unique("AUD"), title: "Audited" });
    const id = created.body.id;
    await admin().patch(`/courses/${id}`, { title: "Audited twice" });
    await admin().post(`/courses/${id}/archive`);
    expect((await admin().delete(`/courses/${id}`)).status).toBe(204);

    const events = await admin().get(`/audit-events?entityType=course&entityId=${id}`);
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      "delete",
      "archive",
      "update",
      "create",
    ]);
    const [deleted, , updated, create] = events.body.items;
    expect(create).toMatchObject({ entityType: "course", entityId: id, before: null });
    expect(create.after).toMatchObject({ id, title: "Audited" });
    expect(create.actor).toMatchObject({ kind: "token", id: expect.any(String) });
    expect(updated.before).toMatchObject({ title: "Audited" });
    expect(updated.after).toMatchObject({ title: "Audited twice" });
    expect(deleted.before).toMatchObject({ id, title: "Audited twice" });
    expect(deleted.after).toBeNull();

    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    expectProblem(await viewer.get(`/audit-events?entityType=course&entityId=${id}`), 403, "forbidden");
    expect((await other().get(`/audit-events?entityType=course&entityId=${id}`)).body.items).toEqual([]);
  });
});
