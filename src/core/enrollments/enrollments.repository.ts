import { sql } from "kysely";
import type { Dialect, Executor } from "../db/database.js";
import type {
  ClientSeatQuotasTable,
  EnrollmentEventsTable,
  EnrollmentPoliciesTable,
  EnrollmentsTable,
} from "../db/schema.js";

/** Statuses that occupy a seat of the session. */
export const SEAT_HOLDING = ["enrolled", "offered", "attended", "no_show", "completed", "failed"] as const;
/** Statuses in which the learner sits in the session (learner bookings, double-booking checks). */
export const BOOKING_HOLDING = ["enrolled", "attended", "no_show", "completed", "failed"] as const;
/** One live registration per learner and session. */
export const ACTIVE = ["pending_approval", "enrolled", "waitlisted", "offered"] as const;

export interface SessionForEnrollment {
  id: string;
  course_id: string;
  title: string | null;
  course_title: string;
  time_zone: string;
  status: string;
  visibility: string;
  /** The client a private session is for. */
  client_id: string | null;
  min_seats: number;
  max_seats: number;
  price_minor: number | null;
  currency: string;
  starts_at: number;
  ends_at: number;
  location_id: string | null;
}

export const enrollmentRepository = {
  /** Learners named by id or by normalised e-mail (an import file), optionally of one client only. */
  learnersByIdOrEmail(
    db: Executor,
    tenantId: string,
    ids: readonly string[],
    emails: readonly string[],
    clientId?: string,
  ) {
    let query = db
      .selectFrom("learners")
      .select(["id", "email_normalized"])
      .where("tenant_id", "=", tenantId);
    if (clientId) query = query.where("client_id", "=", clientId);
    return query
      .where((eb) =>
        eb.or([
          ...(ids.length > 0 ? [eb("id", "in", [...ids])] : []),
          ...(emails.length > 0 ? [eb("email_normalized", "in", [...emails])] : []),
        ]),
      )
      .execute();
  },

  /** The session's seat offers that expired at or before `now`, oldest expiry first. */
  expiredOffersOfSession: (db: Executor, tenantId: string, sessionId: string, now: number) =>
    db
      .selectFrom("enrollments")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("status", "=", "offered")
      .where("offer_expires_at", "<=", now)
      .orderBy("offer_expires_at")
      .execute(),

  /** A seated enrollment of the session whose learner has this (normalised) e-mail. */
  findSeatedByEmail: (db: Executor, tenantId: string, sessionId: string, emailNormalized: string) =>
    db
      .selectFrom("enrollments as e")
      .innerJoin("learners as l", (j) =>
        j.onRef("l.tenant_id", "=", "e.tenant_id").onRef("l.id", "=", "e.learner_id"),
      )
      .selectAll("e")
      .where("e.tenant_id", "=", tenantId)
      .where("e.session_id", "=", sessionId)
      .where("l.email_normalized", "=", emailNormalized)
      .where("e.status", "in", BOOKING_HOLDING)
      .executeTakeFirst(),

  /** The session's enrollments in some statuses, in creation order. */
  listInStatuses: (db: Executor, tenantId: string, sessionId: string, statuses: readonly string[]) =>
    db
      .selectFrom("enrollments")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("status", "in", [...statuses])
      .orderBy("id")
      .execute(),

  /** Live sessions starting in (from, to] with seats taken, waitlist length and pending approvals. */
  seatCountsBetween: (db: Executor, tenantId: string, from: number, to: number) => {
    const count = (statuses: readonly string[]) =>
      sql<number>`(select count(*) from enrollments e where e.tenant_id = s.tenant_id and e.session_id = s.id and e.status in (${sql.join(statuses)}))`;
    return db
      .selectFrom("sessions as s")
      .innerJoin("courses as c", (join) =>
        join.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"),
      )
      .select([
        "s.id",
        "s.course_id",
        "s.title",
        "c.title as course_title",
        "c.code",
        "s.status",
        "s.starts_at",
        "s.time_zone",
        "s.min_seats",
        "s.max_seats",
        count(SEAT_HOLDING).as("seated"),
        count(["waitlisted"]).as("waitlisted"),
        count(["pending_approval"]).as("pending_approval"),
      ])
      .where("s.tenant_id", "=", tenantId)
      .where("s.status", "in", ["draft", "planned", "confirmed"])
      .where("s.starts_at", ">", from)
      .where("s.starts_at", "<=", to)
      .orderBy("s.starts_at")
      .orderBy("s.id")
      .execute();
  },

  /**
   * Serialises enrollment writes on one session. SQLite: the transaction already holds the single
   * write lock (BEGIN IMMEDIATE). PostgreSQL: a row lock on the session.
   */
  async lockSession(db: Executor, dialect: Dialect, tenantId: string, sessionId: string) {
    if (dialect !== "postgres") return;
    await db
      .selectFrom("sessions")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", sessionId)
      .forUpdate()
      .execute();
  },

  findSession(db: Executor, tenantId: string, sessionId: string): Promise<SessionForEnrollment | undefined> {
    return db
      .selectFrom("sessions as s")
      .innerJoin("courses as c", (join) =>
        join.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"),
      )
      .select([
        "s.id",
        "s.course_id",
        "s.title",
        "c.title as course_title",
        "s.time_zone",
        "s.status",
        "s.visibility",
        "s.client_id",
        "s.min_seats",
        "s.max_seats",
        "s.price_minor",
        "s.currency",
        "s.starts_at",
        "s.ends_at",
        "s.location_id",
      ])
      .where("s.tenant_id", "=", tenantId)
      .where("s.id", "=", sessionId)
      .executeTakeFirst();
  },

  segmentsOf(db: Executor, tenantId: string, sessionId: string) {
    return db
      .selectFrom("session_segments")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .orderBy("position")
      .execute();
  },

  find(db: Executor, tenantId: string, id: string) {
    return db
      .selectFrom("enrollments")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
  },

  findActive(db: Executor, tenantId: string, sessionId: string, learnerId: string) {
    return db
      .selectFrom("enrollments")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("learner_id", "=", learnerId)
      .where("status", "in", ACTIVE)
      .executeTakeFirst();
  },

  /** Seats taken on a session, in total and per client. */
  async seatsTaken(db: Executor, tenantId: string, sessionId: string) {
    const rows = await db
      .selectFrom("enrollments")
      .select(["client_id", sql<number>`count(*)`.as("count")])
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("status", "in", SEAT_HOLDING)
      .groupBy("client_id")
      .execute();
    const byClient = new Map<string | null, number>();
    let total = 0;
    for (const row of rows) {
      byClient.set(row.client_id, Number(row.count));
      total += Number(row.count);
    }
    return { total, byClient };
  },

  quotasOf(db: Executor, tenantId: string, sessionId: string): Promise<ClientSeatQuotasTable[]> {
    return db
      .selectFrom("client_seat_quotas")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .execute();
  },

  async replaceQuotas(db: Executor, tenantId: string, sessionId: string, rows: ClientSeatQuotasTable[]) {
    await db
      .deleteFrom("client_seat_quotas")
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .execute();
    if (rows.length > 0) await db.insertInto("client_seat_quotas").values(rows).execute();
  },

  async lastWaitlistPosition(db: Executor, tenantId: string, sessionId: string): Promise<number> {
    const row = await db
      .selectFrom("enrollments")
      .select(sql<number | null>`max(waitlist_position)`.as("last"))
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .executeTakeFirst();
    return Number(row?.last ?? 0);
  },

  /** The waitlist in order. */
  waitlist(db: Executor, tenantId: string, sessionId: string) {
    return db
      .selectFrom("enrollments")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("status", "=", "waitlisted")
      .orderBy("waitlist_position")
      .execute();
  },

  /**
   * Shifts waitlist positions in [from, to] (to the end without `to`) by delta (±1). Two statements so the unique
   * (session, position) index never sees two rows on one position in between: first the range is
   * parked on negative numbers, then moved to its place.
   */
  async shiftWaitlist(
    db: Executor,
    tenantId: string,
    sessionId: string,
    range: { from: number; to?: number },
    delta: 1 | -1,
  ) {
    const base = db
      .updateTable("enrollments")
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId);
    let park = base
      .set({ waitlist_position: sql`-waitlist_position` })
      .where("waitlist_position", ">=", range.from);
    if (range.to !== undefined) park = park.where("waitlist_position", "<=", range.to);
    await park.execute();
    await base
      .set({ waitlist_position: sql`-waitlist_position + ${delta}` })
      .where("waitlist_position", "<", 0)
      .execute();
  },

  insert: (db: Executor, row: EnrollmentsTable) => db.insertInto("enrollments").values(row).execute(),

  async update(db: Executor, tenantId: string, id: string, values: Partial<EnrollmentsTable>) {
    await db
      .updateTable("enrollments")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  insertEvent: (db: Executor, row: EnrollmentEventsTable) =>
    db.insertInto("enrollment_events").values(row).execute(),

  events(db: Executor, tenantId: string, enrollmentId: string) {
    return db
      .selectFrom("enrollment_events")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("enrollment_id", "=", enrollmentId)
      .orderBy("id")
      .execute();
  },

  /** Active learners of a session with learner bookings (for reschedules). */
  async seatedLearnerIds(db: Executor, tenantId: string, sessionId: string): Promise<string[]> {
    const rows = await db
      .selectFrom("enrollments")
      .select("learner_id")
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("status", "in", BOOKING_HOLDING)
      .execute();
    return rows.map((row) => row.learner_id);
  },

  /** Learners a change of the session touches: every live or seated registration. */
  async affectedLearnerIds(db: Executor, tenantId: string, sessionId: string): Promise<string[]> {
    const rows = await db
      .selectFrom("enrollments")
      .select("learner_id")
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("status", "in", [...ACTIVE, ...BOOKING_HOLDING])
      .orderBy("id")
      .execute();
    return [...new Set(rows.map((row) => row.learner_id))];
  },

  list(
    db: Executor,
    tenantId: string,
    filter: {
      sessionId?: string;
      learnerId?: string;
      clientId?: string;
      status?: string;
      afterId?: string;
      limit: number;
    },
  ) {
    let query = db
      .selectFrom("enrollments as e")
      .innerJoin("learners as l", (join) =>
        join.onRef("l.tenant_id", "=", "e.tenant_id").onRef("l.id", "=", "e.learner_id"),
      )
      .selectAll("e")
      .select("l.name as learner_name")
      .where("e.tenant_id", "=", tenantId);
    if (filter.sessionId) query = query.where("e.session_id", "=", filter.sessionId);
    if (filter.learnerId) query = query.where("e.learner_id", "=", filter.learnerId);
    if (filter.clientId) query = query.where("e.client_id", "=", filter.clientId);
    if (filter.status) query = query.where("e.status", "=", filter.status);
    if (filter.afterId) query = query.where("e.id", ">", filter.afterId);
    return query.orderBy("e.id").limit(filter.limit).execute();
  },

  /** Every enrollment of a session with the learner's name, seats first, then the waitlist in order. */
  forSession(db: Executor, tenantId: string, sessionId: string) {
    return db
      .selectFrom("enrollments as e")
      .innerJoin("learners as l", (join) =>
        join.onRef("l.tenant_id", "=", "e.tenant_id").onRef("l.id", "=", "e.learner_id"),
      )
      .selectAll("e")
      .select(["l.name as learner_name", "l.email as learner_email"])
      .where("e.tenant_id", "=", tenantId)
      .where("e.session_id", "=", sessionId)
      .orderBy(sql`case when e.waitlist_position is null then 0 else 1 end`)
      .orderBy("e.waitlist_position")
      .orderBy("e.id")
      .execute();
  },

  policiesFor(db: Executor, tenantId: string, courseId: string, sessionId: string) {
    return db
      .selectFrom("enrollment_policies")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where((eb) =>
        eb.or([
          eb.and([eb("scope_type", "=", "course"), eb("scope_id", "=", courseId)]),
          eb.and([eb("scope_type", "=", "session"), eb("scope_id", "=", sessionId)]),
        ]),
      )
      .execute();
  },

  findPolicy(db: Executor, tenantId: string, scopeType: string, scopeId: string) {
    return db
      .selectFrom("enrollment_policies")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("scope_type", "=", scopeType)
      .where("scope_id", "=", scopeId)
      .executeTakeFirst();
  },

  async upsertPolicy(db: Executor, row: EnrollmentPoliciesTable) {
    await db
      .deleteFrom("enrollment_policies")
      .where("tenant_id", "=", row.tenant_id)
      .where("scope_type", "=", row.scope_type)
      .where("scope_id", "=", row.scope_id)
      .execute();
    await db.insertInto("enrollment_policies").values(row).execute();
  },

  /** Offers past their expiry, across tenants (the job), or of one session. */
  expiredOffers(db: Executor, now: number, scope?: { tenantId: string; sessionId: string }) {
    let query = db
      .selectFrom("enrollments")
      .select(["tenant_id", "session_id"])
      .where("status", "=", "offered")
      .where("offer_expires_at", "<=", now);
    if (scope)
      query = query.where("tenant_id", "=", scope.tenantId).where("session_id", "=", scope.sessionId);
    return query.groupBy(["tenant_id", "session_id"]).execute();
  },
};
