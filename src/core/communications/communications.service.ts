import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/audit.service.js";
import { type Actor, actsAsInstructor, authorize, systemActor } from "../auth/actor.js";
import { hashToken } from "../auth/secrets.js";
import type { CalendarFeedsTable, MessagesTable } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { enqueueJobs } from "../jobs/enqueue-job.js";
import type { AssignmentResponse } from "../scheduling/respond-to-assignment.js";
import type { SchedulingService } from "../scheduling/scheduling.service.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { decodeCursor, toPage } from "../shared/pagination.js";
import type { Page } from "../shared/schemas.js";
import { tenantRepository } from "../tenancy/tenant.repository.js";
import { communicationsRepository as repo } from "./communications.repository.js";
import type {
  Feed,
  FeedInput,
  Message,
  MessageDetail,
  MessageQuery,
  PreviewInput,
  TemplateInput,
  TemplateView,
} from "./communications.schemas.js";
import {
  type CommsDeps,
  calendarSessionOf,
  compose,
  type SessionFacts,
  sessionVariables,
} from "./compose.js";
import { type FeedKind, feedRepository } from "./feeds.repository.js";
import { buildCalendar } from "./ics.js";
import { peekClaim, verifyClaim } from "./links.js";
import { armReminders } from "./reminders.js";
import { builtInTemplates, renderTemplate, templateEvents, variablesOf } from "./templates.js";

const presentMessage = (row: MessagesTable): Message => ({
  id: row.id,
  event: row.event,
  eventId: row.event_id,
  channel: row.channel,
  recipient: row.recipient,
  recipientName: row.recipient_name,
  recipientKind: row.recipient_kind,
  recipientId: row.recipient_id,
  language: row.language,
  subject: row.subject,
  status: row.status as Message["status"],
  attempts: row.attempts,
  lastError: row.last_error,
  sessionId: row.session_id,
  entityType: row.entity_type,
  entityId: row.entity_id,
  messageId: row.message_id_header,
  hasCalendar: row.ics !== null,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
  sentAt: toIsoOrNull(row.sent_at),
});

const presentFeed = (row: CalendarFeedsTable): Feed => ({
  id: row.id,
  kind: row.kind as FeedKind,
  subjectId: row.subject_id,
  createdAt: toIso(row.created_at),
  revokedAt: toIsoOrNull(row.revoked_at),
});

const FEED_HISTORY_MS = 90 * 86_400_000;

