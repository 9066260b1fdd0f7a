import { enqueueJobs, type JobRequest } from "../jobs/enqueue-job.js";
import type { Job } from "../jobs/worker.js";
import { communicationsRepository as repo } from "./communications.repository.js";
import type { CommsDeps } from "./compose.js";
import { writeMessages } from "./compose.js";

const DAY = 86_400_000;
const FEEDBACK_WINDOW = 7 * DAY;

type Kind = "reminder" | "pre_course" | "feedback";

/**
 * The periodic scheduler: arms reminder, pre-course and feedback jobs for sessions whose moment
 * has come. Keys hold the session id, the offset and the start (or end) instant, so each fires
 * once — and a reschedule, which changes the instant, arms them again. Of several reminder
 * offsets already due, only the nearest fires (a session booked tomorrow gets the 1-day one only).
 */
export async function armReminders(deps: CommsDeps): Promise<number> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const { reminderOffsetsMs, preCourseMs, feedbackDelayMs } = deps.settings;
  const horizon = Math.max(preCourseMs, ...reminderOffsetsMs, 0);
  const sessions = await repo.sessionsAround(db, {
    from: now,
    to: now + horizon,
    endFrom: now - FEEDBACK_WINDOW,
    endTo: now - feedbackDelayMs,
  });
  let armed = 0;
  for (const session of sessions) {
    const jobs: JobRequest[] = [];
    const key = (kind: Kind, offset: number, at: number) => `${kind}:${session.id}:${offset}:${at}`;
    const job = (kind: Kind, offset: number, at: number) => ({
      type: "session.remind",
      payload: { sessionId: session.id, kind, offsetMs: offset, at },
      idempotencyKey: key(kind, offset, at),
    });
    if (session.starts_at > now && session.status !== "completed") {
      const due = reminderOffsetsMs.filter((offset) => now >= session.starts_at - offset);
      if (due.length > 0) jobs.push(job("reminder", Math.min(...due), session.starts_at));
      if (now >= session.starts_at - preCourseMs)
        jobs.push(job("pre_course", preCourseMs, session.starts_at));
    }
    if (session.ends_at <= now - feedbackDelayMs && session.ends_at > now - FEEDBACK_WINDOW) {
      jobs.push(job("feedback", feedbackDelayMs, session.ends_at));
    }
    if (jobs.length === 0) continue;
    await db.transaction().execute((trx) => enqueueJobs(trx, session.tenant_id, now, jobs));
    armed += jobs.length;
  }
  return armed;
}

const templateOf: Record<Kind, string> = {
  reminder: "session.reminder",
  pre_course: "session.pre_course",
  feedback: "session.feedback_request",
};

/** The `session.remind` job: writes the reminder, pre-course or feedback messages if still relevant. */
export function createRemindHandler(deps: CommsDeps) {
  return async (job: Job) => {
    const kind = String(job.payload.kind) as Kind;
    const at = Number(job.payload.at);
    await deps.database.db.transaction().execute(async (trx) => {
      const facts = await repo.sessionFacts(trx, job.tenantId, String(job.payload.sessionId));
      if (!facts || ["cancelled", "postponed", "draft"].includes(facts.session.status)) return;
      // Moved since the job was armed: the new instant arms its own job.
      if ((kind === "feedback" ? facts.session.ends_at : facts.session.starts_at) !== at) return;
      const learners = await repo.enrolledLearners(trx, job.tenantId, facts.session.id);
      const people =
        kind === "reminder"
          ? [...learners, ...(await repo.instructorsOf(trx, job.tenantId, facts.session.id))]
          : learners;
      const days = String(Math.max(0, Math.round(Number(job.payload.offsetMs) / DAY)));
      await writeMessages(
        trx,
        deps,
        job.tenantId,
        people.map((recipient) => ({
          template: templateOf[kind],
          recipient,
          key: `${job.payload.kind}:${facts.session.id}:${job.payload.offsetMs}:${at}:${recipient.email.toLowerCase()}`,
          eventId: null,
          facts,
          entityType: "session",
          entityId: facts.session.id,
          variables: { days, feedbackUrl: `${deps.settings.publicUrl}/feedback/${facts.session.id}` },
          ics: kind === "feedback" ? null : "REQUEST",
        })),
      );
    });
  };
}

/** With SMTP configured, gives every queued message of the outbox a send job (once per message). */
export async function sweepOutbox(deps: CommsDeps, limit = 500): Promise<number> {
  if (!deps.mailer) return 0;
  const { db } = deps.database;
  const queued = await repo.queuedMessages(db, limit);
  const now = deps.clock.now();
  for (const message of queued) {
    await enqueueJobs(db, message.tenant_id, now, [
      {
        type: "email.send",
        payload: { messageId: message.id },
        idempotencyKey: `send:${message.id}`,
        maxAttempts: 10,
      },
    ]);
  }
  return queued.length;
}
