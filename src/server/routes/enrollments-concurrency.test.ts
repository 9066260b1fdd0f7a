import { expect, it } from "vitest";
import { client, describeEachDatabase } from "../../../test/app.js";
import { enrollmentWorld, learners, ok, virtualSession } from "../../../test/enrollment-fixtures.js";

// 200 simultaneous enrollment requests for a 20-seat session: the session lock (SQLite's single
// writer, PostgreSQL's row lock) serialises them, so seats are never oversold and the waitlist
// is dense, in commit order.
describeEachDatabase("enrollment storm", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);

  it("200 concurrent requests: 20 enrolled, 180 waitlisted 1..180 in commit order; cancelling 5 promotes the next 5", async () => {
    const api = admin();
    const world = await enrollmentWorld(api, 20);
    const session = await virtualSession(api, world, "2027-06-07");
    const people = await learners(api, 200);

    const responses = await Promise.all(
      people.map((learner) => api.post(`/sessions/${session.id}/enrollments`, { learnerId: learner.id })),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const enrolled = responses.filter((r) => r.body.status === "enrolled").map((r) => r.body);
    const waitlisted = responses.filter((r) => r.body.status === "waitlisted").map((r) => r.body);
    expect(enrolled).toHaveLength(20);
    expect(waitlisted).toHaveLength(180);
    expect(enrolled.every((e) => e.waitlistPosition === undefined)).toBe(true);
    expect(waitlisted.map((w) => w.waitlistPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 180 }, (_, i) => i + 1),
    );
    // Commit order: ids are UUIDv7 minted inside each transaction, so id order is commit order.
    const byCommit = [...enrolled, ...waitlisted].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byCommit.slice(0, 20).every((e) => e.status === "enrolled")).toBe(true);
    expect(byCommit.slice(20).map((w) => w.waitlistPosition)).toEqual(
      Array.from({ length: 180 }, (_, i) => i + 1),
    );

    const list = await ok(api.get(`/sessions/${session.id}/enrollments`));
    expect(list).toMatchObject({ enrolled: 20, waitlisted: 180, maxSeats: 20 });
    expect(
      list.items.filter((i: any) => i.status === "waitlisted").map((i: any) => i.waitlistPosition),
    ).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));

    // The enrolled learners hold learner bookings for the session's segment.
    const bookings = await ctx()
      .core.database.db.selectFrom("bookings")
      .select("resource_id")
      .where("tenant_id", "=", ctx().a.id)
      .where("session_id", "=", session.id)
      .where("resource_type", "=", "learner")
      .execute();
    expect(bookings.map((b) => b.resource_id).sort()).toEqual(
      list.items
        .filter((i: any) => i.status === "enrolled")
        .map((i: any) => i.learnerId)
        .sort(),
    );

    const nextFive = list.items
      .filter((i: any) => i.status === "waitlisted" && i.waitlistPosition <= 5)
      .map((i: any) => i.id)
      .sort();
    const toCancel = enrolled.slice(0, 5);
    const cancelled = await Promise.all(
      toCancel.map((e) => api.post(`/enrollments/${e.id}/cancel`, { reason: "ill" })),
    );
    expect(cancelled.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(cancelled.flatMap((r) => r.body.promoted.map((p: any) => p.id)).sort()).toEqual(nextFive);

    const after = await ok(api.get(`/sessions/${session.id}/enrollments`));
    expect(after).toMatchObject({ enrolled: 20, waitlisted: 175 });
    expect(
      after.items.filter((i: any) => nextFive.includes(i.id)).every((i: any) => i.status === "enrolled"),
    ).toBe(true);
    expect(
      after.items.filter((i: any) => i.status === "waitlisted").map((i: any) => i.waitlistPosition),
    ).toEqual(Array.from({ length: 175 }, (_, i) => i + 1));
    // The order of the rest is kept: old position 6 is now 1.
    const oldSixth = list.items.find((i: any) => i.waitlistPosition === 6).id;
    expect(after.items.find((i: any) => i.id === oldSixth).waitlistPosition).toBe(1);

    const events = await ctx()
      .core.database.db.selectFrom("domain_events")
      .select(["type"])
      .where("tenant_id", "=", ctx().a.id)
      .where("session_id", "=", session.id)
      .execute();
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect([count("enrollment.enrolled"), count("enrollment.waitlisted")]).toEqual([20, 180]);
    expect([count("enrollment.cancelled"), count("enrollment.promoted")]).toEqual([5, 5]);
  }, 120_000);

  it("with the offer policy, cancelling 5 offers the next 5 seats with an expiry", async () => {
    const api = admin();
    const world = await enrollmentWorld(api, 5);
    const session = await virtualSession(api, world, "2027-06-08");
    await ok(
      api.put(`/sessions/${session.id}/enrollment-policy`, { waitlistPolicy: "offer", offerHours: 24 }),
    );
    const people = await learners(api, 15);
    const results = await Promise.all(
      people.map((learner) => api.post(`/sessions/${session.id}/enrollments`, { learnerId: learner.id })),
    );
    const enrolled = results.filter((r) => r.body.status === "enrolled").map((r) => r.body.id);
    expect(enrolled).toHaveLength(5);
    const firstFive = results
      .filter((r) => r.body.waitlistPosition <= 5)
      .map((r) => r.body.id)
      .sort();
    await Promise.all(enrolled.map((id) => ok(api.post(`/enrollments/${id}/cancel`, {}))));
    const after = await ok(api.get(`/sessions/${session.id}/enrollments`));
    const offered = after.items.filter((i: any) => i.status === "offered");
    expect(offered.map((i: any) => i.id).sort()).toEqual(firstFive);
    expect(offered.every((i: any) => i.offerExpiresAt !== null && i.waitlistPosition === null)).toBe(true);
    expect(after).toMatchObject({ enrolled: 0, offered: 5, waitlisted: 5 });
  }, 60_000);
});
