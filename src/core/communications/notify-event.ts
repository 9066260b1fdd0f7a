import type { Executor } from "../db/database.js";
import type { DomainEventsTable } from "../db/schema.js";
import { domainEventRepository } from "../events/domain-events.repository.js";
import { enqueueJobs } from "../jobs/enqueue-job.js";
import type { Job } from "../jobs/worker.js";
import { PermanentJobError } from "../jobs/worker.js";
import { toIso } from "../shared/clock.js";
import { type Person, communicationsRepository as repo } from "./communications.repository.js";
import type { CommsDeps, Draft, SessionFacts } from "./compose.js";
import { writeMessages } from "./compose.js";
import type { CalendarMethod } from "./ics.js";
import { signClaim } from "./links.js";

/** Event types that send email, with the invite each carries (the dispatcher enqueues only these). */
export const notifyingEvents: Record<string, CalendarMethod | null> = {
  "session.rescheduled": "REQUEST",
  "session.location_changed": "REQUEST",
  "session.link_changed": "REQUEST",
  "session.cancelled": "CANCEL",
  "session.postponed": "CANCEL",
  "assignment.requested": "REQUEST",
  "assignment.accepted": "REQUEST",
  "enrollment.enrolled": "REQUEST",
  "enrollment.approved": "REQUEST",
  "enrollment.promoted": "REQUEST",
  "enrollment.pending_approval": null,
  "enrollment.rejected": null,
  "enrollment.waitlisted": null,
  "enrollment.offered": null,
  "enrollment.cancelled": "CANCEL",
  "enrollment.transferred": "CANCEL",
  "registration.confirmation_requested": null,
  "certificate.issued": null,
};

/** Core use cases hand out paths; the e-mail needs the installation's public address in front. */
const absolute = (deps: Pick<CommsDeps, "settings">, url: string) =>
  url.startsWith("/") ? `${deps.settings.publicUrl}${url}` : url;

const str = (value: unknown) => (typeof value === "string" ? value : value == null ? "" : String(value));

/** Accept/decline links for an assignment, signed with the tenant's secret. */
export async function assignmentLinks(
  db: Executor,
  deps: Pick<CommsDeps, "settings">,
  tenantId: string,
  sessionId: string,
  assignmentId: string,
  respondBy: number | null,
  now: number,
) {
  const secret = await repo.secret(db, tenantId, "links", now);
  const exp = Math.max(
    now + 60_000,
    Math.min(now + deps.settings.linkValidityMs, respondBy ?? Number.POSITIVE_INFINITY),
  );
  const link = (r: "accept" | "decline") =>
    `${deps.settings.publicUrl}/api/v1/public/assignments/respond?token=${signClaim({ t: tenantId, s: sessionId, a: assignmentId, r, exp }, secret)}`;
  return { acceptUrl: link("accept"), declineUrl: link("decline") };
}

/**
 * The `notify.event` job: turns one domain event into messages to the people it concerns. Each
 * message's key is derived from the event id and recipient, so running the job again (after a
 * crash) adds nothing.
 */
export function createNotifyHandler(deps: CommsDeps) {
  return async (job: Job) => {
    const { db } = deps.database;
    const tenantId = job.tenantId;
    const event = await domainEventRepository.find(db, tenantId, str(job.payload.eventId));
    if (!event) throw new PermanentJobError(`Event ${str(job.payload.eventId)} not found`);
    const payload = JSON.parse(event.payload_json) as Record<string, unknown>;
    const method = notifyingEvents[event.type] ?? null;
    await db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const sessionId = event.session_id ?? (str(payload.sessionId) || null);
      const facts = sessionId ? ((await repo.sessionFacts(trx, tenantId, sessionId)) ?? null) : null;
      const variables: Record<string, string> = { reason: str(payload.reason) };
      const recipients: Person[] = [];
      if (event.type.startsWith("session.")) {
        if (!facts) return;
        recipients.push(
          ...(await repo.enrolledLearners(trx, tenantId, facts.session.id)),
          ...(await repo.instructorsOf(trx, tenantId, facts.session.id)),
        );
        const before = (payload.before as { startsAt?: number }[] | undefined)?.[0]?.startsAt;
        if (before) variables.previousStart = new Date(before).toISOString();
      } else if (event.type.startsWith("assignment.")) {
        const instructor = await repo.instructor(trx, tenantId, str(payload.instructorId));
        if (!instructor || !facts) return;
        recipients.push(instructor);
        if (event.type === "assignment.requested") {
          const respondBy = typeof payload.respondBy === "number" ? payload.respondBy : null;
          Object.assign(
            variables,
            await assignmentLinks(
              trx,
              deps,
              tenantId,
              facts.session.id,
              str(payload.assignmentId),
              respondBy,
              now,
            ),
            { respondBy: respondBy ? toIso(respondBy) : "as soon as you can" },
          );
          const remindAt = Math.min(
            now + deps.settings.assignmentReminderMs,
            (respondBy ?? Infinity) - 86_400_000,
          );
          if (remindAt > now) {
            await enqueueJobs(trx, tenantId, now, [
              {
                type: "assignment.remind",
                payload: { sessionId: facts.session.id, assignmentId: str(payload.assignmentId), respondBy },
                runAt: remindAt,
                idempotencyKey: `assignment-remind:${event.id}`,
              },
            ]);
          }
        }
      } else if (event.type === "registration.confirmation_requested") {
        recipients.push({
          kind: "contact",
          id: null,
          name: str(payload.name) || null,
          email: str(payload.email),
          language: null,
        });
        Object.assign(variables, {
          confirmUrl: absolute(deps, str(payload.confirmUrl)),
          expiresAt: str(payload.expiresAt),
        });
      } else {
        const learner = await repo.learner(trx, tenantId, str(payload.learnerId));
        if (!learner) return;
        recipients.push(learner);
        if (event.type === "certificate.issued")
          await armExpiryNotice(trx, deps, tenantId, event, payload, now);
        for (const name of ["waitlistPosition", "verificationCode", "expiresOn"])
          variables[name] = str(payload[name]);
        if (typeof payload.offerExpiresAt === "number")
          variables.offerExpiresAt = toIso(payload.offerExpiresAt);
        else variables.offerExpiresAt = str(payload.offerExpiresAt);
      }
      await writeMessages(trx, deps, tenantId, draftsFor(event, recipients, facts, variables, method));
    });
  };
}

