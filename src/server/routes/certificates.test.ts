import { decodePDFRawStream, PDFArray, PDFDocument, type PDFRawStream, PDFStream } from "pdf-lib";
import { beforeEach, expect, it } from "vitest";
import { client, describeEachDatabase, expectProblem } from "../../../test/app.js";
import { enrollmentWorld, learners, ok, virtualSession } from "../../../test/enrollment-fixtures.js";

const clock = { current: Date.parse("2027-01-04T08:00:00Z"), now: () => clock.current };
const at = (iso: string) => {
  clock.current = Date.parse(iso);
};

/** Every page's content streams, decompressed, as Latin-1 text. */
function pageContents(pdf: PDFDocument): string {
  return pdf
    .getPages()
    .flatMap((page) => {
      const contents = page.node.Contents();
      const streams =
        contents instanceof PDFArray
          ? contents.asArray().map((ref) => pdf.context.lookup(ref))
          : contents
            ? [contents]
            : [];
      return streams.map((stream) =>
        stream instanceof PDFStream
          ? Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString("latin1")
          : "",
      );
    })
    .join("\n");
}
/** pdf-lib writes text with the standard fonts as hex strings: <48656C6C6F>. */
const hexOf = (text: string) => Buffer.from(text, "latin1").toString("hex").toUpperCase();

