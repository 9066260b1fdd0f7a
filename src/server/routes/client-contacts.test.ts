import { beforeEach, expect, it } from "vitest";
import { client, describeEachDatabase, expectProblem, unique, uniqueEmail } from "../../../test/app.js";
import { enrollmentWorld, learners, ok, virtualSession } from "../../../test/enrollment-fixtures.js";

const clock = { current: Date.parse("2027-01-04T08:00:00Z"), now: () => clock.current };
const at = (iso: string) => {
  clock.current = Date.parse(iso);
};

describeEachDatabase(
  "client contacts (role client_contact)",
  (ctx) => {
    const admin = () => client(ctx().app, ctx().a.token);
    beforeEach(() => at("2027-01-04T08:00:00Z"));

    /** A client contact token for `clientId`, created through the API as an admin would. */
    const contactFor = async (clientId: string) => {
      const created = await ok(
        admin().post("/tokens", { name: "Acme HR", role: "client_contact", clientId }),
      );
      expect(created.clientId).toBe(clientId);
      return Object.assign(client(ctx().app, created.token), { token: created.token as string });
    };

    it("binds the role to exactly one client of the tenant (tokens and users)", async () => {
      const api = admin();
      const world = await enrollmentWorld(api);
      const missing = await api.post("/tokens", { name: "x", role: "client_contact" });
      expectProblem(missing, 422, "validation_failed");
      expect(missing.body.errors).toEqual([
        { path: "clientId", message: "is required for the client_contact role" },
      ]);
      const stray = await api.post("/tokens", { name: "x", role: "coordinator", clientId: world.client.id });
      expectProblem(stray, 422, "validation_failed");
      expect(stray.body.errors[0].path).toBe("clientId");
      // Another tenant's client reads like a missing one (as references do elsewhere).
      const otherTenantClient = await ok(
        client(ctx().app, ctx().b.token).post("/clients", { name: unique("B") }),
      );
      const foreign = await api.post("/tokens", {
        name: "x",
        role: "client_contact",
        clientId: otherTenantClient.id,
      });
      expectProblem(foreign, 422, "validation_failed");
      expect(foreign.body.errors).toEqual([{ path: "clientId", message: "is not a client of this tenant" }]);

      // The actor carries the client.
      const contact = await contactFor(world.client.id);
      const me = await ok(contact.get("/me"));
      expect(me.actor).toMatchObject({ role: "client_contact", clientId: world.client.id });

      // Users: the same rule, and a signed-in contact user acts for their client.
      const noClient = await api.post("/users", {
        email: uniqueEmail("hr"),
        name: "HR",
        role: "client_contact",
        password: "long enough password",
      });
      expectProblem(noClient, 422, "validation_failed");
      expect(noClient.body.errors.map((e: any) => e.path)).toEqual(["clientId"]);
      const user = await ok(
        api.post("/users", {
          email: uniqueEmail("hr"),
          name: "HR",
          role: "client_contact",
          password: "long enough password",
          clientId: world.client.id,
        }),
      );
      expect(user.clientId).toBe(world.client.id);
      // Signed in with a cookie, the user acts for their client too.
      const login = await ctx().app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: user.email, password: "long enough password" },
      });
      expect(login.statusCode).toBe(200);
      const cookie = ([] as string[])
        .concat((login.headers["set-cookie"] as string[]) ?? [])
        .map((c) => c.split(";")[0])
        .join("; ");
      const cookieMe = await ctx().app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
      expect(cookieMe.json().actor).toMatchObject({ role: "client_contact", clientId: world.client.id });
      expect(cookieMe.json().user.id).toBe(user.id);
      // A client with contacts is referenced: it cannot be deleted from under them.
      expectProblem(await api.delete(`/clients/${world.client.id}`), 409, "in_use");
    });

    it("enrolls its own employees only; another client's learner, enrollment or private session is 404", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 10);
      const session = await virtualSession(api, world, "2027-02-01");
      const privateOther = await virtualSession(api, world, "2027-02-02", {
        visibility: "private",
        clientId: world.otherClient.id,
      });
      const privateOwn = await virtualSession(api, world, "2027-02-03", {
        visibility: "private",
        clientId: world.client.id,
      });
      const [mine1, mine2, mine3] = await learners(api, 3, world.client.id);
      const [theirs] = await learners(api, 1, world.otherClient.id);
      const [nobodys] = await learners(api, 1, null);
      const contact = await contactFor(world.client.id);

      const enrolled = await contact.post(`/sessions/${session.id}/enrollments`, { learnerId: mine1!.id });
      expect(enrolled.status).toBe(201);
      expect(enrolled.body).toEqual({ id: expect.any(String), status: "enrolled" });
      expect((await ok(api.get(`/enrollments/${enrolled.body.id}`))).source).toBe("client");
      expectProblem(
        await contact.post(`/sessions/${session.id}/enrollments`, { learnerId: theirs!.id }),
        404,
        "not_found",
      );
      expectProblem(
        await contact.post(`/sessions/${session.id}/enrollments`, { learnerId: nobodys!.id }),
        404,
        "not_found",
      );
      expectProblem(
        await contact.post(`/sessions/${privateOther.id}/enrollments`, { learnerId: mine2!.id }),
        404,
        "not_found",
      );
      expect(
        (await ok(contact.post(`/sessions/${privateOwn.id}/enrollments`, { learnerId: mine2!.id }))).status,
      ).toBe("enrolled");

      // Bulk: their learners are placed, another client's is reported as not found.
      const bulk = await ok(
        contact.post(`/sessions/${session.id}/enrollments/bulk`, { learnerIds: [mine3!.id, theirs!.id] }),
      );
      expect(bulk.results.map((r: any) => [r.learnerId, r.enrollment?.status ?? r.error.code])).toEqual([
        [mine3!.id, "enrolled"],
        [theirs!.id, "not_found"],
      ]);
      // A CSV naming another client's learner by email finds no such learner (422, nothing enrolled).
      const csv = await ctx().app.inject({
        method: "POST",
        url: `/api/v1/sessions/${privateOwn.id}/enrollments/bulk`,
        headers: { authorization: `Bearer ${contact.token}`, "content-type": "text/csv" },
        payload: `email\n${mine3!.email}\n${theirs!.email}\n`,
      });
      expect(csv.statusCode).toBe(422);
      expect(JSON.parse(csv.body).errors).toEqual([
        { path: "email", message: "row 2: no such learner", row: 2, column: "email" },
      ]);

      // Another client's enrollment does not exist for them.
      const theirEnrollment = await ok(
        api.post(`/sessions/${session.id}/enrollments`, { learnerId: theirs!.id }),
      );
      expectProblem(await contact.get(`/enrollments/${theirEnrollment.id}`), 404, "not_found");
      expectProblem(await contact.get(`/enrollments/${theirEnrollment.id}/history`), 404, "not_found");
      expectProblem(await contact.post(`/enrollments/${theirEnrollment.id}/cancel`, {}), 404, "not_found");
      expectProblem(
        await contact.post(`/enrollments/${theirEnrollment.id}/transfer`, { toSessionId: privateOwn.id }),
        404,
        "not_found",
      );

      // Lists: only their client's enrollments; filters still work; another client's filter is 404.
      const list = await ok(contact.get("/enrollments"));
      expect(list.items.map((i: any) => i.learnerId).sort()).toEqual(
        [mine1!.id, mine2!.id, mine3!.id].sort(),
      );
      const filtered = await ok(contact.get(`/enrollments?sessionId=${session.id}`));
      expect(filtered.items.map((i: any) => i.learnerId).sort()).toEqual([mine1!.id, mine3!.id].sort());
      expectProblem(await contact.get(`/enrollments?clientId=${world.otherClient.id}`), 404, "not_found");
      const roster = await ok(contact.get(`/sessions/${session.id}/enrollments`));
      expect(roster.enrolled).toBe(3);
      expect(roster.items.map((i: any) => i.learnerId).sort()).toEqual([mine1!.id, mine3!.id].sort());
      expectProblem(await contact.get(`/sessions/${privateOther.id}/enrollments`), 404, "not_found");
      // Staff still see everyone.
      expect((await ok(api.get(`/enrollments?sessionId=${session.id}`))).items).toHaveLength(3);
    });

    it("cancels and transfers within the cut-offs, never with an override", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 10);
      const session = await virtualSession(api, world, "2027-03-10");
      const later = await virtualSession(api, world, "2027-03-17");
      await ok(
        api.put(`/sessions/${session.id}/enrollment-policy`, {
          cancellationCutoffHours: 48,
          transferCutoffHours: 48,
        }),
      );
      const [a, b, c] = await learners(api, 3, world.client.id);
      const contact = await contactFor(world.client.id);
      const ea = await ok(contact.post(`/sessions/${session.id}/enrollments`, { learnerId: a!.id }));
      const eb = await ok(contact.post(`/sessions/${session.id}/enrollments`, { learnerId: b!.id }));
      const ec = await ok(contact.post(`/sessions/${session.id}/enrollments`, { learnerId: c!.id }));

      // Before the cut-off (09:00 Berlin on 10 March − 48 h = 08:00 UTC on 8 March).
      at("2027-03-08T08:00:00Z");
      expect(
        (await ok(contact.post(`/enrollments/${ea.id}/cancel`, { reason: "sick" }))).enrollment.status,
      ).toBe("cancelled");
      expect(
        (await ok(contact.post(`/enrollments/${eb.id}/transfer`, { toSessionId: later.id }))).to.status,
      ).toBe("enrolled");
      at("2027-03-08T08:01:00Z");
      expectProblem(await contact.post(`/enrollments/${ec.id}/cancel`, {}), 409, "conflict");
      expectProblem(
        await contact.post(`/enrollments/${ec.id}/transfer`, { toSessionId: later.id }),
        409,
        "conflict",
      );
      const overridden = await contact.post(`/enrollments/${ec.id}/cancel`, {
        override: { reason: "please" },
      });
      expectProblem(overridden, 403, "forbidden");
      expectProblem(
        await contact.post(`/enrollments/${ec.id}/transfer`, {
          toSessionId: later.id,
          override: { reason: "please" },
        }),
        403,
        "forbidden",
      );
      expect((await ok(api.get(`/enrollments/${ec.id}`))).status).toBe("enrolled");
      // A coordinator may still override.
      expect(
        (await ok(api.post(`/enrollments/${ec.id}/cancel`, { override: { reason: "bereavement" } })))
          .enrollment.status,
      ).toBe("cancelled");
    });

    it("approves or rejects pending registrations of its own learners (client approval)", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 10);
      const session = await virtualSession(api, world, "2027-02-08");
      await ok(api.put(`/sessions/${session.id}/enrollment-policy`, { approvalRequired: true }));
      const [mine1, mine2] = await learners(api, 2, world.client.id);
      const [theirs] = await learners(api, 1, world.otherClient.id);
      const contact = await contactFor(world.client.id);
      const other = await contactFor(world.otherClient.id);

      const p1 = await ok(contact.post(`/sessions/${session.id}/enrollments`, { learnerId: mine1!.id }));
      expect(p1.status).toBe("pending_approval");
      const p2 = await ok(api.post(`/sessions/${session.id}/enrollments`, { learnerId: mine2!.id }));
      const p3 = await ok(api.post(`/sessions/${session.id}/enrollments`, { learnerId: theirs!.id }));

      expectProblem(await other.post(`/enrollments/${p1.id}/approve`, {}), 404, "not_found");
      expectProblem(await contact.post(`/enrollments/${p3.id}/approve`, {}), 404, "not_found");
      expectProblem(await contact.post(`/enrollments/${p3.id}/reject`, {}), 404, "not_found");
      expect((await ok(api.get(`/enrollments/${p3.id}`))).status).toBe("pending_approval");

      const approved = await ok(contact.post(`/enrollments/${p1.id}/approve`, {}));
      expect(approved.status).toBe("enrolled");
      const rejected = await ok(contact.post(`/enrollments/${p2.id}/reject`, { reason: "no budget" }));
      expect(rejected).toMatchObject({ status: "cancelled", statusReason: "no budget" });
      expect((await ok(other.post(`/enrollments/${p3.id}/approve`, {}))).status).toBe("enrolled");
      const history = await ok(api.get(`/enrollments/${p1.id}/history`));
      expect(history.items.at(-1)).toMatchObject({
        kind: "approved",
        actor: { kind: "token", label: "Acme HR" },
      });
    });

    it("is refused everything else: reference writes, sessions, staff-only enrollment actions, other reads", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 10);
      const session = await virtualSession(api, world, "2027-02-01");
      const [mine] = await learners(api, 1, world.client.id);
      const contact = await contactFor(world.client.id);
      const e = await ok(contact.post(`/sessions/${session.id}/enrollments`, { learnerId: mine!.id }));

      expectProblem(await contact.post("/courses", { code: unique("C"), title: "x" }), 403, "forbidden");
      expectProblem(
        await contact.post("/learners", { name: "x", email: uniqueEmail("x"), clientId: world.client.id }),
        403,
        "forbidden",
      );
      expectProblem(
        await contact.post("/sessions", {
          courseId: world.course.id,
          timeZone: "Europe/Berlin",
          format: "vilt",
          segments: [{ start: "2027-02-05T09:00", end: "2027-02-05T17:00" }],
          instructors: [],
        }),
        403,
        "forbidden",
      );
      expectProblem(await contact.get("/courses"), 403, "forbidden");
      expectProblem(await contact.get("/learners"), 403, "forbidden");
      expectProblem(await contact.get("/tokens"), 403, "forbidden");
      expectProblem(
        await contact.put(`/sessions/${session.id}/enrollment-policy`, { approvalRequired: true }),
        403,
        "forbidden",
      );
      expectProblem(
        await contact.post(`/enrollments/${e.id}/waitlist-position`, { position: 1 }),
        403,
        "forbidden",
      );
      expectProblem(await contact.get("/enrollments/go-no-go"), 403, "forbidden");
    });

    it("reads its client's certificates and compliance status, not another client's", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 10);
      const session = await virtualSession(api, world, "2027-02-01");
      const [mine, mineNever] = await learners(api, 2, world.client.id);
      const [theirs] = await learners(api, 1, world.otherClient.id);
      const e1 = await ok(api.post(`/sessions/${session.id}/enrollments`, { learnerId: mine!.id }));
      const e2 = await ok(api.post(`/sessions/${session.id}/enrollments`, { learnerId: theirs!.id }));
      at("2027-02-01T08:30:00Z");
      await ok(
        api.post(`/sessions/${session.id}/attendance`, {
          segmentId: session.segments[0].id,
          records: [
            { enrollmentId: e1.id, status: "present" },
            { enrollmentId: e2.id, status: "present" },
          ],
        }),
      );
      at("2027-02-01T16:00:00Z");
      await ok(
        api.post(`/sessions/${session.id}/completion`, {
          results: [
            { enrollmentId: e1.id, passed: true },
            { enrollmentId: e2.id, passed: true },
          ],
        }),
      );
      const all = await ok(api.get("/certificates"));
      const certOf = (learnerId: string) => all.items.find((c: any) => c.learnerId === learnerId);
      expect(certOf(mine!.id)).toBeDefined();
      expect(certOf(theirs!.id)).toBeDefined();

      const contact = await contactFor(world.client.id);
      const own = await ok(contact.get("/certificates"));
      expect(own.items.map((c: any) => c.learnerId)).toEqual([mine!.id]);
      expect((await ok(contact.get(`/certificates/${certOf(mine!.id).id}`))).learnerId).toBe(mine!.id);
      const pdf = await ctx().app.inject({
        method: "GET",
        url: `/api/v1/certificates/${certOf(mine!.id).id}/pdf`,
        headers: { authorization: `Bearer ${contact.token}` },
      });
      expect(pdf.statusCode).toBe(200);
      expectProblem(await contact.get(`/certificates/${certOf(theirs!.id).id}`), 404, "not_found");
      expectProblem(await contact.get(`/certificates/${certOf(theirs!.id).id}/pdf`), 404, "not_found");
      expectProblem(await contact.get(`/certificates?clientId=${world.otherClient.id}`), 404, "not_found");
      expect(
        (await ok(contact.get("/certificates/expiring?days=3650"))).items.map((c: any) => c.learnerId),
      ).toEqual([mine!.id]);

      await ok(
        api.post("/compliance/requirements", {
          name: "Everyone yearly",
          clientId: null,
          courseId: world.course.id,
          renewMonths: 12,
          dueSoonDays: 30,
        }),
      );
      const status = await ok(contact.get("/compliance/status"));
      expect(Object.fromEntries(status.items.map((i: any) => [i.learnerId, i.status]))).toEqual({
        [mine!.id]: "compliant",
        [mineNever!.id]: "never",
      });
      expect(status.byClient.map((c: any) => c.clientId)).toEqual([world.client.id]);
      expectProblem(
        await contact.get(`/compliance/status?clientId=${world.otherClient.id}`),
        404,
        "not_found",
      );
      expectProblem(await contact.get("/compliance/requirements"), 403, "forbidden");
    });
  },
  { clock },
);
