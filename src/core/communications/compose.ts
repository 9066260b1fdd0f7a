import type { Database, Executor } from "../db/database.js";
import { enqueueJobs } from "../jobs/enqueue-job.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { fromJson } from "../shared/json.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import { type Person, communicationsRepository as repo } from "./communications.repository.js";
import { buildCalendar, type CalendarMethod, type CalendarSession } from "./ics.js";
import type { Mailer } from "./mailer.js";
import type { CommsSettings } from "./settings.js";
import { builtInTemplates, type Rendered, renderTemplate, type Template } from "./templates.js";

export interface CommsDeps {
  database: Pick<Database, "db" | "dialect">;
  clock: Clock;
  settings: CommsSettings;
  /** null: no SMTP configured; messages stay in the outbox. */
  mailer: Mailer | null;
}

export type SessionFacts = NonNullable<Awaited<ReturnType<typeof repo.sessionFacts>>>;

/** One message to write: a template, a recipient, what it is about. */
export interface Draft {
  template: string;
  recipient: Person;
  /** Unique per tenant: the same key never makes a second message. */
  key: string;
  eventId: string | null;
  facts: SessionFacts | null;
  entityType: string | null;
  entityId: string | null;
  variables: Record<string, string>;
  ics: CalendarMethod | null;
}

export const emailOf = (from: string) => from.match(/<([^>]+)>/)?.[1] ?? from.trim();

const languageOf = (person: Person) => (person.language ?? "en").toLowerCase().slice(0, 2) || "en";

function formatInstant(ms: number, zone: string, language: string) {
  try {
    return new Intl.DateTimeFormat(language, {
      dateStyle: "full",
      timeStyle: "short",
      timeZone: zone,
    }).format(ms);
  } catch {
    return new Intl.DateTimeFormat("en", { dateStyle: "full", timeStyle: "short", timeZone: zone }).format(
      ms,
    );
  }
}

function whereOf(facts: SessionFacts): string {
  const { session } = facts;
  const address = fromJson<Record<string, string | null> | null>(session.location_address_json ?? null, null);
  const place = [session.location_name, address?.line1, address?.postalCode, address?.city]
    .filter(Boolean)
    .join(", ");
  if (place && session.join_url) return `${place} and online: ${session.join_url}`;
  return place || session.join_url || "online";
}

export function sessionVariables(
  facts: SessionFacts,
  language: string,
  zone?: string,
): Record<string, string> {
  const { session } = facts;
  const timeZone = zone ?? session.time_zone;
  return {
    courseTitle: session.course_title,
    sessionTitle: session.title ?? session.course_title,
    start: formatInstant(session.starts_at, timeZone, language),
    end: formatInstant(session.ends_at, timeZone, language),
    timeZone,
    where: whereOf(facts),
    joinUrl: session.join_url ?? "",
    materials: fromJson<unknown[]>(session.course_materials_json, [])
      .map((m) => (typeof m === "string" ? m : JSON.stringify(m)))
      .join(", "),
    sessionId: session.id,
  };
}

export function calendarSessionOf(facts: SessionFacts): CalendarSession {
  const { session } = facts;
  return {
    id: session.id,
    title: session.title ?? session.course_title,
    status: session.status,
    timeZone: session.time_zone,
    version: session.version,
    location: facts.session.location_name ? whereOf(facts) : null,
    joinUrl: session.join_url,
    description: session.notes,
    segments: facts.segments.map((s) => ({ position: s.position, startsAt: s.starts_at, endsAt: s.ends_at })),
  };
}

/** The template for an event in a language: the tenant's, the tenant's English one, the built-in. */
export async function templateFor(
  db: Executor,
  tenantId: string,
  event: string,
  language: string,
): Promise<Template> {
  for (const lang of language === "en" ? ["en"] : [language, "en"]) {
    const row = await repo.findTemplate(db, tenantId, event, lang);
    if (row) return { subject: row.subject, text: row.text_body, html: row.html_body };
  }
  const builtIn = builtInTemplates[event];
  if (!builtIn) throw new Error(`No template for ${event}`);
  return builtIn;
}

export interface ComposedMessage extends Rendered {
  language: string;
  ics: string | null;
}

export async function compose(
  db: Executor,
  settings: CommsSettings,
  tenantId: string,
  draft: Omit<Draft, "key" | "eventId">,
): Promise<ComposedMessage> {
  const language = languageOf(draft.recipient);
  const tenant = await loadTenant(db, tenantId);
  const variables: Record<string, string> = {
    tenantName: tenant.name,
    recipientName: draft.recipient.name ?? draft.recipient.email,
    recipientEmail: draft.recipient.email,
    ...(draft.facts && sessionVariables(draft.facts, language)),
    ...draft.variables,
  };
  const rendered = renderTemplate(await templateFor(db, tenantId, draft.template, language), variables);
  const ics =
    draft.facts && draft.ics
      ? buildCalendar([calendarSessionOf(draft.facts)], {
          method: draft.ics,
          name: variables.sessionTitle ?? draft.facts.session.course_title,
          organizer: { name: tenant.name, email: emailOf(settings.from) },
          attendee: { name: draft.recipient.name, email: draft.recipient.email },
        })
      : null;
  return { ...rendered, language, ics };
}

/**
 * Writes messages (each at most once, by key) and, with SMTP configured, a send job per new
 * message — all in the caller's transaction.
 */
export async function writeMessages(
  trx: Executor,
  deps: CommsDeps,
  tenantId: string,
  drafts: Draft[],
): Promise<number> {
  const now = deps.clock.now();
  let created = 0;
  for (const draft of drafts) {
    const composed = await compose(trx, deps.settings, tenantId, draft);
    const id = newId();
    const { created: isNew } = await repo.insertMessage(trx, {
      tenant_id: tenantId,
      id,
      idempotency_key: draft.key,
      event: draft.template,
      event_id: draft.eventId,
      channel: "email",
      recipient: draft.recipient.email.toLowerCase(),
      recipient_name: draft.recipient.name,
      recipient_kind: draft.recipient.kind,
      recipient_id: draft.recipient.id,
      language: composed.language,
      subject: composed.subject,
      text_body: composed.text,
      html_body: composed.html,
      ics: composed.ics,
      session_id: draft.facts?.session.id ?? null,
      entity_type: draft.entityType,
      entity_id: draft.entityId,
      message_id_header: `<${id}@lectern>`,
      status: "queued",
      attempts: 0,
      last_error: null,
      created_at: now,
      updated_at: now,
      sent_at: null,
    });
    if (!isNew) continue;
    created++;
    if (deps.mailer) {
      await enqueueJobs(trx, tenantId, now, [
        { type: "email.send", payload: { messageId: id }, idempotencyKey: `send:${id}`, maxAttempts: 10 },
      ]);
    }
  }
  return created;
}
