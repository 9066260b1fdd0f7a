import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, uniqueEmail } from "../../../test/app.js";
import { createCommsContext, drainUntil, testWorker } from "../../../test/comms.js";
import { databaseKinds } from "../../../test/databases.js";
import { schedulingWorld, sessionBody } from "../../../test/scheduling-fixtures.js";
import { publishEvents } from "../events/publish-event.js";
import { newId } from "../shared/ids.js";

describe.each(databaseKinds)("reminders, pre-course information and feedback requests [%s]", (kind) => {
  let now = Date.parse("2027-04-01T00:00:00Z");
  const clock = { now: () => now };
  let created: Awaited<ReturnType<typeof createCommsContext>>;

  beforeAll(async () => {
    created = await createCommsContext(
      kind,
      { smtpUrl: null, reminderOffsetsMs: [7 * 86_400_000, 86_400_000] },
      clock,
    );
  }, 60_000);
  afterAll(() => created?.close());

  it("fire once per offset, re-arm after a reschedule, and reach enrolled learners and instructors", async () => {
    const { app, a, core } = created.context;
    const api = client(app, a.token);
    const world = await schedulingWorld(api);
    const session = (await api.post("/sessions", sessionBody(world, "2027-04-12", { status: "planned" })))
      .body;
    const lena = (await api.post("/learners", { name: "Lena", email: uniqueEmail("lena") })).body;
    const gone = (await api.post("/learners", { name: "Gone", email: uniqueEmail("gone") })).body;
    for (const learner of [lena, gone]) {
      const enrolled = await api.post(`/sessions/${session.id}/enrollments`, { learnerId: learner.id });
      expect(enrolled.body.status).toBe("enrolled");
      if (learner === gone)
        expect((await api.post(`/enrollments/${enrolled.body.id}/cancel`, {})).status).toBe(200);
    }
    const worker = testWorker(core);
    const log = async (event: string) =>
      (await api.get(`/messages?sessionId=${session.id}&event=${event}`)).body.items.map(
        (m: { recipient: string }) => m.recipient,
      );
    const arm = () => core.communications.armReminders();
    // Seven days before 09:00 Berlin (07:00Z) on 12 April: the 7-day reminder, to Lena and Anna.
    now = Date.parse("2027-04-05T08:00:00Z");
    await arm();
    await arm();
    await drainUntil(worker, async () => (await log("session.reminder")).length === 2);
    expect((await log("session.reminder")).sort()).toEqual([lena.email, world.anna.email].sort());
    expect(await log("session.pre_course")).toEqual([]);
    // Three days before: pre-course information, to learners only.
    now = Date.parse("2027-04-09T08:00:00Z");
    await arm();
    await drainUntil(worker, async () => (await log("session.pre_course")).length === 1);
    expect(await log("session.pre_course")).toEqual([lena.email]);
    expect(await log("session.reminder")).toHaveLength(2);
    // Moved by a day: a day before the new start, the 1-day reminder (not the 7-day one again).
    const record = (await api.get(`/sessions/${session.id}`)).body;
    const moved = await api.post(`/sessions/${session.id}/reschedule`, {
      segments: [
        {
          id: record.segments[0].id,
          start: "2027-04-13T09:00",
          end: "2027-04-13T17:00",
          roomId: world.roomA.id,
        },
      ],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    now = Date.parse("2027-04-12T08:00:00Z");
    await arm();
    await drainUntil(worker, async () => (await log("session.reminder")).length === 4);
    // The reschedule itself told the enrolled learner (not the cancelled one) and the instructor.
    await drainUntil(worker, async () => (await log("session.rescheduled")).length === 2);
    expect((await log("session.rescheduled")).sort()).toEqual([lena.email, world.anna.email].sort());
    const reminders = (await api.get(`/messages?sessionId=${session.id}&event=session.reminder`)).body.items;
    expect(reminders.slice(2).map((m: { subject: string }) => m.subject)).toEqual([
      expect.stringContaining("Tuesday, April 13, 2027"),
      expect.stringContaining("Tuesday, April 13, 2027"),
    ]);
    // Two hours after the end: the feedback request, once.
    now = Date.parse("2027-04-13T18:00:00Z");
    await arm();
    await arm();
    await drainUntil(worker, async () => (await log("session.feedback_request")).length === 1);
    expect(await log("session.feedback_request")).toEqual([lena.email]);
    for (let i = 0; i < 3; i++) {
      await arm();
      await worker.runOnce();
    }
    expect(await log("session.feedback_request")).toHaveLength(1);
    expect(await log("session.reminder")).toHaveLength(4);
    // Anna never answered her request: one reminder, two days after it was sent.
    expect(await log("assignment.reminder")).toEqual([world.anna.email]);
  });

  it("tells a learner that a certification expires, 30 days before", async () => {
    const { app, a, core } = created.context;
    const api = client(app, a.token);
    const world = await schedulingWorld(api);
    const learner = (await api.post("/learners", { name: "Cert Holder", email: uniqueEmail("cert") })).body;
    now = Date.parse("2027-04-14T10:00:00Z");
    const certificateId = newId();
    const issued = {
      type: "certificate.issued",
      entityType: "certificate",
      entityId: certificateId,
      payload: {
        certificateId,
        learnerId: learner.id,
        sessionId: null,
        courseId: world.course.id,
        verificationCode: "ABC-123",
        expiresOn: "2027-06-01",
      },
    };
    await core.database.db.transaction().execute((trx) => publishEvents(trx, a.actor, now, [issued]));
    const worker = testWorker(core);
    const events = async () =>
      (await api.get(`/messages?entityId=${certificateId}`)).body.items.map(
        (m: { event: string }) => m.event,
      );
    await drainUntil(worker, async () => (await events()).length === 1);
    expect(await events()).toEqual(["certificate.issued"]);
    now = Date.parse("2027-05-03T00:00:00Z");
    await drainUntil(worker, async () => (await events()).length === 2);
    const expiring = (await api.get(`/messages?entityId=${certificateId}&event=certificate.expiring`)).body
      .items[0];
    expect(expiring.subject).toBe("Your certification expires on 2027-06-01: SQL Basics");
    // Published again (a retry upstream): no second notice.
    await core.database.db.transaction().execute((trx) => publishEvents(trx, a.actor, now, [issued]));
    for (let i = 0; i < 4; i++) {
      await worker.tick();
      await worker.runOnce();
    }
    expect((await events()).filter((e: string) => e === "certificate.expiring")).toHaveLength(1);
  });
});