function draftsFor(
  event: DomainEventsTable,
  recipients: Person[],
  facts: SessionFacts | null,
  variables: Record<string, string>,
  method: CalendarMethod | null,
): Draft[] {
  const seen = new Set<string>();
  return recipients
    .filter(
      (person) =>
        person.email && !seen.has(person.email.toLowerCase()) && seen.add(person.email.toLowerCase()),
    )
    .map((recipient) => ({
      template: event.type,
      recipient,
      key: `${event.id}:${recipient.email.toLowerCase()}`,
      eventId: event.id,
      facts,
      entityType: event.entity_type,
      entityId: event.entity_id,
      variables,
      ics: facts ? method : null,
    }));
}

/** The `assignment.remind` job: a reminder to an instructor who has not answered yet. */
export function createAssignmentReminderHandler(deps: CommsDeps) {
  return async (job: Job) => {
    const { db } = deps.database;
    const assignmentId = str(job.payload.assignmentId);
    await db.transaction().execute(async (trx) => {
      const facts = await repo.sessionFacts(trx, job.tenantId, str(job.payload.sessionId));
      if (!facts) return;
      const assignment = (await repo.instructorsOf(trx, job.tenantId, facts.session.id)).find(
        (a) => a.assignmentId === assignmentId,
      );
      if (assignment?.status !== "requested") return; // answered, withdrawn or gone
      const now = deps.clock.now();
      const respondBy = typeof job.payload.respondBy === "number" ? job.payload.respondBy : null;
      const links = await assignmentLinks(
        trx,
        deps,
        job.tenantId,
        facts.session.id,
        assignmentId,
        respondBy,
        now,
      );
      await writeMessages(trx, deps, job.tenantId, [
        {
          template: "assignment.reminder",
          recipient: assignment,
          key: `assignment-remind:${job.id}:${assignment.email.toLowerCase()}`,
          eventId: null,
          facts,
          entityType: "assignment",
          entityId: assignmentId,
          variables: { ...links, respondBy: respondBy ? toIso(respondBy) : "as soon as you can" },
          ics: null,
        },
      ]);
    });
  };
}

/** A certificate with an expiry arms its "expiring" notice (once per certificate and date). */
async function armExpiryNotice(
  trx: Executor,
  deps: CommsDeps,
  tenantId: string,
  event: DomainEventsTable,
  payload: Record<string, unknown>,
  now: number,
) {
  const expiresOn = str(payload.expiresOn);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) return;
  const expiresAt = Date.parse(`${expiresOn}T00:00:00Z`);
  if (expiresAt <= now) return;
  await enqueueJobs(trx, tenantId, now, [
    {
      type: "certificate.remind",
      payload: { ...payload, eventId: event.id },
      runAt: Math.max(now, expiresAt - deps.settings.certificateNoticeMs),
      idempotencyKey: `certificate-expiring:${str(payload.certificateId)}:${expiresOn}`,
    },
  ]);
}

/** The `certificate.remind` job: tells the learner their certification expires soon. */
export function createCertificateReminderHandler(deps: CommsDeps) {
  return async (job: Job) => {
    const payload = job.payload;
    await deps.database.db.transaction().execute(async (trx) => {
      const learner = await repo.learner(trx, job.tenantId, str(payload.learnerId));
      if (!learner) return;
      const sessionId = str(payload.sessionId);
      const facts = sessionId ? ((await repo.sessionFacts(trx, job.tenantId, sessionId)) ?? null) : null;
      await writeMessages(trx, deps, job.tenantId, [
        {
          template: "certificate.expiring",
          recipient: learner,
          key: `certificate-expiring:${str(payload.certificateId)}:${str(payload.expiresOn)}:${learner.email.toLowerCase()}`,
          eventId: str(payload.eventId) || null,
          facts,
          entityType: "certificate",
          entityId: str(payload.certificateId),
          variables: {
            expiresOn: str(payload.expiresOn),
            verificationCode: str(payload.verificationCode),
            ...(!facts && {
              courseTitle: (await repo.courseTitle(trx, job.tenantId, str(payload.courseId))) ?? "",
            }),
          },
          ics: null,
        },
      ]);
    });
  };
}

/**
 * The `learner.sign_in_link` job: e-mails a learner their single-use sign-in link. It is a job,
 * not a domain event, so the link never reaches webhook subscribers.
 */
export function createSignInLinkHandler(deps: CommsDeps) {
  return async (job: Job) => {
    const payload = job.payload;
    await deps.database.db.transaction().execute(async (trx) => {
      const learner = await repo.learner(trx, job.tenantId, str(payload.learnerId));
      if (!learner) return;
      await writeMessages(trx, deps, job.tenantId, [
        {
          template: "learner.sign_in_link",
          recipient: learner,
          key: `sign-in-link:${job.id}`,
          eventId: null,
          facts: null,
          entityType: "learner",
          entityId: learner.id,
          variables: {
            signInUrl: absolute(deps, str(payload.signInUrl)),
            expiresAt: str(payload.expiresAt),
          },
          ics: null,
        },
      ]);
    });
  };
}