async function fetchPdf(ctx: any, url: string, token?: string) {
  const response = await ctx.app.inject({
    method: "GET",
    url: `/api/v1${url}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return response;
}

describeEachDatabase(
  "attendance, completion and certificates",
  (ctx) => {
    const admin = () => client(ctx().app, ctx().a.token);
    beforeEach(() => at("2027-01-04T08:00:00Z"));

    it("takes attendance (bulk, check-in), applies the completion rule, issues a verifiable certificate PDF", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 5);
      const instructor = await ok(
        api.post("/instructors", { name: "Ines Instructor", email: `ines-${world.course.id}@example.com` }),
      );
      // Two days, 09:00–17:00 Berlin; completion needs 80% attendance and a pass.
      const session = await virtualSession(api, world, "2027-02-01", {
        segments: [
          { start: "2027-02-01T09:00", end: "2027-02-01T17:00" },
          { start: "2027-02-02T09:00", end: "2027-02-02T17:00" },
        ],
        instructors: [{ instructorId: instructor.id, role: "lead" }],
      });
      await ok(
        api.put(`/courses/${world.course.id}/enrollment-policy`, {
          minAttendancePercent: 80,
          passRequired: true,
        }),
      );
      const [anna, bert, cleo, dora] = await learners(api, 4, world.client.id);
      const ids: string[] = [];
      for (const learner of [anna, bert, cleo, dora])
        ids.push((await ok(api.post(`/sessions/${session.id}/enrollments`, { learnerId: learner!.id }))).id);
      const [day1] = session.segments.map((s: any) => s.id);

      // Day 1: bulk by the instructor role.
      const instructorApi = client(ctx().app, await ctx().a.tokenFor("instructor"));
      at("2027-02-01T08:30:00Z");
      await ok(
        instructorApi.post(`/sessions/${session.id}/attendance`, {
          segmentId: day1,
          records: [
            { enrollmentId: ids[0], status: "present" },
            { enrollmentId: ids[1], status: "present" },
            { enrollmentId: ids[2], status: "absent" },
            { enrollmentId: ids[3], status: "absent" },
          ],
        }),
      );
      const viewer = client(ctx().app, await ctx().a.tokenFor("viewer"));
      expectProblem(
        await viewer.post(`/sessions/${session.id}/attendance`, {
          segmentId: day1,
          records: [{ enrollmentId: ids[0], status: "late" }],
        }),
        403,
        "forbidden",
      );
      expectProblem(
        await api.post(`/sessions/${session.id}/attendance`, {
          segmentId: day1,
          records: [{ enrollmentId: session.id, status: "late" }],
        }),
        422,
        "validation_failed",
      );

      // Day 2: learners check in with the code (no token); 20 minutes after the start is late.
      const code = await ok(api.post(`/sessions/${session.id}/check-in-code`));
      expect(code.url).toBe(`/api/v1/check-in/${code.code}`);
      expect((await ok(api.post(`/sessions/${session.id}/check-in-code`))).code).toBe(code.code);
      const anon = client(ctx().app);
      at("2027-01-31T12:00:00Z");
      expectProblem(await anon.post(code.url, { email: anna!.email }), 409, "conflict"); // not open yet
      at("2027-02-02T08:05:00Z"); // 09:05 Berlin
      expect(await ok(anon.post(code.url, { email: anna!.email }))).toEqual({
        status: "present",
        segment: 2,
      });
      at("2027-02-02T08:20:00Z");
      expect(await ok(anon.post(code.url, { email: cleo!.email }))).toEqual({ status: "late", segment: 2 });
      expectProblem(await anon.post(code.url, { email: "stranger@example.com" }), 404, "not_found");
      expectProblem(await anon.post("/check-in/not-a-real-code", { email: anna!.email }), 404, "not_found");

      // The attendance sheet opens as a PDF and names the learners.
      const sheet = await fetchPdf(ctx(), `/sessions/${session.id}/attendance-sheet`, ctx().a.token);
      expect(sheet.statusCode).toBe(200);
      expect(sheet.headers["content-type"]).toContain("application/pdf");
      const sheetPdf = await PDFDocument.load(sheet.rawPayload);
      expect(sheetPdf.getPageCount()).toBe(1);
      expect(pageContents(sheetPdf)).toContain(hexOf(anna!.name));

      at("2027-02-02T15:59:00Z");
      expectProblem(await api.post(`/sessions/${session.id}/completion`, {}), 409, "conflict");
      at("2027-02-02T16:00:00Z");
      const done = await ok(
        api.post(`/sessions/${session.id}/completion`, {
          results: [
            { enrollmentId: ids[0], passed: true },
            { enrollmentId: ids[1], passed: true },
            { enrollmentId: ids[2], passed: true },
          ],
        }),
      );
      const outcome = Object.fromEntries(
        done.items.map((i: any) => [i.enrollment.id, [i.enrollment.status, i.attendancePercent]]),
      );
      expect(outcome).toEqual({
        [ids[0]!]: ["completed", 100], // both days, passed
        [ids[1]!]: ["failed", 50], // one day of two: under 80%
        [ids[2]!]: ["failed", 50],
        [ids[3]!]: ["no_show", 0],
      });
      const certificateId = done.items.find((i: any) => i.enrollment.id === ids[0]).certificateId;
      expect(done.items.filter((i: any) => i.certificateId !== null)).toHaveLength(1);

      const certificate = await ok(api.get(`/certificates/${certificateId}`));
      expect(certificate).toMatchObject({
        learnerName: anna!.name,
        courseTitle: "Enrollment Basics",
        startDate: "2027-02-01",
        endDate: "2027-02-02",
        issuedOn: "2027-02-02",
        expiresOn: "2029-02-02", // 24 months of validity
        instructorNames: "Ines Instructor",
      });
      expect(certificate.verificationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

      // The PDF opens; the code is in its metadata and drawn on the page.
      const download = await fetchPdf(ctx(), `/certificates/${certificateId}/pdf`, ctx().a.token);
      expect(download.statusCode).toBe(200);
      expect(download.headers["content-type"]).toContain("application/pdf");
      const pdf = await PDFDocument.load(download.rawPayload);
      expect(pdf.getPageCount()).toBe(1);
      expect(pdf.getSubject()).toBe(`Verification code ${certificate.verificationCode}`);
      expect(pdf.getKeywords()).toContain(certificate.verificationCode);
      const content = pageContents(pdf);
      expect(content).toContain(hexOf(`Verification code: ${certificate.verificationCode}`));
      expect(content).toContain(hexOf(anna!.name));
      expect(content).not.toContain(hexOf("0000-0000-0000"));

      // Verification: no token, only what the certificate shows.
      const verified = await anon.get(`/certificates/verify/${certificate.verificationCode.toLowerCase()}`);
      expect(verified.status).toBe(200);
      expect(verified.body).toEqual({
        valid: true,
        learnerName: anna!.name,
        courseTitle: "Enrollment Basics",
        startDate: "2027-02-01",
        endDate: "2027-02-02",
        issuedOn: "2027-02-02",
        expiresOn: "2029-02-02",
      });
      expect(JSON.stringify(verified.body)).not.toMatch(/@|[0-9a-f]{8}-[0-9a-f]{4}-7/);
      expectProblem(await anon.get("/certificates/verify/ZZZZ-ZZZZ-ZZZZ"), 404, "not_found");
      at("2029-02-03T00:00:00Z");
      expect((await ok(anon.get(`/certificates/verify/${certificate.verificationCode}`))).valid).toBe(false);

      // Expiring within N days, per client.
      at("2028-12-10T00:00:00Z");
      const expiring = await ok(api.get(`/certificates/expiring?days=60&clientId=${world.client.id}`));
      expect(expiring.items.map((c: any) => c.id)).toEqual([certificateId]);
      expect((await ok(api.get(`/certificates/expiring?days=30&clientId=${world.client.id}`))).items).toEqual(
        [],
      );

      // Events for the outbox.
      const events = await ctx()
        .core.database.db.selectFrom("domain_events")
        .select(["type", "payload_json"])
        .where("tenant_id", "=", ctx().a.id)
        .where("session_id", "=", session.id)
        .execute();
      const types = events.map((e) => e.type);
      expect(types.filter((t) => t === "enrollment.attendance_recorded")).toHaveLength(6);
      expect(types.filter((t) => t === "enrollment.completed")).toHaveLength(1);
      const issued = events.find((e) => e.type === "certificate.issued")!;
      expect(JSON.parse(issued.payload_json)).toMatchObject({
        certificateId,
        learnerId: anna!.id,
        verificationCode: certificate.verificationCode,
        expiresOn: "2029-02-02",
      });

      // Compliance: the client's learners must hold this course, renewed every 12 months.
      const requirement = await ok(
        api.post("/compliance/requirements", {
          name: "Enrollment basics yearly",
          clientId: world.client.id,
          courseId: world.course.id,
          renewMonths: 12,
          dueSoonDays: 30,
        }),
      );
      at("2027-06-01T00:00:00Z");
      const status = await ok(
        api.get(`/compliance/status?clientId=${world.client.id}&requirementId=${requirement.id}`),
      );
      const byLearner = Object.fromEntries(status.items.map((i: any) => [i.learnerId, i.status]));
      expect(byLearner[anna!.id]).toBe("compliant");
      expect(byLearner[bert!.id]).toBe("never");
      expect(status.items.find((i: any) => i.learnerId === anna!.id).dueOn).toBe("2028-02-02");
      at("2028-01-10T00:00:00Z");
      const soon = await ok(
        api.get(`/compliance/status?learnerId=${anna!.id}&requirementId=${requirement.id}`),
      );
      expect(soon.items.map((i: any) => i.status)).toEqual(["due_soon"]);
      at("2028-02-03T00:00:00Z");
      const late = await ok(
        api.get(`/compliance/status?clientId=${world.client.id}&requirementId=${requirement.id}`),
      );
      expect(late.byClient).toEqual([
        { clientId: world.client.id, compliant: 0, dueSoon: 0, overdue: 1, never: 3 },
      ]);
      expectProblem(
        await api.post("/compliance/requirements", { name: "x", courseId: session.id }),
        422,
        "validation_failed",
      );
      expectProblem(
        await client(ctx().app, ctx().b.token).get(`/compliance/requirements/${requirement.id}`),
        404,
        "not_found",
      );
    });

    it("lists public sessions with seats left and self-registers through a confirmation link, once", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 1);
      const open = await virtualSession(api, world, "2027-03-01", { status: "planned" });
      const hidden = await virtualSession(api, world, "2027-03-02", {
        status: "planned",
        visibility: "private",
        clientId: world.client.id,
      });
      const anon = client(ctx().app);
      const catalog = await ok(anon.get(`/public/${ctx().a.slug}/sessions`));
      const ids = catalog.items.map((i: any) => i.sessionId);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(hidden.id);
      expect(catalog.items.find((i: any) => i.sessionId === open.id).seatsLeft).toBe(1);
      expectProblem(await anon.get("/public/no-such-tenant/sessions"), 404, "not_found");

      const email = `self-${open.id}@example.com`;
      const url = `/public/${ctx().a.slug}/sessions/${open.id}/registrations`;
      const first = await anon.post(url, { name: "Sam Self", email });
      const again = await anon.post(url, { name: "Sam Self", email: email.toUpperCase() });
      expect([first.status, again.status]).toEqual([202, 202]);
      expect(again.body).toEqual(first.body);
      expectProblem(
        await anon.post(`/public/${ctx().a.slug}/sessions/${hidden.id}/registrations`, { name: "S", email }),
        404,
        "not_found",
      );
      const requested = await ctx()
        .core.database.db.selectFrom("domain_events")
        .select("payload_json")
        .where("tenant_id", "=", ctx().a.id)
        .where("type", "=", "registration.confirmation_requested")
        .where("session_id", "=", open.id)
        .execute();
      expect(requested).toHaveLength(1);
      const payload = JSON.parse(requested[0]!.payload_json);
      expect(payload).toMatchObject({
        email,
        name: "Sam Self",
        sessionId: open.id,
        expiresAt: "2027-01-06T08:00:00.000Z",
      });
      const token = new URL(payload.confirmUrl, "http://x").searchParams.get("token")!;

      const confirmed = await anon.get(`/public/registrations/confirm?token=${token}`);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: "enrolled" });
      const twice = await anon.post("/public/registrations/confirm", { token });
      expect(twice.body).toEqual(confirmed.body);
      expectProblem(
        await anon.post("/public/registrations/confirm", { token: "x".repeat(32) }),
        404,
        "not_found",
      );
      const seats = await ok(api.get(`/sessions/${open.id}/enrollments`));
      expect(seats.items).toHaveLength(1);
      expect(seats.items[0]).toMatchObject({ status: "enrolled", source: "self" });
      // Full now: no longer listed.
      expect(
        (await ok(anon.get(`/public/${ctx().a.slug}/sessions`))).items.map((i: any) => i.sessionId),
      ).not.toContain(open.id);

      // Rate limit per IP: the 11th registration within 10 minutes is refused.
      const statuses = [];
      for (let i = 0; i < 10; i++) {
        statuses.push(
          (await anon.post(url, { name: `R ${i}`, email: `r${i}-${open.id}@example.com` })).status,
        );
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
      expectProblem(
        await anon.post(url, { name: "R", email: `late-${open.id}@example.com` }),
        429,
        "rate_limited",
      );
    });
  },
  { clock },
);
