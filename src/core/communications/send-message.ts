import type { Job } from "../jobs/worker.js";
import { PermanentJobError } from "../jobs/worker.js";
import { communicationsRepository as repo } from "./communications.repository.js";
import type { CommsDeps } from "./compose.js";
import { PermanentSendError } from "./mailer.js";

/**
 * The `email.send` job. States: queued → sending → sent | bounced (| failed when retries run
 * out). `sending` is committed before the SMTP transaction starts; a worker that dies after the
 * server accepted the message leaves it `sending`, and the retry sends it again with the same
 * Message-ID (deterministic from the message row), so the receiving side sees one message. A
 * message already sent or bounced is never sent again.
 */
export function createSendHandler(deps: CommsDeps) {
  return async (job: Job) => {
    const { db } = deps.database;
    const id = String(job.payload.messageId);
    const message = await repo.findMessage(db, job.tenantId, id);
    if (!message) throw new PermanentJobError(`Message ${id} not found`);
    if (message.status === "sent" || message.status === "bounced") return;
    if (!deps.mailer) throw new Error("SMTP is not configured in this worker (SMTP_URL)");
    const attempts = message.attempts + 1;
    await repo.updateMessage(db, job.tenantId, id, {
      status: "sending",
      attempts,
      updated_at: deps.clock.now(),
    });
    try {
      await deps.mailer.send({
        from: deps.settings.from,
        to: message.recipient_name
          ? `"${message.recipient_name.replace(/"/g, "")}" <${message.recipient}>`
          : message.recipient,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        messageId: message.message_id_header,
        ics: message.ics
          ? { method: message.ics.match(/^METHOD:(\w+)/m)?.[1] ?? "REQUEST", content: message.ics }
          : null,
      });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const now = deps.clock.now();
      if (error instanceof PermanentSendError) {
        await repo.updateMessage(db, job.tenantId, id, {
          status: "bounced",
          last_error: text,
          updated_at: now,
        });
        return;
      }
      const last = job.attempts >= job.maxAttempts;
      await repo.updateMessage(db, job.tenantId, id, {
        status: last ? "failed" : "queued",
        last_error: text,
        updated_at: now,
      });
      throw error;
    }
    const now = deps.clock.now();
    await repo.updateMessage(db, job.tenantId, id, {
      status: "sent",
      sent_at: now,
      last_error: null,
      updated_at: now,
    });
  };
}
