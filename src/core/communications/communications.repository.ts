import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import type { MessagesTable, MessageTemplatesTable } from "../db/schema.js";
import { BOOKING_HOLDING } from "../enrollments/enrollments.repository.js";
import { fromJson } from "../shared/json.js";

export interface Person {
  kind: "learner" | "instructor" | "contact";
  id: string | null;
  name: string | null;
  email: string;
  language: string | null;
}

const ACTIVE_ASSIGNMENT = ["requested", "accepted"];
/** Enrollment statuses that do not hold a place (the enroll module's names); everyone else hears about the session. */

export const communicationsRepository = {
  /** A session with what a message or an invite shows. */
  async sessionFacts(db: Executor, tenantId: string, sessionId: string) {
    const session = await db
      .selectFrom("sessions as s")
      .innerJoin("courses as c", (join) =>
        join.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"),
      )
      .leftJoin("locations as l", (join) =>
        join.onRef("l.tenant_id", "=", "s.tenant_id").onRef("l.id", "=", "s.location_id"),
      )
      .selectAll("s")
      .select([
        "c.title as course_title",
        "c.materials_json as course_materials_json",
        "l.name as location_name",
        "l.address_json as location_address_json",
      ])
      .where("s.tenant_id", "=", tenantId)
      .where("s.id", "=", sessionId)
      .executeTakeFirst();
    if (!session) return undefined;
    const segments = await db
      .selectFrom("session_segments")
      .select(["position", "starts_at", "ends_at", "room_id"])
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .orderBy("position")
      .execute();
    return { session, segments };
  },

  async instructorsOf(
    db: Executor,
    tenantId: string,
    sessionId: string,
  ): Promise<(Person & { assignmentId: string; status: string })[]> {
    const rows = await db
      .selectFrom("session_instructors as si")
      .innerJoin("instructors as i", (join) =>
        join.onRef("i.tenant_id", "=", "si.tenant_id").onRef("i.id", "=", "si.instructor_id"),
      )
      .select(["si.id as assignment_id", "si.status", "i.id", "i.name", "i.email", "i.languages_json"])
      .where("si.tenant_id", "=", tenantId)
      .where("si.session_id", "=", sessionId)
      .where("si.status", "in", ACTIVE_ASSIGNMENT)
      .execute();
    return rows.map((row) => ({
      kind: "instructor" as const,
      id: row.id,
      name: row.name,
      email: row.email,
      language: fromJson<string[]>(row.languages_json, [])[0] ?? null,
      assignmentId: row.assignment_id,
      status: row.status,
    }));
  },

  async instructor(db: Executor, tenantId: string, id: string): Promise<Person | undefined> {
    const row = await db
      .selectFrom("instructors")
      .select(["id", "name", "email", "languages_json"])
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    return (
      row && {
        kind: "instructor",
        id: row.id,
        name: row.name,
        email: row.email,
        language: fromJson<string[]>(row.languages_json, [])[0] ?? null,
      }
    );
  },

  async courseTitle(db: Executor, tenantId: string, courseId: string): Promise<string | undefined> {
    const row = await db
      .selectFrom("courses")
      .select("title")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", courseId)
      .executeTakeFirst();
    return row?.title;
  },

  async learner(db: Executor, tenantId: string, id: string): Promise<Person | undefined> {
    const row = await db
      .selectFrom("learners")
      .select(["id", "name", "email", "language"])
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && { kind: "learner", id: row.id, name: row.name, email: row.email, language: row.language };
  },

  /**
   * The learners holding a seat in a session (the enrollment module's definition of seated).
   */
  async enrolledLearners(db: Executor, tenantId: string, sessionId: string): Promise<Person[]> {
    const result = await sql<{ id: string; name: string; email: string; language: string | null }>`
      select l.id, l.name, l.email, l.language from enrollments e
      join learners l on l.tenant_id = e.tenant_id and l.id = e.learner_id
      where e.tenant_id = ${tenantId} and e.session_id = ${sessionId}
        and e.status in (${sql.join([...BOOKING_HOLDING])})
      order by l.id`.execute(db);
    return result.rows.map((row) => ({ kind: "learner" as const, ...row }));
  },

  /** Sessions starting in [from, to) or ending in [endFrom, endTo), across tenants: what reminders look at. */
  async sessionsAround(db: Executor, window: { from: number; to: number; endFrom: number; endTo: number }) {
    return db
      .selectFrom("sessions")
      .select(["tenant_id", "id", "starts_at", "ends_at", "status"])
      .where("status", "in", ["planned", "confirmed", "in_progress", "completed"])
      .where((eb) =>
        eb.or([
          eb.and([eb("starts_at", ">=", window.from), eb("starts_at", "<", window.to)]),
          eb.and([eb("ends_at", ">=", window.endFrom), eb("ends_at", "<", window.endTo)]),
        ]),
      )
      .execute();
  },

  /** A per-tenant secret (link signing), created on first use. */
  async secret(db: Executor, tenantId: string, name: string, now: number): Promise<string> {
    await db
      .insertInto("tenant_secrets")
      .values({ tenant_id: tenantId, name, secret: randomBytes(32).toString("base64url"), created_at: now })
      .onConflict((oc) => oc.columns(["tenant_id", "name"]).doNothing())
      .execute();
    const row = await db
      .selectFrom("tenant_secrets")
      .select("secret")
      .where("tenant_id", "=", tenantId)
      .where("name", "=", name)
      .executeTakeFirstOrThrow();
    return row.secret;
  },

  /** Inserts a message unless its idempotency key exists; answers the stored row either way. */
  async insertMessage(db: Executor, row: MessagesTable): Promise<{ row: MessagesTable; created: boolean }> {
    const result = await db
      .insertInto("messages")
      .values(row)
      .onConflict((oc) => oc.columns(["tenant_id", "idempotency_key"]).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) return { row, created: true };
    const existing = await db
      .selectFrom("messages")
      .selectAll()
      .where("tenant_id", "=", row.tenant_id)
      .where("idempotency_key", "=", row.idempotency_key)
      .executeTakeFirstOrThrow();
    return { row: existing, created: false };
  },

  findMessage: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("messages")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  async updateMessage(db: Executor, tenantId: string, id: string, values: Partial<MessagesTable>) {
    await db
      .updateTable("messages")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async listMessages(
    db: Executor,
    tenantId: string,
    filter: {
      recipient?: string;
      sessionId?: string;
      status?: string;
      event?: string;
      entityId?: string;
      after?: string;
      limit: number;
    },
  ): Promise<MessagesTable[]> {
    let query = db.selectFrom("messages").selectAll().where("tenant_id", "=", tenantId);
    if (filter.recipient) query = query.where("recipient", "=", filter.recipient);
    if (filter.sessionId) query = query.where("session_id", "=", filter.sessionId);
    if (filter.status) query = query.where("status", "=", filter.status);
    if (filter.event) query = query.where("event", "=", filter.event);
    if (filter.entityId)
      query = query.where((eb) =>
        eb.or([eb("entity_id", "=", filter.entityId!), eb("recipient_id", "=", filter.entityId!)]),
      );
    if (filter.after) query = query.where("id", ">", filter.after);
    return query.orderBy("id").limit(filter.limit).execute();
  },

  /** Queued email messages across tenants (the outbox), oldest first. */
  queuedMessages: (db: Executor, limit: number) =>
    db
      .selectFrom("messages")
      .select(["tenant_id", "id"])
      .where("status", "=", "queued")
      .where("channel", "=", "email")
      .orderBy("id")
      .limit(limit)
      .execute(),

  findTemplate: (db: Executor, tenantId: string, event: string, language: string) =>
    db
      .selectFrom("message_templates")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("event", "=", event)
      .where("language", "=", language)
      .executeTakeFirst(),

  listTemplates: (db: Executor, tenantId: string) =>
    db
      .selectFrom("message_templates")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy("event")
      .orderBy("language")
      .execute(),

  async upsertTemplate(db: Executor, row: MessageTemplatesTable) {
    await db
      .insertInto("message_templates")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["tenant_id", "event", "language"]).doUpdateSet({
          subject: row.subject,
          text_body: row.text_body,
          html_body: row.html_body,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  },

  async deleteTemplate(db: Executor, tenantId: string, event: string, language: string): Promise<boolean> {
    const result = await db
      .deleteFrom("message_templates")
      .where("tenant_id", "=", tenantId)
      .where("event", "=", event)
      .where("language", "=", language)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
