import type { InjectOptions } from "fastify";
import { beforeEach, expect, it } from "vitest";
import { client, describeEachDatabase, expectProblem, uniqueEmail } from "../../../test/app.js";
import { enrollmentWorld, learners, ok, virtualSession } from "../../../test/enrollment-fixtures.js";

const clock = { current: Date.parse("2027-01-04T08:00:00Z"), now: () => clock.current };
const at = (iso: string) => {
  clock.current = Date.parse(iso);
};

describeEachDatabase(
  "learner accounts: sign-in links and the learner scope",
  (ctx) => {
    const admin = () => client(ctx().app, ctx().a.token);
    beforeEach(() => at("2027-01-04T08:00:00Z"));

    /** The sign-in links e-mailed (as jobs) to a learner, newest last. */
    const linksOf = async (learnerId: string) => {
      const jobs = await ctx()
        .core.database.db.selectFrom("jobs")
        .selectAll()
        .where("type", "=", "learner.sign_in_link")
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return jobs
        .map((job) => JSON.parse(job.payload_json))
        .filter((payload) => payload.learnerId === learnerId)
        .map((payload) => new URL(payload.signInUrl, "http://x").searchParams.get("token")!);
    };

    const requestLink = (email: string, tenant = ctx().a.slug, remoteAddress = "10.1.0.1") =>
      ctx().app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in-link",
        payload: { tenant, email },
        remoteAddress,
      });

    /** A small browser signed in with a link: cookies and the CSRF header on changes. */
    async function redeem(token: string) {
      const response = await ctx().app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in-link/redeem",
        payload: { token },
        remoteAddress: "10.1.0.2",
      });
      const cookie = ([] as string[])
        .concat((response.headers["set-cookie"] as string[]) ?? [])
        .map((c) => c.split(";")[0])
        .join("; ");
      const csrf = response.statusCode === 200 ? response.json().csrfToken : "";
      const send = async (method: InjectOptions["method"], url: string, payload?: unknown) => {
        const result = await ctx().app.inject({
          method,
          url: `/api/v1${url}`,
          headers: { cookie, "x-csrf-token": csrf },
          ...(payload !== undefined && { payload: payload as InjectOptions["payload"] }),
        });
        const type = String(result.headers["content-type"] ?? "");
        return {
          status: result.statusCode,
          body: result.body && type.includes("json") ? JSON.parse(result.body) : result.body,
          headers: result.headers,
        };
      };
      return {
        response,
        get: (url: string) => send("GET", url),
        post: (url: string, body: unknown = {}) => send("POST", url, body),
      };
    }

    let ip = 0;
    const signInAs = async (learner: { id: string; email: string }) => {
      // Each sign-in from its own address: the per-IP limit is tested on its own.
      expect((await requestLink(learner.email, ctx().a.slug, `10.2.0.${++ip}`)).statusCode).toBe(202);
      const token = (await linksOf(learner.id)).at(-1)!;
      const browser = await redeem(token);
      expect(browser.response.statusCode, browser.response.body).toBe(200);
      return browser;
    };

    it("answers every sign-in link request alike and mails a link only to a live learner", async () => {
      const api = admin();
      const [learner] = await learners(api, 1);
      const unknown = await requestLink(uniqueEmail("nobody"));
      const known = await requestLink(learner!.email.toUpperCase());
      expect(unknown.statusCode).toBe(202);
      expect(known.statusCode).toBe(202);
      expect(known.body).toBe(unknown.body);
      expect(await linksOf(learner!.id)).toHaveLength(1);

      // Only the hash is stored.
      const token = (await linksOf(learner!.id))[0]!;
      const stored = await ctx().core.database.db.selectFrom("sign_in_links").select("token_hash").execute();
      expect(stored.map((row) => row.token_hash)).not.toContain(token);

      // A staff user with the same address signs in with a password: no link.
      const staffEmail = uniqueEmail("staff");
      await ok(api.post("/learners", { name: "Staff Learner", email: staffEmail }));
      await ok(
        api.post("/users", {
          email: staffEmail,
          name: "Staff",
          role: "coordinator",
          password: "long enough pw",
        }),
      );
      const staffLearner = (await api.get(`/learners?q=${encodeURIComponent(staffEmail)}`)).body.items[0];
      expect((await requestLink(staffEmail)).statusCode).toBe(202);
      expect(await linksOf(staffLearner.id)).toHaveLength(0);

      // Another tenant's learner gets nothing from this tenant; an unknown tenant is 404.
      const [other] = await learners(client(ctx().app, ctx().b.token), 1);
      await requestLink(other!.email);
      expect(await linksOf(other!.id)).toHaveLength(0);
      expect((await requestLink(learner!.email, "no-such-tenant")).statusCode).toBe(404);

      // At most three links per learner per 15 minutes (the answer stays the same).
      await requestLink(learner!.email);
      await requestLink(learner!.email);
      const fourth = await requestLink(learner!.email);
      expect(fourth.statusCode).toBe(202);
      expect(await linksOf(learner!.id)).toHaveLength(3);
    });

    it("signs in once per link, makes the learner account, and refuses used or expired links", async () => {
      const api = admin();
      const [learner] = await learners(api, 1);
      await requestLink(learner!.email);
      const token = (await linksOf(learner!.id))[0]!;
      const browser = await redeem(token);
      expect(browser.response.statusCode).toBe(200);
      expect(browser.response.json().user).toMatchObject({ role: "learner", learnerId: learner!.id });
      expect(String(browser.response.headers["set-cookie"])).toContain("HttpOnly");
      const me = await ok(browser.get("/me"));
      expect(me.actor).toMatchObject({ role: "learner", learnerId: learner!.id, clientId: null });

      const again = await redeem(token);
      expect(again.response.statusCode).toBe(401);
      expect(again.response.json().code).toBe("unauthenticated");

      // A second link signs the same account in (no second user).
      const second = await signInAs(learner!);
      expect(second.response.json().user.id).toBe(browser.response.json().user.id);

      // Expired after 15 minutes.
      await requestLink(learner!.email);
      const late = (await linksOf(learner!.id)).at(-1)!;
      at("2027-01-04T08:15:01Z");
      expect((await redeem(late)).response.statusCode).toBe(401);
      expect((await redeem("x".repeat(43))).response.statusCode).toBe(401);

      // Nobody creates learner accounts by hand.
      const byHand = await api.post("/users", {
        email: uniqueEmail("l"),
        name: "L",
        role: "learner",
        password: "long enough pw",
      });
      expectProblem(byHand, 422, "validation_failed");
      expect(byHand.body.errors[0].path).toBe("role");
      expectProblem(await api.post("/tokens", { name: "l", role: "learner" }), 422, "validation_failed");
    });

    it("shows a learner their own enrollments and certificates only, and lets them cancel and transfer within policy", async () => {
      const api = admin();
      const world = await enrollmentWorld(api);
      const first = await virtualSession(api, world, "2027-02-01");
      const second = await virtualSession(api, world, "2027-02-08");
      const privateSession = await virtualSession(api, world, "2027-02-15", {
        visibility: "private",
        clientId: world.client.id,
      });
      await ok(api.put(`/sessions/${first.id}/enrollment-policy`, { cancellationCutoffHours: 48 }));
      const [me, other] = await learners(api, 2, world.client.id);
      const mine = await ok(api.post(`/sessions/${first.id}/enrollments`, { learnerId: me!.id }));
      const theirs = await ok(api.post(`/sessions/${first.id}/enrollments`, { learnerId: other!.id }));
      const browser = await signInAs(me!);

      const portal = await ok(browser.get("/portal/enrollments"));
      expect(portal.items.map((item: any) => item.id)).toEqual([mine.id]);
      expect(portal.items[0]).toMatchObject({
        learnerId: me!.id,
        status: "enrolled",
        session: { id: first.id, courseId: world.course.id },
        cancelUntil: "2027-01-30T08:00:00.000Z",
      });
      // The enrollment list is pinned to them; another learner's records do not exist for them.
      expect((await ok(browser.get("/enrollments"))).items.map((e: any) => e.id)).toEqual([mine.id]);
      expectProblem(await browser.get(`/enrollments?learnerId=${other!.id}`), 404, "not_found");
      expectProblem(await browser.get(`/enrollments/${theirs.id}`), 404, "not_found");
      expectProblem(
        await browser.post(`/enrollments/${theirs.id}/cancel`, { reason: "x" }),
        404,
        "not_found",
      );
      expectProblem(
        await browser.post(`/enrollments/${theirs.id}/transfer`, { toSessionId: second.id }),
        404,
        "not_found",
      );
      // Staff-only work stays closed.
      expectProblem(await browser.get(`/sessions/${first.id}/enrollments`), 403, "forbidden");
      expectProblem(
        await browser.post(`/sessions/${second.id}/enrollments`, { learnerId: me!.id }),
        403,
        "forbidden",
      );
      expectProblem(await browser.get("/learners"), 403, "forbidden");
      expectProblem(await browser.get("/compliance/status"), 403, "forbidden");
      expectProblem(
        await browser.post(`/enrollments/${mine.id}/cancel`, { override: { reason: "please" } }),
        403,
        "forbidden",
      );

      // Transfer: into a public session of the course, not a private one; then cancel within the cut-off.
      expectProblem(
        await browser.post(`/enrollments/${mine.id}/transfer`, { toSessionId: privateSession.id }),
        404,
        "not_found",
      );
      const moved = await ok(browser.post(`/enrollments/${mine.id}/transfer`, { toSessionId: second.id }));
      expect(moved.to).toMatchObject({ sessionId: second.id, status: "enrolled", learnerId: me!.id });
      await ok(api.put(`/sessions/${second.id}/enrollment-policy`, { cancellationCutoffHours: 48 }));
      // (Weeks later the web session has ended: sign in again.)
      at("2027-02-06T08:00:01Z");
      const later = await signInAs(me!);
      const late = await later.post(`/enrollments/${moved.to.id}/cancel`, { reason: "ill" });
      expectProblem(late, 409, "conflict");
      at("2027-02-06T07:59:00Z");
      const cancelled = await ok(later.post(`/enrollments/${moved.to.id}/cancel`, { reason: "ill" }));
      expect(cancelled.enrollment.status).toBe("cancelled");
      // The other learner's enrollment is untouched.
      expect((await ok(api.get(`/enrollments/${theirs.id}`))).status).toBe("enrolled");
    });

    it("lets a learner download their own certificate but not another's", async () => {
      const api = admin();
      const world = await enrollmentWorld(api);
      const session = await virtualSession(api, world, "2027-01-11");
      const [me, other] = await learners(api, 2);
      const enrollments = [];
      for (const learner of [me!, other!])
        enrollments.push(
          await ok(api.post(`/sessions/${session.id}/enrollments`, { learnerId: learner.id })),
        );
      const roster = await ok(api.get(`/sessions/${session.id}/enrollments`));
      at("2027-01-11T07:30:00Z");
      const detail = await ok(api.get(`/sessions/${session.id}`));
      const segmentId = detail.segments[0].id;
      await ok(
        api.post(`/sessions/${session.id}/attendance`, {
          segmentId,
          records: roster.items.map((e: any) => ({ enrollmentId: e.id, status: "present" })),
        }),
      );
      at("2027-01-12T08:00:00Z");
      await ok(
        api.post(`/sessions/${session.id}/completion`, {
          results: enrollments.map((e) => ({ enrollmentId: e.id, passed: true })),
        }),
      );
      const all = await ok(api.get(`/certificates?sessionId=${session.id}`));
      expect(all.items).toHaveLength(2);
      const mineCert = all.items.find((c: any) => c.learnerId === me!.id);
      const theirCert = all.items.find((c: any) => c.learnerId === other!.id);

      const browser = await signInAs(me!);
      const listed = await ok(browser.get("/certificates"));
      expect(listed.items.map((c: any) => c.id)).toEqual([mineCert.id]);
      const pdf = await browser.get(`/certificates/${mineCert.id}/pdf`);
      expect(pdf.status).toBe(200);
      expect(String(pdf.headers["content-type"])).toContain("application/pdf");
      expectProblem(await browser.get(`/certificates/${theirCert.id}/pdf`), 404, "not_found");
      expectProblem(await browser.get(`/certificates?learnerId=${other!.id}`), 404, "not_found");
    });

    it("gives a client contact their employees' enrollments in the portal list, and staff a 403", async () => {
      const api = admin();
      const world = await enrollmentWorld(api);
      const session = await virtualSession(api, world, "2027-03-01");
      const [employee] = await learners(api, 1, world.client.id);
      const [stranger] = await learners(api, 1, world.otherClient.id);
      const mine = await ok(api.post(`/sessions/${session.id}/enrollments`, { learnerId: employee!.id }));
      await ok(api.post(`/sessions/${session.id}/enrollments`, { learnerId: stranger!.id }));
      const token = await ok(
        api.post("/tokens", { name: "hr", role: "client_contact", clientId: world.client.id }),
      );
      const contact = client(ctx().app, token.token);
      const portal = await ok(contact.get("/portal/enrollments"));
      expect(portal.items.map((item: any) => item.id)).toEqual([mine.id]);
      expect(portal.items[0].learnerName).toBe(employee!.name);
      expectProblem(await api.get("/portal/enrollments"), 403, "forbidden");
    });
  },
  { clock },
);