/** Messages, templates, previews, calendar feeds and the public assignment links. */
export function createCommunicationsService(deps: CommsDeps & { respond: SchedulingService["respond"] }) {
  const { db } = deps.database;

  async function factsOrThrow(tenantId: string, sessionId: string): Promise<SessionFacts> {
    const facts = await repo.sessionFacts(db, tenantId, sessionId);
    if (!facts) throw notFound("Session", sessionId);
    return facts;
  }

  return {
    /** Arms due reminders now (the worker does this every minute; tests and the CLI may call it). */
    armReminders: () => armReminders(deps),

    async listMessages(actor: Actor, query: MessageQuery): Promise<Page<Message>> {
      authorize(actor, "reference:write");
      const rows = await repo.listMessages(db, actor.tenantId, {
        recipient: query.recipient,
        sessionId: query.sessionId,
        status: query.status,
        event: query.event,
        entityId: query.entityId,
        after: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      const page = toPage(rows, query.limit);
      return { items: page.items.map(presentMessage), nextCursor: page.nextCursor };
    },

    async getMessage(actor: Actor, id: string): Promise<MessageDetail> {
      authorize(actor, "reference:write");
      const row = await repo.findMessage(db, actor.tenantId, id);
      if (!row) throw notFound("Message", id);
      return { ...presentMessage(row), text: row.text_body, html: row.html_body, ics: row.ics };
    },

    /** Sends a failed or bounced message again (a new send job; same Message-ID). */
    resendMessage(actor: Actor, id: string): Promise<Message> {
      authorize(actor, "reference:write");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        const row = await repo.findMessage(trx, actor.tenantId, id);
        if (!row) throw notFound("Message", id);
        if (row.status !== "failed" && row.status !== "bounced") {
          throw new AppError(
            "conflict",
            `Only failed or bounced messages are sent again; this one is ${row.status}`,
          );
        }
        await repo.updateMessage(trx, actor.tenantId, id, { status: "queued", updated_at: now });
        if (deps.mailer) {
          await enqueueJobs(trx, actor.tenantId, now, [
            {
              type: "email.send",
              payload: { messageId: id },
              idempotencyKey: `send:${id}:${now}`,
              maxAttempts: 10,
            },
          ]);
        }
        await recordAudit(trx, actor, now, { action: "resend", entityType: "message", entityId: id });
        return presentMessage({ ...row, status: "queued", updated_at: now });
      });
    },

    /** Every event's template in a language: the tenant's own where it has one, else the built-in. */
    async listTemplates(actor: Actor, language = "en"): Promise<TemplateView[]> {
      authorize(actor, "reference:read");
      const own = await repo.listTemplates(db, actor.tenantId);
      const views: TemplateView[] = own.map((row) => ({
        event: row.event,
        language: row.language,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        builtIn: false,
        variables: variablesOf(`${row.subject} ${row.text_body} ${row.html_body ?? ""}`),
        updatedAt: toIso(row.updated_at),
      }));
      for (const event of templateEvents) {
        if (views.some((v) => v.event === event && v.language === language)) continue;
        const builtIn = builtInTemplates[event]!;
        views.push({
          event,
          language: "en",
          subject: builtIn.subject,
          text: builtIn.text,
          html: builtIn.html ?? null,
          builtIn: true,
          variables: variablesOf(`${builtIn.subject} ${builtIn.text}`),
          updatedAt: null,
        });
      }
      return views.sort((a, b) => a.event.localeCompare(b.event) || a.language.localeCompare(b.language));
    },

    putTemplate(actor: Actor, event: string, language: string, input: TemplateInput): Promise<TemplateView> {
      authorize(actor, "tenant:manage");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        const before = await repo.findTemplate(trx, actor.tenantId, event, language);
        await repo.upsertTemplate(trx, {
          tenant_id: actor.tenantId,
          id: before?.id ?? newId(),
          event,
          language,
          subject: input.subject,
          text_body: input.text,
          html_body: input.html,
          created_at: before?.created_at ?? now,
          updated_at: now,
        });
        await recordAudit(trx, actor, now, {
          action: before ? "update" : "create",
          entityType: "message_template",
          entityId: `${event}/${language}`,
          before: before
            ? { subject: before.subject, text: before.text_body, html: before.html_body }
            : undefined,
          after: input,
        });
        return {
          event,
          language,
          ...input,
          builtIn: false,
          variables: variablesOf(`${input.subject} ${input.text} ${input.html ?? ""}`),
          updatedAt: toIso(now),
        };
      });
    },

    /** Back to the built-in text. */
    deleteTemplate(actor: Actor, event: string, language: string): Promise<void> {
      authorize(actor, "tenant:manage");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        if (!(await repo.deleteTemplate(trx, actor.tenantId, event, language))) {
          throw notFound("Template", `${event}/${language}`);
        }
        await recordAudit(trx, actor, now, {
          action: "delete",
          entityType: "message_template",
          entityId: `${event}/${language}`,
        });
      });
    },

    /** Renders a template (stored or sent along) with sample or real session data; nothing is sent. */
    async preview(actor: Actor, input: PreviewInput) {
      authorize(actor, "reference:read");
      const facts = input.sessionId ? await factsOrThrow(actor.tenantId, input.sessionId) : null;
      const recipient = {
        kind: "contact" as const,
        id: null,
        name: "Alex Example",
        email: "alex@example.com",
        language: input.language,
      };
      if (input.template) {
        const rendered = renderTemplate(input.template, {
          recipientName: recipient.name,
          ...(facts && sessionVariables(facts, input.language)),
          ...input.variables,
        });
        return { ...rendered, ics: null };
      }
      const composed = await compose(db, deps.settings, actor.tenantId, {
        template: input.event,
        recipient,
        facts,
        entityType: null,
        entityId: null,
        variables: input.variables,
        ics: facts ? "REQUEST" : null,
      });
      return { subject: composed.subject, text: composed.text, html: composed.html, ics: composed.ics };
    },

    createFeed(actor: Actor, input: FeedInput) {
      // Instructors and learners may make a feed of their own sessions (their portal shows it).
      const own =
        (input.kind === "instructor" && actsAsInstructor(actor, input.subjectId)) ||
        (input.kind === "learner" && actor.role === "learner" && actor.learnerId === input.subjectId);
      if (!own) authorize(actor, "reference:write");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        if (!(await feedRepository.subjectExists(trx, actor.tenantId, input.kind, input.subjectId))) {
          throw notFound(input.kind[0]!.toUpperCase() + input.kind.slice(1), input.subjectId);
        }
        const token = `lcf_${randomBytes(24).toString("base64url")}`;
        const row: CalendarFeedsTable = {
          tenant_id: actor.tenantId,
          id: newId(),
          kind: input.kind,
          subject_id: input.subjectId,
          token_hash: hashToken(token),
          created_at: now,
          revoked_at: null,
        };
        await feedRepository.insert(trx, row);
        await recordAudit(trx, actor, now, {
          action: "create",
          entityType: "calendar_feed",
          entityId: row.id,
          after: presentFeed(row),
        });
        return { ...presentFeed(row), token, url: `${deps.settings.publicUrl}/api/v1/feeds/${token}.ics` };
      });
    },

    async listFeeds(actor: Actor, filter: { kind?: string; subjectId?: string }): Promise<Feed[]> {
      authorize(actor, "reference:write");
      return (await feedRepository.list(db, actor.tenantId, filter)).map(presentFeed);
    },

    revokeFeed(actor: Actor, id: string): Promise<Feed> {
      authorize(actor, "reference:write");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        const row = await feedRepository.find(trx, actor.tenantId, id);
        if (!row) throw notFound("Calendar feed", id);
        await feedRepository.revoke(trx, actor.tenantId, id, now);
        await recordAudit(trx, actor, now, { action: "revoke", entityType: "calendar_feed", entityId: id });
        return presentFeed({ ...row, revoked_at: row.revoked_at ?? now });
      });
    },

    /** The public feed: the subject's sessions as they are now (no cache, so changes show at once). */
    async feedCalendar(token: string): Promise<string> {
      const feed = await feedRepository.byTokenHash(db, hashToken(token));
      if (!feed || feed.revoked_at !== null)
        throw new AppError("not_found", "This calendar feed does not exist or was revoked");
      const now = deps.clock.now();
      const ids = await feedRepository.sessionIds(
        db,
        feed.tenant_id,
        feed.kind as FeedKind,
        feed.subject_id,
        now - FEED_HISTORY_MS,
      );
      const sessions = [];
      for (const id of ids) {
        const facts = await repo.sessionFacts(db, feed.tenant_id, id);
        if (facts) sessions.push(calendarSessionOf(facts));
      }
      return buildCalendar(sessions, { method: "PUBLISH", name: `Lectern ${feed.kind} schedule` });
    },

    /** What an accept/decline link shows before the click is confirmed (link previews must not answer). */
    async describeLink(token: string) {
      const claim = await checkLink(token);
      const facts = await factsOrThrow(claim.t, claim.s);
      return {
        response: claim.r,
        courseTitle: facts.session.course_title,
        startsAt: facts.session.starts_at,
        timeZone: facts.session.time_zone,
      };
    },

    /** Answers an assignment from a signed link, without logging in. */
    async respondByLink(token: string, note: string | null) {
      const claim = await checkLink(token);
      const actor = systemActor(claim.t, "assignment link");
      const response: AssignmentResponse = claim.r;
      const result = await deps.respond(actor, claim.s, claim.a, response, note);
      const assignment = result.session.instructors.find((a) => a.id === claim.a);
      return {
        response,
        status: assignment?.status ?? (response === "accept" ? "accepted" : "declined"),
        sessionId: claim.s,
      };
    },
  };

  async function checkLink(token: string) {
    const peeked = peekClaim(token);
    const invalid = () => new AppError("not_found", "This link is not valid");
    if (!peeked) throw invalid();
    const tenant = await tenantRepository.findById(db, peeked.t);
    if (!tenant) throw invalid();
    const secret = await repo.secret(db, peeked.t, "links", deps.clock.now());
    const claim = verifyClaim(token, secret, deps.clock.now());
    if (claim === "invalid") throw invalid();
    if (claim === "expired")
      throw new AppError("conflict", "This link has expired; ask the coordinator for a new request");
    return claim;
  }
}

export type CommunicationsService = ReturnType<typeof createCommunicationsService>;
