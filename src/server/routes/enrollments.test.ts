import { beforeEach, expect, it } from "vitest";
import { client, describeEachDatabase, expectProblem } from "../../../test/app.js";
import { enrollmentWorld, learners, ok, virtualSession } from "../../../test/enrollment-fixtures.js";

const clock = { current: Date.parse("2027-01-04T08:00:00Z"), now: () => clock.current };
const at = (iso: string) => {
  clock.current = Date.parse(iso);
};

describeEachDatabase(
  "enrollments",
  (ctx) => {
    const admin = () => client(ctx().app, ctx().a.token);
    beforeEach(() => at("2027-01-04T08:00:00Z"));

    const enroll = (sessionId: string, learnerId: string) =>
      admin().post(`/sessions/${sessionId}/enrollments`, { learnerId });

    it("answers the contract: 201 {id, status, waitlistPosition?}, lists with status and position", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 2);
      const session = await virtualSession(api, world, "2027-02-01");
      const [a, b, c] = await learners(api, 3);
      const first = await enroll(session.id, a!.id);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: expect.any(String), status: "enrolled" });
      await ok(enroll(session.id, b!.id));
      const third = await enroll(session.id, c!.id);
      expect(third.body).toEqual({ id: expect.any(String), status: "waitlisted", waitlistPosition: 1 });
      const list = await ok(api.get(`/sessions/${session.id}/enrollments`));
      expect(list.items.map((i: any) => [i.learnerId, i.status, i.waitlistPosition])).toEqual([
        [a!.id, "enrolled", null],
        [b!.id, "enrolled", null],
        [c!.id, "waitlisted", 1],
      ]);
      const filtered = await ok(api.get(`/enrollments?sessionId=${session.id}&status=waitlisted`));
      expect(filtered.items.map((i: any) => i.id)).toEqual([third.body.id]);
      // Twice the same learner: 409; unknown learner: 404; malformed: 422.
      expectProblem(await enroll(session.id, a!.id), 409, "conflict");
      expectProblem(await enroll(session.id, "01900000-0000-7000-8000-000000000000"), 404, "not_found");
      expectProblem(
        await api.post(`/sessions/${session.id}/enrollments`, { learnerId: "x" }),
        422,
        "validation_failed",
      );
      const history = await ok(api.get(`/enrollments/${third.body.id}/history`));
      expect(history.items.map((h: any) => [h.kind, h.toStatus])).toEqual([["waitlisted", "waitlisted"]]);
    });

    it("keeps tenants apart: another tenant's session, enrollment or learner is 404", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 2);
      const session = await virtualSession(api, world, "2027-02-02");
      const [a] = await learners(api, 1);
      const created = await ok(enroll(session.id, a!.id));
      const other = client(ctx().app, ctx().b.token);
      expectProblem(
        await other.post(`/sessions/${session.id}/enrollments`, { learnerId: a!.id }),
        404,
        "not_found",
      );
      expectProblem(await other.get(`/enrollments/${created.id}`), 404, "not_found");
      expectProblem(await other.post(`/enrollments/${created.id}/cancel`, {}), 404, "not_found");
      expectProblem(await other.get(`/sessions/${session.id}/enrollments`), 404, "not_found");
      expect((await ok(other.get("/enrollments"))).items).toEqual([]);
    });

    it("refuses a learner in two overlapping sessions (409 with the conflict), and learner bookings follow a reschedule", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 5);
      const morning = await virtualSession(api, world, "2027-02-03");
      const overlapping = await virtualSession(api, world, "2027-02-03", {
        segments: [{ start: "2027-02-03T13:00", end: "2027-02-03T18:00" }],
      });
      const nextDay = await virtualSession(api, world, "2027-02-04");
      const [a] = await learners(api, 1);
      await ok(enroll(morning.id, a!.id));
      const refused = await enroll(overlapping.id, a!.id);
      expectProblem(refused, 409, "conflict");
      expect(refused.body.conflicts[0]).toMatchObject({
        type: "learner_double_booked",
        resource: { id: a!.id },
      });
      await ok(enroll(nextDay.id, a!.id));

      // Moving the next-day session onto the morning one would double-book the learner.
      const clash = await api.post(`/sessions/${nextDay.id}/reschedule`, {
        segments: [{ start: "2027-02-03T10:00", end: "2027-02-03T12:00" }],
      });
      expectProblem(clash, 409, "conflict");
      expect(clash.body.conflicts.map((c: any) => c.type)).toContain("learner_double_booked");

      const moved = await ok(
        api.post(`/sessions/${nextDay.id}/reschedule`, {
          segments: [{ start: "2027-02-05T09:00", end: "2027-02-05T17:00" }],
          reason: "trainer ill",
        }),
      );
      expect(moved.impact.learners).toEqual([a!.id]);
      const bookings = await ctx()
        .core.database.db.selectFrom("bookings")
        .select(["starts_at"])
        .where("tenant_id", "=", ctx().a.id)
        .where("session_id", "=", nextDay.id)
        .where("resource_type", "=", "learner")
        .execute();
      expect(bookings.map((b) => new Date(b.starts_at).toISOString())).toEqual(["2027-02-05T08:00:00.000Z"]);

      const cancelled = await ok(
        api.post(`/sessions/${nextDay.id}/status`, { status: "cancelled", reason: "low" }),
      );
      expect(cancelled.impact.learners).toEqual([a!.id]);
      const left = await ctx()
        .core.database.db.selectFrom("bookings")
        .select("id")
        .where("tenant_id", "=", ctx().a.id)
        .where("session_id", "=", nextDay.id)
        .execute();
      expect(left).toEqual([]);
    });

    it("walks every status transition and refuses the others", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 1);
      const session = await virtualSession(api, world, "2027-02-08");
      const other = await virtualSession(api, world, "2027-02-15");
      await ok(api.put(`/sessions/${session.id}/enrollment-policy`, { approvalRequired: true }));
      const [a, b, c, d] = await learners(api, 4, world.client.id);

      // pending_approval → enrolled (approve), → cancelled (reject); refused: offer accept, reorder, transfer.
      const pa = await ok(enroll(session.id, a!.id));
      expect(pa.status).toBe("pending_approval");
      expectProblem(await api.post(`/enrollments/${pa.id}/offer/accept`), 409, "conflict");
      expectProblem(
        await api.post(`/enrollments/${pa.id}/waitlist-position`, { position: 1 }),
        409,
        "conflict",
      );
      expectProblem(
        await api.post(`/enrollments/${pa.id}/transfer`, { toSessionId: other.id }),
        409,
        "conflict",
      );
      expect((await ok(api.post(`/enrollments/${pa.id}/approve`, {}))).status).toBe("enrolled");
      expectProblem(await api.post(`/enrollments/${pa.id}/approve`, {}), 409, "conflict");

      const pb = await ok(enroll(session.id, b!.id));
      expect((await ok(api.post(`/enrollments/${pb.id}/reject`, { reason: "no budget" }))).status).toBe(
        "cancelled",
      );
      const events = await ctx()
        .core.database.db.selectFrom("domain_events")
        .select("type")
        .where("tenant_id", "=", ctx().a.id)
        .where("entity_id", "=", pb.id)
        .execute();
      expect(events.map((e) => e.type)).toEqual(["enrollment.pending_approval", "enrollment.rejected"]);

      // Approval when full → waitlisted; waitlisted refuses approve, accept, transfer.
      const pc = await ok(enroll(session.id, c!.id));
      const waitlisted = await ok(api.post(`/enrollments/${pc.id}/approve`, {}));
      expect(waitlisted).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
      expectProblem(await api.post(`/enrollments/${pc.id}/approve`, {}), 409, "conflict");
      expectProblem(await api.post(`/enrollments/${pc.id}/offer/accept`), 409, "conflict");
      expectProblem(
        await api.post(`/enrollments/${pc.id}/transfer`, { toSessionId: other.id }),
        409,
        "conflict",
      );

      // enrolled → cancelled promotes waitlisted → enrolled.
      const cancelled = await ok(api.post(`/enrollments/${pa.id}/cancel`, { reason: "changed plans" }));
      expect(cancelled.enrollment.status).toBe("cancelled");
      expect(cancelled.promoted.map((p: any) => [p.id, p.status])).toEqual([[pc.id, "enrolled"]]);
      // cancelled is final.
      for (const action of ["cancel", "approve", "reject", "offer/accept", "offer/decline"]) {
        expectProblem(await api.post(`/enrollments/${pa.id}/${action}`, {}), 409, "conflict");
      }

      // enrolled → transferred (keeps payment), and the transferred one is final.
      const moved = await ok(api.post(`/enrollments/${pc.id}/transfer`, { toSessionId: other.id }));
      expect(moved.from.status).toBe("transferred");
      expect(moved.to).toMatchObject({ status: "enrolled", sessionId: other.id, transferredFromId: pc.id });
      expectProblem(await api.post(`/enrollments/${pc.id}/cancel`, {}), 409, "conflict");
      expectProblem(
        await api.post(`/enrollments/${pc.id}/transfer`, { toSessionId: other.id }),
        409,
        "conflict",
      );

      // enrolled → attended → completed; completed is final.
      const pd = await ok(enroll(session.id, d!.id));
      const seated = await ok(api.post(`/enrollments/${pd.id}/approve`, {}));
      expect(seated.status).toBe("enrolled");
      const segment = (await ok(api.get(`/sessions/${session.id}`))).segments[0].id;
      at("2027-02-08T09:00:00Z");
      await ok(
        api.post(`/sessions/${session.id}/attendance`, {
          segmentId: segment,
          records: [{ enrollmentId: pd.id, status: "present" }],
        }),
      );
      expect((await ok(api.get(`/enrollments/${pd.id}`))).status).toBe("attended");
      expectProblem(await api.post(`/sessions/${session.id}/completion`, {}), 409, "conflict"); // not over yet
      at("2027-02-08T17:00:00Z");
      const done = await ok(api.post(`/sessions/${session.id}/completion`, {}));
      expect(done.items.map((i: any) => i.enrollment.status)).toEqual(["completed"]);
      expectProblem(await api.post(`/enrollments/${pd.id}/cancel`, {}), 409, "conflict");
    });

    it("offers a freed seat with an expiry; an expired offer moves on, lazily and by the job", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 1);
      const session = await virtualSession(api, world, "2027-03-01");
      await ok(
        api.put(`/courses/${world.course.id}/enrollment-policy`, { waitlistPolicy: "offer", offerHours: 24 }),
      );
      const [a, b, c, d] = await learners(api, 4);
      const seat = await ok(enroll(session.id, a!.id));
      const wb = await ok(enroll(session.id, b!.id));
      const wc = await ok(enroll(session.id, c!.id));
      const wd = await ok(enroll(session.id, d!.id));
      at("2027-01-10T12:00:00Z");
      await ok(api.post(`/enrollments/${seat.id}/cancel`, {}));
      const offered = await ok(api.get(`/enrollments/${wb.id}`));
      expect(offered).toMatchObject({ status: "offered", offerExpiresAt: "2027-01-11T12:00:00.000Z" });
      expect((await ok(api.get(`/enrollments/${wc.id}`))).waitlistPosition).toBe(1);

      // One minute before expiry nothing moves; at expiry the lazy sweep on read hands it on.
      at("2027-01-11T11:59:00Z");
      expect((await ok(api.get(`/sessions/${session.id}/enrollments`))).offered).toBe(1);
      expect((await ok(api.get(`/enrollments/${wb.id}`))).status).toBe("offered");
      at("2027-01-11T12:00:00Z");
      const swept = await ok(api.get(`/sessions/${session.id}/enrollments`));
      const byId = new Map(swept.items.map((i: any) => [i.id, i]));
      expect(byId.get(wb.id)).toMatchObject({ status: "cancelled", statusReason: "offer_expired" });
      expect(byId.get(wc.id)).toMatchObject({
        status: "offered",
        offerExpiresAt: "2027-01-12T12:00:00.000Z",
      });
      expect(byId.get(wd.id)).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });

      // The job: expireOffers(now) lapses c's offer and offers d.
      const job = await ctx().core.enrollments.expireOffers(Date.parse("2027-01-12T12:00:00Z"));
      expect(job.sessions).toBeGreaterThanOrEqual(1);
      expect((await ok(api.get(`/enrollments/${wc.id}`))).status).toBe("cancelled");
      expect((await ok(api.get(`/enrollments/${wd.id}`))).status).toBe("offered");
      // d takes it: enrolled.
      at("2027-01-12T13:00:00Z");
      expect((await ok(api.post(`/enrollments/${wd.id}/offer/accept`))).status).toBe("enrolled");
      expectProblem(await api.post(`/enrollments/${wd.id}/offer/decline`), 409, "conflict");
    });

    it("holds cancellation and transfer cut-offs to the minute, for a Tokyo session seen from anywhere", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 5);
      // 09:00 in Tokyo on 10 March is 00:00 UTC; 48 h before is 00:00 UTC on 8 March (09:00 Tokyo, 16:00 the day before in Los Angeles).
      const tokyo = await virtualSession(api, world, "2027-03-10", {}, "Asia/Tokyo");
      const later = await virtualSession(api, world, "2027-03-17", {}, "Asia/Tokyo");
      await ok(
        api.put(`/sessions/${tokyo.id}/enrollment-policy`, {
          cancellationCutoffHours: 48,
          transferCutoffHours: 72,
        }),
      );
      expect(await ok(api.get(`/sessions/${tokyo.id}/enrollment-policy`))).toMatchObject({
        cancellationCutoffHours: 48,
        transferCutoffHours: 72,
      });
      const people = [];
      for (let i = 0; i < 4; i++) {
        people.push(
          await ok(
            api.post("/learners", {
              name: `Traveller ${i}`,
              email: `traveller-${i}-${tokyo.id}@example.com`,
              timeZone: "America/Los_Angeles",
            }),
          ),
        );
      }
      const [e1, e2, e3, e4] = await Promise.all(people.map((p) => ok(enroll(tokyo.id, p.id))));

      at("2027-03-08T00:00:00Z");
      expect((await ok(api.post(`/enrollments/${e1.id}/cancel`, {}))).enrollment.status).toBe("cancelled");
      at("2027-03-08T00:01:00Z");
      const late = await api.post(`/enrollments/${e2.id}/cancel`, {});
      expectProblem(late, 409, "conflict");
      expect(late.body.detail).toContain("2027-03-08T09:00 Asia/Tokyo");
      expect(late.body.cutoff).toEqual({ action: "cancel", hours: 48, deadline: "2027-03-08T00:00:00.000Z" });
      const overridden = await ok(
        api.post(`/enrollments/${e2.id}/cancel`, { override: { reason: "bereavement" } }),
      );
      expect(overridden.enrollment.status).toBe("cancelled");

      at("2027-03-07T00:00:00Z");
      expect(
        (await ok(api.post(`/enrollments/${e3.id}/transfer`, { toSessionId: later.id }))).to.status,
      ).toBe("enrolled");
      at("2027-03-07T00:01:00Z");
      expectProblem(
        await api.post(`/enrollments/${e4.id}/transfer`, { toSessionId: later.id }),
        409,
        "conflict",
      );
    });

    it("transfers keep payment, substitutes come from the same client, the waitlist reorders with an audit", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 1);
      const session = await virtualSession(api, world, "2027-04-05");
      const target = await virtualSession(api, world, "2027-04-12");
      const [a, b, c] = await learners(api, 3, world.client.id);
      const [stranger] = await learners(api, 1, world.otherClient.id);
      const paid = await ok(
        api.post(`/sessions/${session.id}/enrollments`, {
          learnerId: a!.id,
          priceMinor: 90_000,
          paymentStatus: "paid",
          paymentReference: "INV-7",
        }),
      );
      const wb = await ok(enroll(session.id, b!.id));
      const wc = await ok(enroll(session.id, c!.id));

      const sub = await api.post(`/enrollments/${paid.id}/substitute`, { learnerId: stranger!.id });
      expectProblem(sub, 422, "validation_failed");
      expect(sub.body.errors[0].path).toBe("learnerId");

      const reordered = await ok(
        api.post(`/enrollments/${wc.id}/waitlist-position`, { position: 1, reason: "VIP" }),
      );
      expect(reordered.waitlistPosition).toBe(1);
      expect((await ok(api.get(`/enrollments/${wb.id}`))).waitlistPosition).toBe(2);
      const audit = await ok(api.get(`/audit-events?entityType=enrollment&entityId=${wc.id}`));
      expect(audit.items[0]).toMatchObject({ action: "waitlist_reordered" });

      const moved = await ok(api.post(`/enrollments/${paid.id}/transfer`, { toSessionId: target.id }));
      expect(moved.to).toMatchObject({
        priceMinor: 90_000,
        paymentStatus: "paid",
        paymentReference: "INV-7",
      });
      // The freed seat went to the reordered head of the waitlist.
      expect((await ok(api.get(`/enrollments/${wc.id}`))).status).toBe("enrolled");
      expect((await ok(api.get(`/enrollments/${wb.id}`))).waitlistPosition).toBe(1);

      const swapped = await ok(
        api.post(`/enrollments/${moved.to.id}/substitute`, { learnerId: b!.id, reason: "a left" }),
      );
      expect(swapped.from).toMatchObject({ status: "cancelled", statusReason: "substituted" });
      expect(swapped.to).toMatchObject({ learnerId: b!.id, status: "enrolled", paymentReference: "INV-7" });
    });

    it("reserves seats per client and lists sessions under their minimum for go/no-go", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 3, 3);
      const session = await virtualSession(api, world, "2027-01-12");
      await ok(
        api.put(`/sessions/${session.id}/seat-quotas`, { quotas: [{ clientId: world.client.id, seats: 2 }] }),
      );
      expectProblem(
        await api.put(`/sessions/${session.id}/seat-quotas`, {
          quotas: [{ clientId: world.client.id, seats: 9 }],
        }),
        422,
        "validation_failed",
      );
      const [x, y] = await learners(api, 2, world.otherClient.id);
      const [own] = await learners(api, 1, world.client.id);
      expect((await ok(enroll(session.id, x!.id))).status).toBe("enrolled");
      expect((await ok(enroll(session.id, y!.id))).status).toBe("waitlisted");
      expect((await ok(enroll(session.id, own!.id))).status).toBe("enrolled");

      const list = await ok(api.get("/enrollments/go-no-go?days=10"));
      const item = list.items.find((i: any) => i.sessionId === session.id);
      expect(item).toMatchObject({ minSeats: 3, enrolled: 2, waitlisted: 1, shortBy: 1 });
      // Never cancelled automatically.
      expect((await ok(api.get(`/sessions/${session.id}`))).status).not.toBe("cancelled");
      expect(
        (await ok(api.get("/enrollments/go-no-go?days=5"))).items.map((i: any) => i.sessionId),
      ).not.toContain(session.id);
    });

    it("changing a session's seats never goes below the seats taken; more seats go to the waitlist", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 2);
      const session = await virtualSession(api, world, "2027-05-10");
      const people = await learners(api, 4);
      const results: { id: string }[] = [];
      for (const person of people) results.push(await ok(enroll(session.id, person.id)));
      const shrink = await api.patch(`/sessions/${session.id}`, { maxSeats: 1 });
      expectProblem(shrink, 409, "conflict");
      expect(shrink.body.errors[0].path).toBe("maxSeats");
      await ok(api.patch(`/sessions/${session.id}`, { maxSeats: 3 }));
      const list = await ok(api.get(`/sessions/${session.id}/enrollments`));
      expect(list).toMatchObject({ maxSeats: 3, enrolled: 3, waitlisted: 1 });
      expect(list.items.find((i: any) => i.id === results[2]!.id).status).toBe("enrolled");
      expect(list.items.find((i: any) => i.id === results[3]!.id).waitlistPosition).toBe(1);
    });

    it("bulk enrolls from a JSON list and from CSV, reporting refusals per learner", async () => {
      const api = admin();
      const world = await enrollmentWorld(api, 2);
      const session = await virtualSession(api, world, "2027-05-03");
      const people = await learners(api, 3);
      const result = await ok(
        api.post(`/sessions/${session.id}/enrollments/bulk`, {
          learnerIds: [people[0]!.id, people[0]!.id, people[1]!.id],
        }),
      );
      expect(result.results.map((r: any) => r.enrollment?.status ?? r.error.code)).toEqual([
        "enrolled",
        "conflict",
        "enrolled",
      ]);
      const csv = await ctx().app.inject({
        method: "POST",
        url: `/api/v1/sessions/${session.id}/enrollments/bulk`,
        headers: { authorization: `Bearer ${ctx().a.token}`, "content-type": "text/csv" },
        payload: `name,email\nX,${people[2]!.email.toUpperCase()}\n`,
      });
      expect(csv.statusCode).toBe(200);
      expect(JSON.parse(csv.body).results[0].enrollment).toMatchObject({
        status: "waitlisted",
        waitlistPosition: 1,
      });
      const unknown = await ctx().app.inject({
        method: "POST",
        url: `/api/v1/sessions/${session.id}/enrollments/bulk`,
        headers: { authorization: `Bearer ${ctx().a.token}`, "content-type": "text/csv" },
        payload: "email\nnobody@example.com\n",
      });
      expect(unknown.statusCode).toBe(422);
    });
  },
  { clock },
);
