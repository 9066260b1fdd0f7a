import { expect, it } from "vitest";
import {
  type ApiResponse,
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
import { localToInstant } from "../../core/time/zoned.js";

describeEachDatabase("instructors API", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const other = () => client(ctx().app, ctx().b.token);

  /** test/app.ts's client has no PUT; availability needs one. */
  async function put(url: string, payload: unknown, token = ctx().a.token): Promise<ApiResponse> {
    const response = await ctx().app.inject({
      method: "PUT",
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload: payload as Record<string, unknown>,
    });
    return {
      status: response.statusCode,
      body: response.body ? JSON.parse(response.body) : response.body,
      headers: response.headers,
    };
  }

  async function newLocation(timeZone: string, api = admin()): Promise<string> {
    const response = await api.post("/locations", { name: unique("Home"), timeZone });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function newInstructor(extra: Record<string, unknown> = {}, api = admin()) {
    const response = await api.post("/instructors", {
      name: unique("Instructor"),
      email: uniqueEmail(),
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function newCourse(api = admin()): Promise<string> {
    const response = await api.post("/courses", { code: unique("C"), title: "Course" });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  // ── the instructor itself ─────────────────────────────────────────────────

  it("creates from the minimal body {name, email} with defaults; zone falls back to the tenant's", async () => {
    const email = uniqueEmail("minimal");
    const created = await admin().post("/instructors", { name: "Ada Lovelace", email });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Ada Lovelace",
      email,
      phone: null,
      kind: "internal",
      homeLocationId: null,
      timeZone: "UTC",
      dayRateMinor: null,
      hourRateMinor: null,
      currency: "EUR",
      maxDaysPerWeek: null,
      maxDaysPerMonth: null,
      languages: [],
      tags: [],
      notes: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    expect((await admin().get(`/instructors/${created.body.id}`)).body).toEqual(created.body);
  });

  it("defaults the time zone to the home location's; an explicit zone wins", async () => {
    const berlin = await newLocation("Europe/Berlin");
    const fromHome = await newInstructor({ homeLocationId: berlin });
    expect(fromHome.timeZone).toBe("Europe/Berlin");
    expect(fromHome.homeLocationId).toBe(berlin);
    const explicit = await newInstructor({ homeLocationId: berlin, timeZone: "America/New_York" });
    expect(explicit.timeZone).toBe("America/New_York");
  });

  it("keeps current IANA zone names as sent (Asia/Kolkata, Europe/Kyiv), not legacy aliases", async () => {
    const kolkata = await newInstructor({ timeZone: "Asia/Kolkata" });
    expect(kolkata.timeZone).toBe("Asia/Kolkata");
    const kyiv = await newLocation("Europe/Kyiv");
    expect((await admin().get(`/locations/${kyiv}`)).body.timeZone).toBe("Europe/Kyiv");
    const fromHome = await newInstructor({ homeLocationId: kyiv });
    expect(fromHome.timeZone).toBe("Europe/Kyiv");
    expect((await admin().get(`/instructors/${fromHome.id}/availability-rules`)).body.timeZone).toBe(
      "Europe/Kyiv",
    );
  });

  it("round-trips a full body", async () => {
    const home = await newLocation("Asia/Tokyo");
    const email = uniqueEmail("full");
    const created = await admin().post("/instructors", {
      name: "Grace Hopper",
      email,
      phone: "+49 30 1234567",
      kind: "contractor",
      homeLocationId: home,
      timeZone: "Europe/Lisbon",
      dayRateMinor: 90_000,
      hourRateMinor: 12_000,
      currency: "gbp",
      maxDaysPerWeek: 4,
      maxDaysPerMonth: 15,
      languages: ["en", "de", "en"],
      tags: ["senior"],
      notes: "Prefers mornings",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Grace Hopper",
      email,
      phone: "+49 30 1234567",
      kind: "contractor",
      homeLocationId: home,
      timeZone: "Europe/Lisbon",
      dayRateMinor: 90_000,
      hourRateMinor: 12_000,
      currency: "GBP",
      maxDaysPerWeek: 4,
      maxDaysPerMonth: 15,
      languages: ["en", "de"],
      tags: ["senior"],
      notes: "Prefers mornings",
    });
    expect((await admin().get(`/instructors/${created.body.id}`)).body).toEqual(created.body);
  });

  it("rejects invalid bodies with 422 naming each field", async () => {
    const empty = await admin().post("/instructors", {});
    expectInvalid(empty, ["email", "name"]);
    const bad = await admin().post("/instructors", {
      name: "",
      email: "not-an-email",
      kind: "freelancer",
      homeLocationId: "home",
      timeZone: "Europe/Atlantis",
      dayRateMinor: -5,
      currency: "EURO",
      maxDaysPerWeek: 8,
      maxDaysPerMonth: 0,
    });
    expectProblem(bad, 422, "validation_failed");
    expect(paths(bad)).toEqual(
      [
        "currency",
        "dayRateMinor",
        "email",
        "homeLocationId",
        "kind",
        "maxDaysPerMonth",
        "maxDaysPerWeek",
        "name",
        "timeZone",
      ].sort(),
    );
  });

  it("refuses a missing, another tenant's or an archived home location with 422 on homeLocationId", async () => {
    const missing = await admin().post("/instructors", {
      name: "X",
      email: uniqueEmail(),
      homeLocationId: "01900000-0000-7000-8000-000000000003",
    });
    expectInvalid(missing, ["homeLocationId"]);
    const foreign = await admin().post("/instructors", {
      name: "X",
      email: uniqueEmail(),
      homeLocationId: await newLocation("UTC", other()),
    });
    expectInvalid(foreign, ["homeLocationId"]);
    const archivedHome = await newLocation("UTC");
    await admin().post(`/locations/${archivedHome}/archive`);
    const archived = await admin().post("/instructors", {
      name: "X",
      email: uniqueEmail(),
      homeLocationId: archivedHome,
    });
    expectInvalid(archived, ["homeLocationId"]);
    const instructor = await newInstructor();
    const patched = await admin().patch(`/instructors/${instructor.id}`, { homeLocationId: archivedHome });
    expectInvalid(patched, ["homeLocationId"]);
  });

  it("still edits an instructor and a qualification after their home location and course were archived", async () => {
    const home = await newLocation("Europe/Prague");
    const course = await newCourse();
    const instructor = await newInstructor({ homeLocationId: home });
    const qualification = await admin().post(`/instructors/${instructor.id}/qualifications`, {
      courseId: course,
    });
    expect((await admin().post(`/locations/${home}/archive`)).status).toBe(200);
    expect((await admin().post(`/courses/${course}/archive`)).status).toBe(200);
    // Archiving hides a record from new use; existing records pointing at it stay editable.
    const renamed = await admin().patch(`/instructors/${instructor.id}`, { notes: "Office closed" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ notes: "Office closed", homeLocationId: home });
    const leveled = await admin().patch(
      `/instructors/${instructor.id}/qualifications/${qualification.body.id}`,
      { level: "senior" },
    );
    expect(leveled.status).toBe(200);
    expect(leveled.body).toMatchObject({ level: "senior", courseId: course });
  });

  it("PATCH changes only what is sent (defaulted fields and the zone keep their values); null clears", async () => {
    const home = await newLocation("Europe/Vienna");
    const created = await newInstructor({
      phone: "123",
      kind: "contractor",
      homeLocationId: home,
      dayRateMinor: 50_000,
      currency: "CHF",
      maxDaysPerWeek: 3,
      languages: ["de"],
      tags: ["a", "b"],
      notes: "n",
    });
    expect(created.timeZone).toBe("Europe/Vienna");
    const renamed = await admin().patch(`/instructors/${created.id}`, { name: "Renamed" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...created, name: "Renamed", updatedAt: expect.any(String) });

    const cleared = await admin().patch(`/instructors/${created.id}`, {
      phone: null,
      homeLocationId: null,
      dayRateMinor: null,
      maxDaysPerWeek: null,
      notes: null,
      languages: ["fr"],
      tags: [],
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      name: "Renamed",
      kind: "contractor",
      phone: null,
      homeLocationId: null,
      dayRateMinor: null,
      maxDaysPerWeek: null,
      notes: null,
      languages: ["fr"],
      tags: [],
      currency: "CHF",
      timeZone: "Europe/Vienna",
    });
    expect((await admin().get(`/instructors/${created.id}`)).body).toEqual(cleared.body);

    const required = await admin().patch(`/instructors/${created.id}`, { email: null, name: " " });
    expectInvalid(required, ["email", "name"]);
    const zone = await admin().patch(`/instructors/${created.id}`, { timeZone: "Australia/Sydney" });
    expect(zone.body.timeZone).toBe("Australia/Sydney");
  });

  it("keeps emails unique per tenant, case-insensitively (409 on email)", async () => {
    const email = uniqueEmail("Unique").replace("Unique", "UniQue");
    expect((await admin().post("/instructors", { name: "First", email })).status).toBe(201);
    const duplicate = await admin().post("/instructors", { name: "Second", email: email.toLowerCase() });
    expectProblem(duplicate, 409, "conflict");
    expect(duplicate.body.errors[0].path).toBe("email");
    const upper = await admin().post("/instructors", { name: "Third", email: email.toUpperCase() });
    expectProblem(upper, 409, "conflict");
    expect(upper.body.errors[0].path).toBe("email");

    const another = await newInstructor();
    const clash = await admin().patch(`/instructors/${another.id}`, { email: email.toUpperCase() });
    expectProblem(clash, 409, "conflict");
    expect(clash.body.errors[0].path).toBe("email");
    expect((await other().post("/instructors", { name: "Elsewhere", email })).status).toBe(201);
  });

  it("refuses to delete a home location (409 in_use), allows it when the instructor moves away", async () => {
    const home = await newLocation("Europe/Rome");
    const instructor = await newInstructor({ homeLocationId: home });
    const refused = await admin().delete(`/locations/${home}`);
    expectProblem(refused, 409, "in_use");
    expect(refused.body.references).toEqual([{ entityType: "instructor", count: 1 }]);
    expect((await admin().patch(`/instructors/${instructor.id}`, { homeLocationId: null })).status).toBe(200);
    expect((await admin().delete(`/locations/${home}`)).status).toBe(204);
    expectProblem(await admin().get(`/locations/${home}`), 404, "not_found");
  });

  it("deletes an instructor together with qualifications, availability and time off", async () => {
    const instructor = await newInstructor();
    const course = await newCourse();
    await admin().post(`/instructors/${instructor.id}/qualifications`, { courseId: course });
    await put(`/instructors/${instructor.id}/availability-rules`, {
      rules: [{ weekday: 1, startTime: "09:00", endTime: "17:00" }],
    });
    await admin().post(`/instructors/${instructor.id}/time-off`, { start: "2027-05-03", end: "2027-05-04" });
    expect((await admin().delete(`/instructors/${instructor.id}`)).status).toBe(204);
    expectProblem(await admin().get(`/instructors/${instructor.id}`), 404, "not_found");
    expectProblem(await admin().get(`/instructors/${instructor.id}/qualifications`), 404, "not_found");
    expectProblem(await admin().get(`/instructors/${instructor.id}/availability-rules`), 404, "not_found");
    expectProblem(await admin().get(`/instructors/${instructor.id}/time-off`), 404, "not_found");
    // The course is free again.
    expect((await admin().delete(`/courses/${course}`)).status).toBe(204);
  });

  it("keeps tenants apart: 404 on the instructor and every sub-resource, never listed", async () => {
    const instructor = await newInstructor();
    const id = instructor.id;
    const qualification = await admin().post(`/instructors/${id}/qualifications`, { skill: "secret" });
    const timeOff = await admin().post(`/instructors/${id}/time-off`, {
      start: "2027-01-04",
      end: "2027-01-05",
    });
    expect(qualification.status).toBe(201);
    expect(timeOff.status).toBe(201);
    for (const response of [
      await other().get(`/instructors/${id}`),
      await other().patch(`/instructors/${id}`, { name: "Stolen" }),
      await other().delete(`/instructors/${id}`),
      await other().post(`/instructors/${id}/archive`),
      await other().post(`/instructors/${id}/unarchive`),
      await other().get(`/instructors/${id}/qualifications`),
      await other().post(`/instructors/${id}/qualifications`, { skill: "x" }),
      await other().patch(`/instructors/${id}/qualifications/${qualification.body.id}`, { level: "x" }),
      await other().delete(`/instructors/${id}/qualifications/${qualification.body.id}`),
      await other().get(`/instructors/${id}/availability-rules`),
      await put(`/instructors/${id}/availability-rules`, { rules: [] }, ctx().b.token),
      await other().get(`/instructors/${id}/time-off`),
      await other().post(`/instructors/${id}/time-off`, { start: "2027-01-04", end: "2027-01-05" }),
      await other().patch(`/instructors/${id}/time-off/${timeOff.body.id}`, { reason: "x" }),
      await other().delete(`/instructors/${id}/time-off/${timeOff.body.id}`),
    ]) {
      expectProblem(response, 404, "not_found");
    }
    for (const archived of ["exclude", "include", "only"]) {
      expect(ids(await other().get(`/instructors?archived=${archived}&limit=500`))).not.toContain(id);
    }
    expect((await other().get("/instructors?skill=secret")).body.items).toEqual([]);
    expect((await admin().get(`/instructors/${id}/qualifications`)).body.items).toHaveLength(1);
    expect((await admin().get(`/instructors/${id}/time-off`)).body.items).toHaveLength(1);
  });

  it("lets a viewer read an instructor and its sub-resources but change nothing", async () => {
    const instructor = await newInstructor();
    const qualification = await admin().post(`/instructors/${instructor.id}/qualifications`, {
      skill: "excel",
    });
    const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
    const viewerToken = await ctx().a.tokenFor("viewer");
    expect((await viewer.get(`/instructors/${instructor.id}`)).status).toBe(200);
    expect((await viewer.get(`/instructors/${instructor.id}/qualifications`)).status).toBe(200);
    expect((await viewer.get(`/instructors/${instructor.id}/availability-rules`)).status).toBe(200);
    expect((await viewer.get(`/instructors/${instructor.id}/time-off`)).status).toBe(200);
    for (const response of [
      await viewer.post("/instructors", { name: "No", email: uniqueEmail() }),
      await viewer.patch(`/instructors/${instructor.id}`, { name: "No" }),
      await viewer.delete(`/instructors/${instructor.id}`),
      await viewer.post(`/instructors/${instructor.id}/archive`),
      await viewer.post(`/instructors/${instructor.id}/qualifications`, { skill: "x" }),
      await viewer.patch(`/instructors/${instructor.id}/qualifications/${qualification.body.id}`, {
        level: "x",
      }),
      await viewer.delete(`/instructors/${instructor.id}/qualifications/${qualification.body.id}`),
      await put(`/instructors/${instructor.id}/availability-rules`, { rules: [] }, viewerToken),
      await viewer.post(`/instructors/${instructor.id}/time-off`, { start: "2027-01-04", end: "2027-01-04" }),
    ]) {
      expectProblem(response, 403, "forbidden");
    }
    expectProblem(await client(ctx().app).get(`/instructors/${instructor.id}`), 401, "unauthenticated");
  });

  it("archives and unarchives, with archived=exclude|include|only", async () => {
    const tag = unique("arch");
    const kept = await newInstructor({ tags: [tag] });
    const gone = await newInstructor({ tags: [tag] });
    const archived = await admin().post(`/instructors/${gone.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect(ids(await admin().get(`/instructors?tag=${tag}`))).toEqual([kept.id]);
    expect(ids(await admin().get(`/instructors?tag=${tag}&archived=only`))).toEqual([gone.id]);
    expect(ids(await admin().get(`/instructors?tag=${tag}&archived=include`))).toEqual([kept.id, gone.id]);
    expect((await admin().post(`/instructors/${gone.id}/unarchive`)).body.archivedAt).toBeNull();
    expect(ids(await admin().get(`/instructors?tag=${tag}`))).toEqual([kept.id, gone.id]);
  });

  it("walks every page with a cursor: no duplicates, no gaps", async () => {
    const tag = unique("page");
    const created: string[] = [];
    for (let index = 0; index < 7; index++) created.push((await newInstructor({ tags: [tag] })).id);
    const { seen, sizes } = await walkPages(admin(), `/instructors?tag=${tag}&limit=3`);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(created);
    expect(new Set(seen).size).toBe(7);
  });

  it("filters by skill, courseId, kind, homeLocationId and q", async () => {
    const tag = unique("filter");
    const skill = unique("kubernetes");
    const course = await newCourse();
    const home = await newLocation("Europe/Oslo");
    const marker = unique("needle");
    const one = await newInstructor({ tags: [tag], kind: "internal", name: `Nora ${marker}` });
    const two = await newInstructor({ tags: [tag], kind: "contractor", homeLocationId: home });
    const three = await newInstructor({ tags: [tag], kind: "contractor" });
    await admin().post(`/instructors/${one.id}/qualifications`, { skill });
    await admin().post(`/instructors/${two.id}/qualifications`, { skill, validUntil: "2020-12-31" });
    await admin().post(`/instructors/${two.id}/qualifications`, { courseId: course });
    await admin().post(`/instructors/${three.id}/qualifications`, { skill: `${skill}-other` });

    expect(ids(await admin().get(`/instructors?skill=${skill}`))).toEqual([one.id, two.id]);
    expect(ids(await admin().get(`/instructors?courseId=${course}`))).toEqual([two.id]);
    expect(ids(await admin().get(`/instructors?courseId=${course}&skill=${skill}`))).toEqual([]);
    expect(ids(await admin().get(`/instructors?tag=${tag}&kind=contractor`))).toEqual([two.id, three.id]);
    expect(ids(await admin().get(`/instructors?tag=${tag}&kind=internal`))).toEqual([one.id]);
    expect(ids(await admin().get(`/instructors?skill=${skill}&kind=contractor`))).toEqual([two.id]);
    expect(ids(await admin().get(`/instructors?homeLocationId=${home}`))).toEqual([two.id]);
    expect(ids(await admin().get(`/instructors?q=${marker.toUpperCase()}`))).toEqual([one.id]);
    expect(ids(await admin().get(`/instructors?q=${encodeURIComponent(three.email)}`))).toEqual([three.id]);
    expectProblem(await admin().get("/instructors?kind=employee"), 400, "bad_request");
  });

  it("writes audit events for the instructor and its sub-resources", async () => {
    const instructor = await newInstructor();
    await admin().patch(`/instructors/${instructor.id}`, { notes: "audited" });
    const qualification = await admin().post(`/instructors/${instructor.id}/qualifications`, { skill: "a" });
    const timeOff = await admin().post(`/instructors/${instructor.id}/time-off`, {
      start: "2027-02-01",
      end: "2027-02-01",
    });
    await put(`/instructors/${instructor.id}/availability-rules`, {
      rules: [{ weekday: 2, startTime: "08:00", endTime: "12:00" }],
    });
    await admin().delete(`/instructors/${instructor.id}`);

    const own = await admin().get(`/audit-events?entityType=instructor&entityId=${instructor.id}`);
    expect(own.body.items.map((e: { action: string }) => e.action)).toEqual(["delete", "update", "create"]);
    expect(own.body.items[1].after).toMatchObject({ notes: "audited" });
    const qualificationEvents = await admin().get(
      `/audit-events?entityType=qualification&entityId=${qualification.body.id}`,
    );
    expect(qualificationEvents.body.items.map((e: { action: string }) => e.action)).toEqual(["create"]);
    const timeOffEvents = await admin().get(`/audit-events?entityType=time_off&entityId=${timeOff.body.id}`);
    expect(timeOffEvents.body.items.map((e: { action: string }) => e.action)).toEqual(["create"]);
    const availabilityEvents = await admin().get(
      `/audit-events?entityType=instructor_availability&entityId=${instructor.id}`,
    );
    expect(availabilityEvents.body.items).toHaveLength(1);
    expect(availabilityEvents.body.items[0]).toMatchObject({
      action: "update",
      before: [],
      after: [{ weekday: 2, startTime: "08:00", endTime: "12:00", validFrom: null, validUntil: null }],
    });
  });

  // ── qualifications ────────────────────────────────────────────────────────

  it("adds qualifications for a course or a skill, with defaults, and lists them", async () => {
    const instructor = await newInstructor();
    const course = await newCourse();
    const forCourse = await admin().post(`/instructors/${instructor.id}/qualifications`, {
      courseId: course,
      level: "lead",
      validFrom: "2027-01-01",
      validUntil: "2027-12-31",
      notes: "Assessed by Jo",
    });
    expect(forCourse.status).toBe(201);
    expect(forCourse.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      instructorId: instructor.id,
      courseId: course,
      skill: null,
      level: "lead",
      validFrom: "2027-01-01",
      validUntil: "2027-12-31",
      notes: "Assessed by Jo",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const forSkill = await admin().post(`/instructors/${instructor.id}/qualifications`, {
      skill: " python ",
    });
    expect(forSkill.status).toBe(201);
    expect(forSkill.body).toMatchObject({
      courseId: null,
      skill: "python",
      level: null,
      validFrom: null,
      validUntil: null,
      notes: null,
    });
    const sameDay = await admin().post(`/instructors/${instructor.id}/qualifications`, {
      skill: "oneday",
      validFrom: "2027-06-01",
      validUntil: "2027-06-01",
    });
    expect(sameDay.status).toBe(201);
    const list = await admin().get(`/instructors/${instructor.id}/qualifications`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [forCourse.body, forSkill.body, sameDay.body] });
  });

  it("needs exactly one of courseId or skill, and validFrom ≤ validUntil", async () => {
    const instructor = await newInstructor();
    const url = `/instructors/${instructor.id}/qualifications`;
    const neither = await admin().post(url, {});
    expectInvalid(neither, ["courseId"]);
    const both = await admin().post(url, { courseId: await newCourse(), skill: "sql" });
    expectInvalid(both, ["courseId"]);
    const backwards = await admin().post(url, {
      skill: "sql",
      validFrom: "2027-06-02",
      validUntil: "2027-06-01",
    });
    expectInvalid(backwards, ["validUntil"]);
    const badDates = await admin().post(url, { skill: "sql", validFrom: "2027-02-30", validUntil: "soon" });
    expectProblem(badDates, 422, "validation_failed");
    expect([...new Set(paths(badDates))]).toEqual(["validFrom", "validUntil"]);
    expect((await admin().get(url)).body.items).toEqual([]);
  });

  it("refuses a missing, another tenant's or an archived course with 422 on courseId", async () => {
    const instructor = await newInstructor();
    const url = `/instructors/${instructor.id}/qualifications`;
    const missing = await admin().post(url, { courseId: "01900000-0000-7000-8000-000000000004" });
    expectInvalid(missing, ["courseId"]);
    const foreign = await admin().post(url, { courseId: await newCourse(other()) });
    expectInvalid(foreign, ["courseId"]);
    const archivedCourse = await newCourse();
    await admin().post(`/courses/${archivedCourse}/archive`);
    const archived = await admin().post(url, { courseId: archivedCourse });
    expectInvalid(archived, ["courseId"]);
    expectProblem(
      await admin().post(`/instructors/01900000-0000-7000-8000-000000000005/qualifications`, { skill: "x" }),
      404,
      "not_found",
    );
    expect((await admin().get(url)).body.items).toEqual([]);
  });

  it("PATCHes a qualification: fields left out are kept, rules re-checked, and DELETE removes it", async () => {
    const instructor = await newInstructor();
    const course = await newCourse();
    const url = `/instructors/${instructor.id}/qualifications`;
    const created = await admin().post(url, {
      courseId: course,
      level: "assistant",
      validFrom: "2027-01-01",
      validUntil: "2027-12-31",
      notes: "n",
    });
    const leveled = await admin().patch(`${url}/${created.body.id}`, { level: "lead" });
    expect(leveled.status).toBe(200);
    expect(leveled.body).toEqual({ ...created.body, level: "lead", updatedAt: expect.any(String) });

    const backwards = await admin().patch(`${url}/${created.body.id}`, { validUntil: "2026-12-31" });
    expectInvalid(backwards, ["validUntil"]);
    const both = await admin().patch(`${url}/${created.body.id}`, { skill: "also" });
    expectInvalid(both, ["courseId"]);
    const foreign = await admin().patch(`${url}/${created.body.id}`, { courseId: await newCourse(other()) });
    expectInvalid(foreign, ["courseId"]);
    expect((await admin().get(url)).body.items).toEqual([leveled.body]);

    const toSkill = await admin().patch(`${url}/${created.body.id}`, {
      courseId: null,
      skill: "facilitation",
      validUntil: null,
      notes: null,
    });
    expect(toSkill.status).toBe(200);
    expect(toSkill.body).toMatchObject({
      courseId: null,
      skill: "facilitation",
      level: "lead",
      validFrom: "2027-01-01",
      validUntil: null,
      notes: null,
    });
    expect((await admin().get(url)).body.items).toEqual([toSkill.body]);

    // A qualification id under another instructor is not found.
    const someoneElse = await newInstructor();
    expectProblem(
      await admin().patch(`/instructors/${someoneElse.id}/qualifications/${created.body.id}`, { level: "x" }),
      404,
      "not_found",
    );
    expectProblem(
      await admin().delete(`/instructors/${someoneElse.id}/qualifications/${created.body.id}`),
      404,
      "not_found",
    );

    expect((await admin().delete(`${url}/${created.body.id}`)).status).toBe(204);
    expect((await admin().get(url)).body.items).toEqual([]);
    expectProblem(await admin().delete(`${url}/${created.body.id}`), 404, "not_found");
    expectProblem(await admin().patch(`${url}/${created.body.id}`, { level: "x" }), 404, "not_found");
  });

  // ── availability ──────────────────────────────────────────────────────────

  it("starts with no availability rules and shows the instructor's zone", async () => {
    const instructor = await newInstructor({ timeZone: "America/New_York" });
    const response = await admin().get(`/instructors/${instructor.id}/availability-rules`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ instructorId: instructor.id, timeZone: "America/New_York", rules: [] });
    expectProblem(
      await admin().get("/instructors/01900000-0000-7000-8000-000000000006/availability-rules"),
      404,
      "not_found",
    );
  });

  it("PUT replaces the weekly rules, sorted, in the instructor's zone", async () => {
    const home = await newLocation("Asia/Tokyo");
    const instructor = await newInstructor({ homeLocationId: home });
    const url = `/instructors/${instructor.id}/availability-rules`;
    const saved = await put(url, {
      rules: [
        { weekday: 3, startTime: "13:00", endTime: "17:00" },
        { weekday: 1, startTime: "12:00", endTime: "17:00" },
        {
          weekday: 1,
          startTime: "08:00",
          endTime: "12:00",
          validFrom: "2027-01-01",
          validUntil: "2027-06-30",
        },
        { weekday: 7, startTime: "00:00", endTime: "24:00" },
      ],
    });
    expect(saved.status).toBe(200);
    const expected = {
      instructorId: instructor.id,
      timeZone: "Asia/Tokyo",
      rules: [
        {
          weekday: 1,
          startTime: "08:00",
          endTime: "12:00",
          validFrom: "2027-01-01",
          validUntil: "2027-06-30",
        },
        { weekday: 1, startTime: "12:00", endTime: "17:00", validFrom: null, validUntil: null },
        { weekday: 3, startTime: "13:00", endTime: "17:00", validFrom: null, validUntil: null },
        { weekday: 7, startTime: "00:00", endTime: "24:00", validFrom: null, validUntil: null },
      ],
    };
    expect(saved.body).toEqual(expected);
    expect((await admin().get(url)).body).toEqual(expected);

    const replaced = await put(url, { rules: [{ weekday: 5, startTime: "10:00", endTime: "11:00" }] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.rules).toEqual([
      { weekday: 5, startTime: "10:00", endTime: "11:00", validFrom: null, validUntil: null },
    ]);
    expect((await admin().get(url)).body.rules).toEqual(replaced.body.rules);

    const emptied = await put(url, { rules: [] });
    expect(emptied.status).toBe(200);
    expect(emptied.body.rules).toEqual([]);
  });

  it("refuses overlapping rules on one weekday and endTime ≤ startTime, leaving the rules unchanged", async () => {
    const instructor = await newInstructor();
    const url = `/instructors/${instructor.id}/availability-rules`;
    const initial = [{ weekday: 2, startTime: "09:00", endTime: "10:00", validFrom: null, validUntil: null }];
    expect((await put(url, { rules: initial })).status).toBe(200);

    const overlapping = await put(url, {
      rules: [
        { weekday: 1, startTime: "09:00", endTime: "13:00" },
        { weekday: 2, startTime: "09:00", endTime: "13:00" },
        { weekday: 1, startTime: "12:00", endTime: "15:00" },
      ],
    });
    expectInvalid(overlapping, ["rules.2"]);

    const backwards = await put(url, { rules: [{ weekday: 4, startTime: "17:00", endTime: "09:00" }] });
    expectInvalid(backwards, ["rules.0.endTime"]);
    const empty = await put(url, { rules: [{ weekday: 4, startTime: "09:00", endTime: "09:00" }] });
    expectInvalid(empty, ["rules.0.endTime"]);
    const badFields = await put(url, {
      rules: [
        { weekday: 8, startTime: "9am", endTime: "10:00", validFrom: "2027-02-01", validUntil: "2027-01-01" },
      ],
    });
    expectProblem(badFields, 422, "validation_failed");
    expect(paths(badFields)).toEqual(expect.arrayContaining(["rules.0.startTime", "rules.0.weekday"]));
    const missingRules = await put(url, {});
    expectInvalid(missingRules, ["rules"]);

    expect((await admin().get(url)).body.rules).toEqual(initial);

    // Touching windows and windows with disjoint validity are fine.
    const fine = await put(url, {
      rules: [
        { weekday: 1, startTime: "09:00", endTime: "12:00" },
        { weekday: 1, startTime: "12:00", endTime: "15:00" },
        { weekday: 2, startTime: "09:00", endTime: "17:00", validUntil: "2027-03-31" },
        { weekday: 2, startTime: "10:00", endTime: "16:00", validFrom: "2027-04-01" },
      ],
    });
    expect(fine.status).toBe(200);
    expect(fine.body.rules).toHaveLength(4);
  });

  // ── time off ──────────────────────────────────────────────────────────────

  it("takes whole days, end inclusive, across the Berlin DST change", async () => {
    const instructor = await newInstructor({ timeZone: "Europe/Berlin" });
    const created = await admin().post(`/instructors/${instructor.id}/time-off`, {
      start: "2027-03-27",
      end: "2027-03-28",
      reason: "Conference",
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      instructorId: instructor.id,
      allDay: true,
      start: "2027-03-27",
      end: "2027-03-28",
      timeZone: "Europe/Berlin",
      startsAt: "2027-03-26T23:00:00.000Z",
      endsAt: "2027-03-28T22:00:00.000Z",
      reason: "Conference",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const single = await admin().post(`/instructors/${instructor.id}/time-off`, {
      start: "2027-07-01",
      end: "2027-07-01",
    });
    expect(single.status).toBe(201);
    expect(single.body).toMatchObject({
      allDay: true,
      startsAt: "2027-06-30T22:00:00.000Z",
      endsAt: "2027-07-01T22:00:00.000Z",
      reason: null,
    });
    const list = await admin().get(`/instructors/${instructor.id}/time-off`);
    expect(list.body).toEqual({ items: [created.body, single.body] });
  });

  it("takes local date-times in the instructor's zone (from the home location)", async () => {
    const home = await newLocation("Europe/Berlin");
    const instructor = await newInstructor({ homeLocationId: home });
    const created = await admin().post(`/instructors/${instructor.id}/time-off`, {
      start: "2027-07-01T13:00",
      end: "2027-07-01T17:30",
      reason: "Dentist",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      allDay: false,
      start: "2027-07-01T13:00",
      end: "2027-07-01T17:30",
      timeZone: "Europe/Berlin",
      startsAt: "2027-07-01T11:00:00.000Z",
      endsAt: "2027-07-01T15:30:00.000Z",
      reason: "Dentist",
    });
    const winter = await admin().post(`/instructors/${instructor.id}/time-off`, {
      start: "2027-12-01T09:00",
      end: "2027-12-01T10:00",
    });
    expect(winter.body).toMatchObject({
      startsAt: "2027-12-01T08:00:00.000Z",
      endsAt: "2027-12-01T09:00:00.000Z",
    });
  });

  it("takes instants with offsets and shows them as local times in the instructor's zone", async () => {
    const instructor = await newInstructor({ timeZone: "Europe/Berlin" });
    const created = await admin().post(`/instructors/${instructor.id}/time-off`, {
      start: "2027-07-01T11:00:00Z",
      end: "2027-07-01T16:00:00+02:00",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      allDay: false,
      start: "2027-07-01T13:00",
      end: "2027-07-01T16:00",
      startsAt: "2027-07-01T11:00:00.000Z",
      endsAt: "2027-07-01T14:00:00.000Z",
    });
  });

  it("refuses mixed date/time, end before start and unreadable values", async () => {
    const instructor = await newInstructor({ timeZone: "Europe/Berlin" });
    const url = `/instructors/${instructor.id}/time-off`;
    const mixed = await admin().post(url, { start: "2027-07-01", end: "2027-07-01T12:00" });
    expectInvalid(mixed, ["end"]);
    const mixedInstant = await admin().post(url, { start: "2027-07-01T10:00:00Z", end: "2027-07-02" });
    expectInvalid(mixedInstant, ["end"]);
    const backwardsDays = await admin().post(url, { start: "2027-07-02", end: "2027-07-01" });
    expectInvalid(backwardsDays, ["end"]);
    const backwardsTimes = await admin().post(url, { start: "2027-07-01T12:00", end: "2027-07-01T11:00" });
    expectInvalid(backwardsTimes, ["end"]);
    const emptyInterval = await admin().post(url, { start: "2027-07-01T12:00", end: "2027-07-01T12:00" });
    expectInvalid(emptyInterval, ["end"]);
    const unreadable = await admin().post(url, { start: "tomorrow", end: "2027-02-30" });
    expectInvalid(unreadable, ["end", "start"]);
    const missing = await admin().post(url, {});
    expectInvalid(missing, ["end", "start"]);
    const tooLong = await admin().post(url, { start: "2027-01-01", end: "2029-06-01" });
    expectInvalid(tooLong, ["end"]);
    expect((await admin().get(url)).body.items).toEqual([]);
  });

  it("filters time off with ?from&to (overlapping the range)", async () => {
    const instructor = await newInstructor({ timeZone: "UTC" });
    const url = `/instructors/${instructor.id}/time-off`;
    const january = (await admin().post(url, { start: "2027-01-10", end: "2027-01-12" })).body;
    const february = (await admin().post(url, { start: "2027-02-10", end: "2027-02-12" })).body;
    const march = (await admin().post(url, { start: "2027-03-10", end: "2027-03-12" })).body;
    const listIds = async (query: string) => ids(await admin().get(`${url}${query}`));
    expect(await listIds("")).toEqual([january.id, february.id, march.id]);
    expect(await listIds("?from=2027-02-01T00:00:00Z&to=2027-03-01T00:00:00Z")).toEqual([february.id]);
    expect(await listIds("?from=2027-02-11T00:00:00Z")).toEqual([february.id, march.id]);
    expect(await listIds("?to=2027-02-11T00:00:00Z")).toEqual([january.id, february.id]);
    // The range is half-open: time off ending exactly at `from` is not in it.
    expect(await listIds("?from=2027-01-13T00:00:00Z&to=2027-02-10T00:00:00Z")).toEqual([]);
    expect(await listIds(`?from=${encodeURIComponent("2027-01-13T01:30:00+01:00")}`)).toEqual([
      february.id,
      march.id,
    ]);
    const bad = await admin().get(`${url}?from=yesterday`);
    expectProblem(bad, 400, "bad_request");
    expect(paths(bad)).toEqual(["from"]);
  });

  async function timeOffBeforeZoneChange() {
    const instructor = await newInstructor({ timeZone: "Europe/Berlin" });
    const url = `/instructors/${instructor.id}/time-off`;
    const created = await admin().post(url, { start: "2027-07-01T13:00", end: "2027-07-01T15:00" });
    expect(created.body).toMatchObject({
      startsAt: "2027-07-01T11:00:00.000Z",
      endsAt: "2027-07-01T13:00:00.000Z",
    });
    const moved = await admin().patch(`/instructors/${instructor.id}`, { timeZone: "America/New_York" });
    expect(moved.status).toBe(200);
    return { url, id: created.body.id as string };
  }

  it("PATCHing only the reason of time off does not move it after the instructor's zone changed", async () => {
    const { url, id } = await timeOffBeforeZoneChange();
    const [listed] = (await admin().get(url)).body.items;
    expect(listed).toMatchObject({
      startsAt: "2027-07-01T11:00:00.000Z",
      endsAt: "2027-07-01T13:00:00.000Z",
    });
    const patched = await admin().patch(`${url}/${id}`, { reason: "Doctor" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      reason: "Doctor",
      startsAt: "2027-07-01T11:00:00.000Z",
      endsAt: "2027-07-01T13:00:00.000Z",
    });
  });

  it("shows time off start/end as local times of the timeZone it names, also after a zone change", async () => {
    const { url } = await timeOffBeforeZoneChange();
    const [listed] = (await admin().get(url)).body.items;
    // `start`/`end` are documented as local date-times in `timeZone`: they must denote startsAt/endsAt.
    expect(new Date(localToInstant(listed.start, listed.timeZone)).toISOString()).toBe(listed.startsAt);
    expect(new Date(localToInstant(listed.end, listed.timeZone)).toISOString()).toBe(listed.endsAt);
  });

  it("PATCHes time off: fields left out keep their values, null clears the reason, and DELETE removes it", async () => {
    const instructor = await newInstructor({ timeZone: "Europe/Berlin" });
    const url = `/instructors/${instructor.id}/time-off`;
    const created = await admin().post(url, { start: "2027-08-02", end: "2027-08-06", reason: "Holiday" });
    const reason = await admin().patch(`${url}/${created.body.id}`, { reason: "Summer holiday" });
    expect(reason.status).toBe(200);
    expect(reason.body).toEqual({ ...created.body, reason: "Summer holiday", updatedAt: expect.any(String) });

    const longer = await admin().patch(`${url}/${created.body.id}`, { end: "2027-08-09" });
    expect(longer.status).toBe(200);
    expect(longer.body).toMatchObject({
      start: "2027-08-02",
      end: "2027-08-09",
      startsAt: "2027-08-01T22:00:00.000Z",
      endsAt: "2027-08-09T22:00:00.000Z",
      reason: "Summer holiday",
    });
    const mixed = await admin().patch(`${url}/${created.body.id}`, { end: "2027-08-09T12:00" });
    expectInvalid(mixed, ["end"]);
    const backwards = await admin().patch(`${url}/${created.body.id}`, { start: "2027-08-10" });
    expectInvalid(backwards, ["end"]);

    const toTimes = await admin().patch(`${url}/${created.body.id}`, {
      start: "2027-08-02T09:00",
      end: "2027-08-02T12:00",
      reason: null,
    });
    expect(toTimes.status).toBe(200);
    expect(toTimes.body).toMatchObject({
      allDay: false,
      start: "2027-08-02T09:00",
      end: "2027-08-02T12:00",
      startsAt: "2027-08-02T07:00:00.000Z",
      endsAt: "2027-08-02T10:00:00.000Z",
      reason: null,
    });
    expect((await admin().get(url)).body.items).toEqual([toTimes.body]);

    expect((await admin().delete(`${url}/${created.body.id}`)).status).toBe(204);
    expect((await admin().get(url)).body.items).toEqual([]);
    expectProblem(await admin().delete(`${url}/${created.body.id}`), 404, "not_found");
    expectProblem(await admin().patch(`${url}/${created.body.id}`, { reason: "x" }), 404, "not_found");
  });
});

describeEachDatabase("skills compare without regard to case", (ctx) => {
  it("stores skills lowercase on courses and qualifications and filters case-insensitively", async () => {
    const api = client(ctx().app, ctx().a.token);
    const course = await api.post("/courses", {
      code: "CASE-1",
      title: "Case",
      requiredQualifications: ["PMP", "pmp", " Agile "],
    });
    expect(course.body.requiredQualifications).toEqual(["pmp", "agile"]);
    const instructor = await api.post("/instructors", {
      name: "Case Person",
      email: "case.person@example.com",
    });
    const qualification = await api.post(`/instructors/${instructor.body.id}/qualifications`, {
      skill: "PMP",
    });
    expect(qualification.body.skill).toBe("pmp");
    const found = await api.get("/instructors?skill=Pmp");
    expect(found.body.items.map((i: any) => i.id)).toEqual([instructor.body.id]);
  });
});
