import { type SqlBool, sql } from "kysely";
import type { Dialect, Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type {
  SessionEquipmentTable,
  SessionEventsTable,
  SessionInstructorsTable,
  SessionSegmentsTable,
  SessionsTable,
} from "../db/schema.js";
import { MAX_BUSY_SPAN_MS } from "./bookings.repository.js";
import type { SessionQuery } from "./sessions.schemas.js";

export interface SessionRecord {
  session: SessionsTable;
  segments: SessionSegmentsTable[];
  instructors: SessionInstructorsTable[];
  equipment: SessionEquipmentTable[];
  courseTitle: string;
}

/** Whether an instructor is assigned to the session whose columns are `sessions` (or its alias). */
const teaches = (instructorId: string, sessions: "sessions" | "s") =>
  sql<SqlBool>`exists (select 1 from session_instructors si where si.tenant_id = ${sql.ref(`${sessions}.tenant_id`)} and si.session_id = ${sql.ref(`${sessions}.id`)} and si.instructor_id = ${instructorId})`;

export const sessionRepository = {
  find: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("sessions")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  /** Sessions with their segments, assignments and equipment, in the order of `sessions`. */
  async loadRecords(db: Executor, tenantId: string, sessions: SessionsTable[]): Promise<SessionRecord[]> {
    if (sessions.length === 0) return [];
    const sessionIds = [...new Set(sessions.map((s) => s.id))];
    const [segments, instructors, equipment, courses] = await Promise.all([
      db
        .selectFrom("session_segments")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("session_id", "in", sessionIds)
        .orderBy("session_id")
        .orderBy("position")
        .execute(),
      db
        .selectFrom("session_instructors")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("session_id", "in", sessionIds)
        .orderBy("id")
        .execute(),
      db
        .selectFrom("session_equipment")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("session_id", "in", sessionIds)
        .orderBy("id")
        .execute(),
      db
        .selectFrom("courses")
        .select(["id", "title"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", [...new Set(sessions.map((s) => s.course_id))])
        .execute(),
    ]);
    const titles = new Map(courses.map((course) => [course.id, course.title]));
    return sessions.map((session) => ({
      session,
      segments: segments.filter((row) => row.session_id === session.id),
      instructors: instructors.filter((row) => row.session_id === session.id),
      equipment: equipment.filter((row) => row.session_id === session.id),
      courseTitle: titles.get(session.course_id) ?? "",
    }));
  },

  async list(db: Executor, tenantId: string, query: SessionQuery & { afterId?: string }) {
    let select = db.selectFrom("sessions").selectAll().where("tenant_id", "=", tenantId);
    if (query.from) select = select.where("ends_at", ">", Date.parse(query.from));
    if (query.to) select = select.where("starts_at", "<", Date.parse(query.to));
    if (query.status) select = select.where("status", "=", query.status);
    if (query.courseId) select = select.where("course_id", "=", query.courseId);
    if (query.locationId) select = select.where("location_id", "=", query.locationId);
    if (query.clientId) select = select.where("client_id", "=", query.clientId);
    if (query.seriesId) select = select.where("series_id", "=", query.seriesId);
    if (query.instructorId) select = select.where(teaches(query.instructorId, "sessions"));
    if (query.roomId) {
      const roomId = query.roomId;
      select = select.where((eb) =>
        eb.exists(
          eb
            .selectFrom("session_segments as sg")
            .select("sg.id")
            .whereRef("sg.tenant_id", "=", "sessions.tenant_id")
            .whereRef("sg.session_id", "=", "sessions.id")
            .where("sg.room_id", "=", roomId),
        ),
      );
    }
    if (query.afterId) select = select.where("id", ">", query.afterId);
    return select
      .orderBy("id")
      .limit(query.limit + 1)
      .execute();
  },

  async insert(db: Executor, dialect: Dialect, record: Omit<SessionRecord, "courseTitle">) {
    await entityStore.insertMany(db, dialect, "sessions", [record.session]);
    await sessionRepository.replaceChildren(db, dialect, record.session.tenant_id, record.session.id, record);
  },

  async update(db: Executor, tenantId: string, id: string, values: Partial<SessionsTable>) {
    await db
      .updateTable("sessions")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  /** Replaces segments, assignments and equipment lines (their bookings go with them). */
  async replaceChildren(
    db: Executor,
    dialect: Dialect,
    tenantId: string,
    sessionId: string,
    children: Pick<SessionRecord, "segments" | "instructors" | "equipment">,
  ) {
    await db
      .deleteFrom("bookings")
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .execute();
    for (const table of ["session_instructors", "session_equipment", "session_segments"] as const) {
      await db
        .deleteFrom(table)
        .where("tenant_id", "=", tenantId)
        .where("session_id", "=", sessionId)
        .execute();
    }
    await entityStore.insertMany(db, dialect, "session_segments", children.segments);
    await entityStore.insertMany(db, dialect, "session_instructors", children.instructors);
    await entityStore.insertMany(db, dialect, "session_equipment", children.equipment);
  },

  async updateAssignment(
    db: Executor,
    tenantId: string,
    id: string,
    values: Partial<SessionInstructorsTable>,
  ) {
    await db
      .updateTable("session_instructors")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async remove(db: Executor, tenantId: string, id: string) {
    await db.deleteFrom("sessions").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
  },

  async insertEvent(db: Executor, row: SessionEventsTable) {
    await db.insertInto("session_events").values(row).execute();
  },

  listEvents: (db: Executor, tenantId: string, sessionId: string) =>
    db
      .selectFrom("session_events")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .orderBy("id")
      .execute(),

  /** Segments in [from, to) with their session, for calendar views. */
  calendarSegments(
    db: Executor,
    tenantId: string,
    filter: {
      from: number;
      to: number;
      instructorId?: string;
      roomId?: string;
      locationId?: string;
      clientId?: string;
    },
  ) {
    let query = db
      .selectFrom("session_segments as sg")
      .innerJoin("sessions as s", (join) =>
        join.onRef("s.tenant_id", "=", "sg.tenant_id").onRef("s.id", "=", "sg.session_id"),
      )
      .innerJoin("courses as c", (join) =>
        join.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"),
      )
      .select([
        "sg.id as segment_id",
        "sg.position",
        "sg.start_local",
        "sg.end_local",
        "sg.starts_at",
        "sg.ends_at",
        "sg.room_id",
        "s.id as session_id",
        "s.status",
        "s.format",
        "s.time_zone",
        "s.location_id",
        "s.client_id",
        "s.course_id",
        "s.title",
        "c.code as course_code",
        "c.title as course_title",
      ])
      .where("sg.tenant_id", "=", tenantId)
      .where("sg.starts_at", "<", filter.to)
      .where("sg.starts_at", ">", filter.from - MAX_BUSY_SPAN_MS)
      .where("sg.ends_at", ">", filter.from);
    if (filter.roomId) query = query.where("sg.room_id", "=", filter.roomId);
    if (filter.locationId) query = query.where("s.location_id", "=", filter.locationId);
    if (filter.clientId) query = query.where("s.client_id", "=", filter.clientId);
    if (filter.instructorId) query = query.where(teaches(filter.instructorId, "s"));
    return query.orderBy("sg.starts_at").orderBy("sg.id").execute();
  },

  /** Assignments of the given sessions, for calendar views. */
  assignmentsOf: (db: Executor, tenantId: string, sessionIds: string[]) =>
    sessionIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("session_instructors")
          .select(["session_id", "instructor_id", "role", "status", "segment_ids_json"])
          .where("tenant_id", "=", tenantId)
          .where("session_id", "in", [...new Set(sessionIds)])
          .execute(),
};
