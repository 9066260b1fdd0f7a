import { expect, it } from "vitest";
import { client, describeEachDatabase } from "../../../test/app.js";

describeEachDatabase("CSV import and export", (ctx) => {
  it("dry-runs learners: reports every problem by row and column and writes nothing", async () => {
    const { core, a } = ctx();
    const csv = [
      "Name,Email,Client,Manager Email,custom.department",
      "Ada One,ada1@dry.example,,boss@dry.example,R&D",
      ",not-an-email,No Such Client,,",
      "Ada Dup,ADA1@dry.example,,,",
    ].join("\n");
    const report = await core.imports.importCsv(a.actor, "learners", csv, { dryRun: true });
    expect(report).toMatchObject({ entity: "learners", dryRun: true, rows: 3, valid: 1, created: 0 });
    expect(report.errors).toEqual(
      expect.arrayContaining([
        { row: 3, column: "client", message: 'no client named "No Such Client"' },
        expect.objectContaining({ row: 3, column: "name" }),
        expect.objectContaining({ row: 3, column: "email" }),
        { row: 4, column: "email", message: "duplicate of row 2" },
      ]),
    );
    const list = await core.learners.list(a.actor, {
      email: "ada1@dry.example",
      limit: 10,
      archived: "include",
    });
    expect(list.items).toHaveLength(0);
  });

  it("imports a valid file in full, custom fields and client by name included, then exports it back", async () => {
    const { core, a } = ctx();
    const acme = await client(ctx().app, a.token).post("/clients", { name: "Import Acme" });
    const csv = [
      "name,email,client,tags,custom.department,custom.costCenter",
      `Grace Import,grace@import.example,import acme,new-hire; sales,Sales,CC-1`,
      `Linus Import,linus@import.example,${acme.body.id},,Engineering,`,
    ].join("\r\n");
    const report = await core.imports.importCsv(a.actor, "learners", csv);
    expect(report).toMatchObject({ rows: 2, valid: 2, created: 2, errorCount: 0 });
    const grace = (
      await core.learners.list(a.actor, { email: "grace@import.example", limit: 1, archived: "exclude" })
    ).items[0]!;
    expect(grace).toMatchObject({
      clientId: acme.body.id,
      tags: ["new-hire", "sales"],
      customFields: { department: "Sales", costCenter: "CC-1" },
    });
    const exported = await core.exports.exportCsv(a.actor, "learners");
    const [header, ...lines] = exported.trim().split("\n");
    expect(header).toBe(
      "name,email,client,manager_email,phone,language,time_zone,external_id,tags,notes,custom.costCenter,custom.department",
    );
    expect(lines.find((line) => line.startsWith("Grace Import"))).toBe(
      "Grace Import,grace@import.example,Import Acme,,,,,,new-hire; sales,,CC-1,Sales",
    );
  });

  it("refuses the whole file when one row is bad (all or nothing) and when an email exists", async () => {
    const { core, a } = ctx();
    const csv = ["name,email", "Ok Person,ok@allornothing.example", "Bad Person,bad-email"].join("\n");
    const report = await core.imports.importCsv(a.actor, "learners", csv);
    expect(report.created).toBe(0);
    expect(report.errors).toEqual([expect.objectContaining({ row: 3, column: "email" })]);
    expect(
      (await core.learners.list(a.actor, { email: "ok@allornothing.example", limit: 1, archived: "include" }))
        .items,
    ).toHaveLength(0);

    await core.imports.importCsv(a.actor, "learners", "name,email\nFirst,first@exists.example");
    const again = await core.imports.importCsv(
      a.actor,
      "learners",
      "name,email\nSecond,FIRST@exists.example",
    );
    expect(again.errors).toEqual([
      { row: 2, column: "email", message: "a learner with this email already exists" },
    ]);
  });

  it("reports broken CSV syntax and rows with too many cells, and writes nothing", async () => {
    const { core, a } = ctx();
    const ragged = await core.imports.importCsv(
      a.actor,
      "learners",
      "name,email\nA,a@ragged.example,extra\nB,b@ragged.example",
    );
    expect(ragged).toMatchObject({ rows: 2, valid: 1, created: 0 });
    expect(ragged.errors).toEqual([
      { row: 2, column: null, message: "3 cells but the header has 2 columns" },
    ]);
    const broken = await core.imports.importCsv(
      a.actor,
      "learners",
      'name,email\nC,c@broken.example\n"D,d@broken.example',
    );
    expect(broken.created).toBe(0);
    expect(broken.errors).toEqual([{ row: 3, column: null, message: "a quoted cell is never closed" }]);
    const list = await core.learners.list(a.actor, { q: "example", limit: 50, archived: "include" });
    expect(list.items.filter((l) => /ragged|broken/.test(l.email))).toEqual([]);
  });

  it("checks the header: unknown and missing columns", async () => {
    const { core, a } = ctx();
    const report = await core.imports.importCsv(a.actor, "rooms", "name,seats\nRoom,10");
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 1,
          column: "seats",
          message: expect.stringContaining("unknown column"),
        }),
        { row: 1, column: "location", message: "required column is missing" },
        { row: 1, column: "capacity", message: "required column is missing" },
      ]),
    );
  });

  it("imports courses, rooms and instructors with money in major units and qualifications", async () => {
    const { core, a } = ctx();
    const api = client(ctx().app, a.token);
    await api.post("/locations", { name: "CSV Tokyo", timeZone: "Asia/Tokyo" });
    const courses = [
      "code,title,formats,duration_days,min_seats,max_seats,required_qualifications,required_equipment,materials,list_price,currency,certificate_validity_months,tags",
      'CSV-101,"Data, Basics",ilt; vilt,2,3,10,sql,laptop:1:per_learner; projector,Workbook:1:25.50,1450.00,EUR,24,data',
      "CSV-JPY,Yen course,,,,,,,,15000,JPY,,",
    ].join("\n");
    expect((await core.imports.importCsv(a.actor, "courses", courses)).created).toBe(2);
    const course = (await api.get("/courses?q=CSV-101")).body.items[0];
    expect(course).toMatchObject({
      title: "Data, Basics",
      formats: ["ilt", "vilt"],
      requiredEquipment: [
        { kind: "laptop", quantity: 1, perLearner: true },
        { kind: "projector", quantity: 1, perLearner: false },
      ],
      materials: [{ name: "Workbook", quantityPerLearner: 1, unitCostMinor: 2550 }],
      listPriceMinor: 145000,
      certificateValidityMonths: 24,
    });
    expect((await api.get("/courses?q=CSV-JPY")).body.items[0].listPriceMinor).toBe(15000);

    const rooms =
      "location,name,capacity,features,cost_per_day,currency\nCSV Tokyo,Sakura,12,projector,30000,JPY\nCSV Tokyo,Bad,12,,12.5,JPY";
    const roomReport = await core.imports.importCsv(a.actor, "rooms", rooms);
    expect(roomReport.errors).toEqual([
      { row: 3, column: "cost_per_day", message: "JPY has 0 decimal places" },
    ]);

    const instructors =
      "name,email,home_location,skills,courses,day_rate,currency\nKen CSV,ken@csv.example,csv tokyo,sql; python,CSV-101,80000,JPY";
    expect((await core.imports.importCsv(a.actor, "instructors", instructors)).created).toBe(1);
    const ken = (await api.get("/instructors?q=ken@csv.example")).body.items[0];
    expect(ken).toMatchObject({ timeZone: "Asia/Tokyo", dayRateMinor: 80000, currency: "JPY" });
    const qualifications = (await api.get(`/instructors/${ken.id}/qualifications`)).body.items;
    expect(qualifications.map((q: any) => q.skill ?? q.courseId).sort()).toEqual(
      [course.id, "python", "sql"].sort(),
    );
    const exported = await core.exports.exportCsv(a.actor, "instructors");
    expect(exported).toContain(
      "Ken CSV,ken@csv.example,,internal,CSV Tokyo,Asia/Tokyo,80000,,JPY,,,,sql; python,CSV-101,,",
    );
  });

  it("works over HTTP: dry run 200, invalid 422 with rows, valid 201, export as text/csv, tenants apart", async () => {
    const { app, a, b } = ctx();
    const send = (token: string, url: string, payload: string) =>
      app.inject({
        method: "POST",
        url,
        payload,
        headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
      });
    const dry = await send(
      a.token,
      "/api/v1/imports/learners?dryRun=true",
      "name,email\nHttp Person,http@csv.example",
    );
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, valid: 1, created: 0 });
    const bad = await send(a.token, "/api/v1/imports/learners", "name,email\nHttp Person,nope");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ row: 2, column: "email", path: "email" });
    const ok = await send(a.token, "/api/v1/imports/learners", "name,email\nHttp Person,http@csv.example");
    expect(ok.statusCode).toBe(201);
    const exported = await app.inject({
      method: "GET",
      url: "/api/v1/exports/learners",
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(exported.headers["content-type"]).toContain("text/csv");
    expect(exported.body).toContain("http@csv.example");
    const otherTenant = await app.inject({
      method: "GET",
      url: "/api/v1/exports/learners",
      headers: { authorization: `Bearer ${b.token}` },
    });
    expect(otherTenant.body).not.toContain("http@csv.example");
    const viewer = await send(
      await a.tokenFor("viewer"),
      "/api/v1/imports/learners",
      "name,email\nX,x@csv.example",
    );
    expect(viewer.statusCode).toBe(403);
    const unknown = await send(a.token, "/api/v1/imports/planets", "name\nMars");
    expect(unknown.statusCode).toBe(400);
  });
});
