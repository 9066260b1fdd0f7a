import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import type { CalendarFeedsTable } from "../db/schema.js";
import { BOOKING_HOLDING } from "../enrollments/enrollments.repository.js";

export type FeedKind = "instructor" | "learner" | "room" | "location";

export const feedRepository = {
  insert: (db: Executor, row: CalendarFeedsTable) => db.insertInto("calendar_feeds").values(row).execute(),

  byTokenHash: (db: Executor, hash: string) =>
    db.selectFrom("calendar_feeds").selectAll().where("token_hash", "=", hash).executeTakeFirst(),

  find: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("calendar_feeds")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  list: (db: Executor, tenantId: string, filter: { kind?: string; subjectId?: string }) => {
    let query = db.selectFrom("calendar_feeds").selectAll().where("tenant_id", "=", tenantId);
    if (filter.kind) query = query.where("kind", "=", filter.kind);
    if (filter.subjectId) query = query.where("subject_id", "=", filter.subjectId);
    return query.orderBy("id").execute();
  },

  async revoke(db: Executor, tenantId: string, id: string, now: number) {
    await db
      .updateTable("calendar_feeds")
      .set({ revoked_at: now })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .execute();
  },

  /** Whether the subject of a feed exists in the tenant. */
  async subjectExists(db: Executor, tenantId: string, kind: FeedKind, id: string): Promise<boolean> {
    const table = (
      { instructor: "instructors", learner: "learners", room: "rooms", location: "locations" } as const
    )[kind];
    const row = await db
      .selectFrom(table)
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Ids of the sessions a feed shows: ending after `from`, by start. */
  async sessionIds(
    db: Executor,
    tenantId: string,
    kind: FeedKind,
    subjectId: string,
    from: number,
  ): Promise<string[]> {
    if (kind === "learner") {
      const result = await sql<{ id: string }>`
        select s.id from sessions s join enrollments e on e.tenant_id = s.tenant_id and e.session_id = s.id
        where s.tenant_id = ${tenantId} and e.learner_id = ${subjectId} and s.ends_at >= ${from}
          and e.status in (${sql.join([...BOOKING_HOLDING])})
        order by s.starts_at limit 2000`.execute(db);
      return result.rows.map((row) => row.id);
    }
    let query = db
      .selectFrom("sessions as s")
      .select("s.id")
      .where("s.tenant_id", "=", tenantId)
      .where("s.ends_at", ">=", from)
      .where("s.status", "!=", "draft");
    if (kind === "location") query = query.where("s.location_id", "=", subjectId);
    if (kind === "instructor") {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom("session_instructors as si")
            .select("si.id")
            .whereRef("si.tenant_id", "=", "s.tenant_id")
            .whereRef("si.session_id", "=", "s.id")
            .where("si.instructor_id", "=", subjectId)
            .where("si.status", "in", ["requested", "accepted"]),
        ),
      );
    }
    if (kind === "room") {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom("session_segments as g")
            .select("g.id")
            .whereRef("g.tenant_id", "=", "s.tenant_id")
            .whereRef("g.session_id", "=", "s.id")
            .where("g.room_id", "=", subjectId),
        ),
      );
    }
    const rows = await query.orderBy("s.starts_at").limit(2000).execute();
    return rows.map((row) => row.id);
  },
};
