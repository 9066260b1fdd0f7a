import { sql } from "kysely";
import { cachedQuery } from "../db/compiled-query.js";
import type { Dialect, Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type { BookingsTable } from "../db/schema.js";
import type { ExistingBooking, ResourceType } from "./engine/types.js";

/**
 * No booking is longer than this (a segment lasts at most 24 h, a room adds at most 24 h of
 * setup and of teardown). It bounds overlap lookups on the (resource, busy_from) index:
 * busy_from > from - MAX_BUSY_SPAN_MS lets the index skip everything older.
 */
export const MAX_BUSY_SPAN_MS = 3 * 24 * 3600_000;

const lockTables = {
  instructor: "instructors",
  room: "rooms",
  equipment: "equipment",
  learner: "learners",
} as const;

// The conflict check's two booking reads, compiled once per shape (see cachedQuery).
const overlappingQuery = cachedQuery(
  (
    db: Executor,
    tenantId: string,
    resourceIds: string[],
    from: number,
    to: number,
    startsAfter: number,
    excludeSessionId: string | null,
  ) => {
    const query = db
      .selectFrom("bookings as b")
      .innerJoin("sessions as s", (join) =>
        join.onRef("s.tenant_id", "=", "b.tenant_id").onRef("s.id", "=", "b.session_id"),
      )
      .innerJoin("courses as c", (join) =>
        join.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"),
      )
      .leftJoin("locations as l", (join) =>
        join.onRef("l.tenant_id", "=", "b.tenant_id").onRef("l.id", "=", "b.location_id"),
      )
      .select([
        "l.name as location_name",
        "b.resource_type",
        "b.resource_id",
        "b.session_id",
        "b.segment_id",
        "b.starts_at",
        "b.ends_at",
        "b.busy_from",
        "b.busy_to",
        "b.quantity",
        "b.location_id",
        "s.time_zone",
        "s.title",
        "c.code",
        "c.title as course_title",
      ])
      .where("b.tenant_id", "=", tenantId)
      .where("b.resource_id", "in", resourceIds)
      .where("b.busy_from", "<", to)
      .where("b.busy_from", ">", startsAfter)
      .where("b.busy_to", ">", from)
      .orderBy("b.busy_from");
    return excludeSessionId ? query.where("b.session_id", "<>", excludeSessionId) : query;
  },
);

const busySpansQuery = cachedQuery(
  (
    db: Executor,
    tenantId: string,
    resourceIds: string[],
    from: number,
    to: number,
    startsAfter: number,
    excludeSessionId: string | null,
  ) => {
    const query = db
      .selectFrom("bookings")
      .select(["resource_id", "busy_from", "busy_to", "session_id"])
      .where("tenant_id", "=", tenantId)
      .where("resource_id", "in", resourceIds)
      .where("busy_from", "<", to)
      .where("busy_from", ">", startsAfter)
      .where("busy_to", ">", from);
    return excludeSessionId ? query.where("session_id", "<>", excludeSessionId) : query;
  },
);

export const bookingRepository = {
  /**
   * Serialises writers that touch the same resources. PostgreSQL: row locks taken in one fixed
   * order (by type, then id) so two writers cannot deadlock. SQLite has a single writer already
   * (BEGIN IMMEDIATE), so there is nothing to take.
   */
  async lockResources(
    db: Executor,
    dialect: Dialect,
    tenantId: string,
    resources: Record<ResourceType, string[]>,
  ) {
    if (dialect !== "postgres") return;
    for (const type of ["instructor", "room", "equipment", "learner"] as const) {
      const ids = [...new Set(resources[type])].sort();
      if (ids.length === 0) continue;
      await db
        .selectFrom(lockTables[type])
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .orderBy("id")
        .forUpdate()
        .execute();
    }
  },

  /** Bookings of these resources overlapping [from, to), other than `excludeSessionId`'s, with what a message needs. */
  async findOverlapping(
    db: Executor,
    tenantId: string,
    resourceIds: string[],
    window: { from: number; to: number },
    excludeSessionId: string | null,
  ): Promise<(ExistingBooking & { locationName: string | null })[]> {
    if (resourceIds.length === 0) return [];
    const rows = await overlappingQuery(
      db,
      tenantId,
      [...new Set(resourceIds)],
      window.from,
      window.to,
      window.from - MAX_BUSY_SPAN_MS,
      excludeSessionId,
    );
    return rows.map((row) => ({
      resourceType: row.resource_type as ResourceType,
      resourceId: row.resource_id,
      sessionId: row.session_id,
      segmentId: row.segment_id,
      start: row.starts_at,
      end: row.ends_at,
      busyFrom: row.busy_from,
      busyTo: row.busy_to,
      quantity: row.quantity,
      locationId: row.location_id,
      sessionLabel: `${row.code} ${row.title ?? row.course_title}`,
      timeZone: row.time_zone,
      locationName: row.location_name,
    }));
  },

  /**
   * Only the busy spans of these resources overlapping [from, to), other than
   * `excludeSessionId`'s: what counting teaching days needs, read from the covering index alone.
   */
  async findBusySpans(
    db: Executor,
    tenantId: string,
    resourceIds: string[],
    window: { from: number; to: number },
    excludeSessionId: string | null,
  ): Promise<{ resource_id: string; busy_from: number; busy_to: number; session_id: string }[]> {
    if (resourceIds.length === 0) return [];
    return busySpansQuery(
      db,
      tenantId,
      [...new Set(resourceIds)],
      window.from,
      window.to,
      window.from - MAX_BUSY_SPAN_MS,
      excludeSessionId,
    );
  },

  /** One resource's bookings in one session (a learner leaving it). */
  async deleteForResource(
    db: Executor,
    tenantId: string,
    sessionId: string,
    resourceType: ResourceType,
    resourceId: string,
  ) {
    await db
      .deleteFrom("bookings")
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("resource_type", "=", resourceType)
      .where("resource_id", "=", resourceId)
      .execute();
  },

  async deleteForSession(db: Executor, tenantId: string, sessionId: string) {
    await db
      .deleteFrom("bookings")
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .execute();
  },

  insertMany: (db: Executor, dialect: Dialect, rows: BookingsTable[]) =>
    entityStore.insertMany(db, dialect, "bookings", rows),

  /** Raw overlap count, the baseline the scheduling benchmark compares against. */
  async countOverlapping(db: Executor, tenantId: string, resourceId: string, from: number, to: number) {
    const row = await db
      .selectFrom("bookings")
      .select(sql<number>`count(*)`.as("count"))
      .where("tenant_id", "=", tenantId)
      .where("resource_id", "=", resourceId)
      .where("busy_from", "<", to)
      .where("busy_from", ">", from - MAX_BUSY_SPAN_MS)
      .where("busy_to", ">", from)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },
};
