import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, uniqueEmail } from "../../../test/app.js";
import {
  createCommsContext,
  drainUntil,
  readCalendar,
  type SmtpServer,
  startSmtpServer,
  testWorker,
} from "../../../test/comms.js";
import { databaseKinds } from "../../../test/databases.js";
import { schedulingWorld, sessionBody } from "../../../test/scheduling-fixtures.js";
import { publishEvent } from "../events/publish-event.js";
import type { Worker } from "../jobs/worker.js";

const calendarOf = (mail: ParsedMail) => {
  const part = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  expect(part, "a text/calendar part").toBeDefined();
  return readCalendar(part!.content.toString("utf8"));
};

describe.each(databaseKinds)("email through a real SMTP server [%s]", (kind) => {
  let smtp: SmtpServer;
  let created: Awaited<ReturnType<typeof createCommsContext>>;
  let worker: Worker;

  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectRecipient: /^nobody/ });
    created = await createCommsContext(kind, { smtpUrl: smtp.url(), from: "Lectern <plan@lectern.test>" });
    worker = testWorker(created.context.core);
  }, 60_000);
  afterAll(async () => {
    await created?.close();
    await smtp?.close();
  });

  const mailsTo = (address: string) =>
    smtp.received.filter((mail) =>
      (mail.to as { text: string }).text.toLowerCase().includes(address.toLowerCase()),
    );
  const waitForMails = (address: string, count: number) =>
    drainUntil(worker, () => mailsTo(address).length >= count);

  it("invites, confirms, reschedules and cancels with ICS that keeps UIDs and raises SEQUENCE across a DST change", async () => {
    const { app, a } = created.context;
    const api = client(app, a.token);
    const world = await schedulingWorld(api);
    const anna = world.anna.email as string;
    // Berlin leaves summer time on 31 October 2027: the first day is CEST (+2), the second CET (+1).
    const body = sessionBody(world, "2027-10-29", { status: "planned" });
    body.segments.push({ start: "2027-11-01T09:00", end: "2027-11-01T17:00", roomId: world.roomA.id });
    const session = (await api.post("/sessions", body)).body;
    expect(session.id).toBeDefined();

    await waitForMails(anna, 1);
    const [invite] = mailsTo(anna);
    expect(invite!.subject).toContain("Can you teach SQL Basics");
    expect(invite!.messageId).toMatch(/@lectern>$/);
    const first = calendarOf(invite!);
    expect(first.method).toBe("REQUEST");
    expect(first.events.map((e) => e.uid)).toEqual([`${session.id}-0@lectern`, `${session.id}-1@lectern`]);
    expect(first.events[0]!.start).toBe(Date.parse("2027-10-29T07:00:00Z"));
    expect(first.events[1]!.start).toBe(Date.parse("2027-11-01T08:00:00Z"));
    expect(first.events[0]!.zone).toBe("Europe/Berlin");
    expect(first.events[0]!.local).toBe("2027-10-29T09:00:00");
    expect(first.events[1]!.local).toBe("2027-11-01T09:00:00");

    // The accept link works without a login: GET shows the question, POST answers.
    const acceptUrl = invite!.text!.match(/Accept: (\S+)/)![1]!;
    const path = acceptUrl.replace("http://lectern.test", "");
    const shown = await app.inject({ method: "GET", url: path });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain("Accept: SQL Basics");
    const answered = await app.inject({
      method: "POST",
      url: path,
      payload: "note=gladly",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const afterAccept = (await api.get(`/sessions/${session.id}`)).body;
    expect(afterAccept.instructors[0].status).toBe("accepted");
    const again = await app.inject({ method: "POST", url: path });
    expect(again.statusCode, again.body).toBe(409);
    const forged = await app.inject({ method: "GET", url: `${path.slice(0, -3)}abc` });
    expect(forged.statusCode).toBe(404);

    await waitForMails(anna, 2);
    expect(mailsTo(anna)[1]!.subject).toContain("Confirmed: you teach SQL Basics");

    const segments = afterAccept.segments.map(
      (s: { id: string; start: string; end: string; roomId: string }) => ({
        id: s.id,
        start: s.start,
        end: s.end,
        roomId: s.roomId,
      }),
    );
    segments[1] = { ...segments[1], start: "2027-11-02T10:00", end: "2027-11-02T16:00" };
    const moved = await api.post(`/sessions/${session.id}/reschedule`, { segments, reason: "room works" });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await waitForMails(anna, 3);
    const rescheduled = mailsTo(anna)[2]!;
    expect(rescheduled.subject).toContain("Rescheduled: SQL Basics");
    const second = calendarOf(rescheduled);
    expect(second.events.map((e) => e.uid)).toEqual(first.events.map((e) => e.uid));
    expect(second.events[1]!.start).toBe(Date.parse("2027-11-02T09:00:00Z"));
    expect(second.events[0]!.sequence).toBeGreaterThan(first.events[0]!.sequence);

    const cancelled = await api.post(`/sessions/${session.id}/status`, {
      status: "cancelled",
      reason: "too few learners",
    });
    expect(cancelled.status).toBe(200);
    await waitForMails(anna, 4);
    const cancel = mailsTo(anna)[3]!;
    expect(cancel.subject).toContain("Cancelled: SQL Basics");
    expect(cancel.text).toContain("too few learners");
    const third = calendarOf(cancel);
    expect(third.method).toBe("CANCEL");
    expect(third.events.map((e) => e.status)).toEqual(["CANCELLED", "CANCELLED"]);
    expect(third.events.map((e) => e.uid)).toEqual(first.events.map((e) => e.uid));
    expect(third.events[0]!.sequence).toBeGreaterThan(second.events[0]!.sequence);

    // The message log: four messages about the session, all sent once.
    const log = await api.get(`/messages?sessionId=${session.id}`);
    expect(log.body.items.map((m: { event: string }) => m.event)).toEqual([
      "assignment.requested",
      "assignment.accepted",
      "session.rescheduled",
      "session.cancelled",
    ]);
    expect(
      log.body.items.every(
        (m: { status: string; attempts: number }) => m.status === "sent" && m.attempts === 1,
      ),
    ).toBe(true);
    expect(
      (await api.get(`/messages?recipient=${encodeURIComponent(anna.toUpperCase())}`)).body.items,
    ).toHaveLength(4);
    expect(mailsTo(anna)).toHaveLength(4);
    // The other tenant sees none of it.
    const other = client(app, created.context.b.token);
    expect((await other.get(`/messages?sessionId=${session.id}`)).body.items).toEqual([]);
    expect((await other.get(`/messages/${log.body.items[0].id}`)).status).toBe(404);
  });

  it("turns enrollment events into learner emails in the learner's language, with the tenant's template", async () => {
    const { app, a, core } = created.context;
    const api = client(app, a.token);
    const world = await schedulingWorld(api);
    const learner = (
      await api.post("/learners", { name: "Lena Braun", email: uniqueEmail("lena"), language: "de" })
    ).body;
    const session = (await api.post("/sessions", sessionBody(world, "2027-09-14", { status: "planned" })))
      .body;
    const template = await api.put("/message-templates/enrollment.enrolled/de", {
      subject: "Anmeldung bestätigt: {{courseTitle}}",
      text: "Hallo {{recipientName}}, bis bald ({{start}}).",
    });
    expect(template.status).toBe(200);
    expect(template.body.variables).toEqual(["courseTitle", "recipientName", "start"]);
    const enrollmentId = "0190aaaa-0000-7000-8000-000000000001";
    await core.database.db.transaction().execute((trx) =>
      publishEvent(trx, a.actor, Date.now(), {
        type: "enrollment.enrolled",
        entityType: "enrollment",
        entityId: enrollmentId,
        sessionId: session.id,
        payload: { enrollmentId, sessionId: session.id, learnerId: learner.id, status: "enrolled" },
      }),
    );
    await waitForMails(learner.email, 1);
    const [mail] = mailsTo(learner.email);
    expect(mail!.subject).toBe("Anmeldung bestätigt: SQL Basics");
    expect(mail!.text).toContain("Hallo Lena Braun");
    expect(mail!.text).toContain("14. September 2027");
    expect(mail!.html).toContain("Hallo Lena Braun");
    expect(calendarOf(mail!).events).toHaveLength(1);
    const log = await api.get(`/messages?entityId=${learner.id}`);
    expect(log.body.items).toMatchObject([
      { event: "enrollment.enrolled", language: "de", status: "sent", recipientKind: "learner" },
    ]);
  });

  it("marks a message the server refuses for good as bounced, without retrying, and resends it on demand", async () => {
    const { app, a, core } = created.context;
    const api = client(app, a.token);
    await core.database.db.transaction().execute((trx) =>
      publishEvent(trx, a.actor, Date.now(), {
        type: "registration.confirmation_requested",
        entityType: "registration",
        entityId: "reg-1",
        payload: {
          email: "nobody@lectern.test",
          name: "No Body",
          confirmUrl: "https://x.test/c",
          expiresAt: "tomorrow",
        },
      }),
    );
    const bounced = async () =>
      (await api.get("/messages?recipient=nobody@lectern.test&status=bounced")).body.items;
    await drainUntil(worker, async () => (await bounced()).length === 1);
    const [message] = await bounced();
    expect(message).toMatchObject({ attempts: 1, event: "registration.confirmation_requested" });
    expect(message.lastError).toContain("550");
    const resent = await api.post(`/messages/${message.id}/resend`);
    expect(resent.body.status).toBe("queued");
    await drainUntil(
      worker,
      async () => (await bounced()).length === 1 && (await bounced())[0].attempts === 2,
    );
    expect((await api.post(`/messages/${message.id}/resend`)).status).toBe(200);
    expect(mailsTo("nobody@lectern.test")).toEqual([]);
  });

  it("delivers every message exactly once when the SMTP server refuses connections for a while", async () => {
    const { app, a } = created.context;
    const api = client(app, a.token);
    const world = await schedulingWorld(api);
    await smtp.refuse();
    const sessions = [];
    for (const date of ["2027-06-07", "2027-06-08", "2027-06-09"]) {
      sessions.push((await api.post("/sessions", sessionBody(world, date, { status: "planned" }))).body);
    }
    // While the server is away: attempts fail and are retried with backoff; nothing is lost.
    await drainUntil(worker, async () => {
      const log = await api.get(`/messages?recipient=${encodeURIComponent(world.anna.email)}`);
      return (
        log.body.items.length === 3 && log.body.items.every((m: { attempts: number }) => m.attempts >= 2)
      );
    });
    expect(mailsTo(world.anna.email)).toHaveLength(0);
    const waiting = await api.get(`/messages?recipient=${encodeURIComponent(world.anna.email)}`);
    expect(
      waiting.body.items.every(
        (m: { status: string; lastError: string }) => m.status === "queued" && m.lastError,
      ),
    ).toBe(true);
    await smtp.accept();
    await drainUntil(worker, async () => {
      const log = await api.get(`/messages?recipient=${encodeURIComponent(world.anna.email)}&status=sent`);
      return log.body.items.length === 3;
    });
    // A few more rounds: nothing else arrives.
    for (let i = 0; i < 5; i++) {
      await worker.tick();
      await worker.runOnce();
    }
    const arrived = mailsTo(world.anna.email);
    expect(arrived).toHaveLength(3);
    expect(new Set(arrived.map((m) => m.messageId)).size).toBe(3);
    expect(arrived.map((m) => m.subject).sort()).toEqual(
      sessions.map(() => expect.stringContaining("Can you teach SQL Basics")),
    );
  });
});

describe.each(databaseKinds)("without SMTP: the outbox [%s]", (kind) => {
  it("keeps messages queued and viewable; nothing is dropped", async () => {
    const created = await createCommsContext(kind, { smtpUrl: null });
    try {
      const { app, a, core } = created.context;
      const api = client(app, a.token);
      const world = await schedulingWorld(api);
      const session = (await api.post("/sessions", sessionBody(world, "2027-05-03", { status: "planned" })))
        .body;
      const worker = testWorker(core);
      await drainUntil(
        worker,
        async () => (await api.get(`/messages?sessionId=${session.id}`)).body.items.length === 1,
      );
      for (let i = 0; i < 3; i++) {
        await worker.tick();
        await worker.runOnce();
      }
      const log = await api.get(`/messages?sessionId=${session.id}&status=queued`);
      expect(log.body.items).toMatchObject([
        { event: "assignment.requested", status: "queued", attempts: 0 },
      ]);
      const detail = await api.get(`/messages/${log.body.items[0].id}`);
      expect(detail.body.text).toContain(
        "Accept: http://lectern.test/api/v1/public/assignments/respond?token=",
      );
      expect(detail.body.ics).toContain("BEGIN:VTIMEZONE");
      const jobs = await api.get("/jobs?type=email.send");
      expect(jobs.body.items).toEqual([]);
      const preview = await api.post("/message-templates/preview", {
        event: "session.reminder",
        sessionId: session.id,
        variables: { days: "7" },
      });
      expect(preview.status).toBe(200);
      expect(preview.body.subject).toMatch(/^Reminder: SQL Basics starts Monday, May 3, 2027/);
      expect(preview.body.text).toContain("in 7 day(s)");
      expect(preview.body.ics).toContain("METHOD:REQUEST");
      const bad = await api.put("/message-templates/no.such/en", { subject: "x", text: "y" });
      expect(bad.status).toBe(400);
    } finally {
      await created.close();
    }
  });
});
