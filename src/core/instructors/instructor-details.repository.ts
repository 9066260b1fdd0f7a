import { cachedQuery } from "../db/compiled-query.js";
import type { Executor } from "../db/database.js";
import type {
  InstructorAvailabilityTable,
  InstructorQualificationsTable,
  InstructorTimeOffTable,
} from "../db/schema.js";

type Detail = "instructor_qualifications" | "instructor_availability" | "instructor_time_off";

// The conflict check reads these for every proposal: compiled once per shape, and only the
// columns the engine reads (building row objects dominates these small indexed reads).
const availabilityOf = cachedQuery((db: Executor, tenantId: string, ids: string[]) =>
  db
    .selectFrom("instructor_availability")
    .select(["instructor_id", "weekday", "start_time", "end_time", "valid_from", "valid_until"])
    .where("tenant_id", "=", tenantId)
    .where("instructor_id", "in", ids),
);
const qualificationsOf = cachedQuery((db: Executor, tenantId: string, ids: string[]) =>
  db
    .selectFrom("instructor_qualifications")
    .select(["instructor_id", "course_id", "skill", "valid_from", "valid_until"])
    .where("tenant_id", "=", tenantId)
    .where("instructor_id", "in", ids),
);
const timeOffOf = cachedQuery((db: Executor, tenantId: string, ids: string[], from: number, to: number) =>
  db
    .selectFrom("instructor_time_off")
    .select(["instructor_id", "starts_at", "ends_at", "reason"])
    .where("tenant_id", "=", tenantId)
    .where("instructor_id", "in", ids)
    .where("ends_at", ">", from)
    .where("starts_at", "<", to),
);

/** SQL for what hangs off one instructor: qualifications, weekly availability, time off. */
export const instructorDetailsRepository = {
  listQualifications: (db: Executor, tenantId: string, instructorId: string) =>
    db
      .selectFrom("instructor_qualifications")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("instructor_id", "=", instructorId)
      .orderBy("id")
      .execute(),

  listAvailability: (db: Executor, tenantId: string, instructorId: string) =>
    db
      .selectFrom("instructor_availability")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("instructor_id", "=", instructorId)
      .orderBy("weekday")
      .orderBy("start_time")
      .execute(),

  listTimeOff: (
    db: Executor,
    tenantId: string,
    instructorId: string,
    range: { from?: number; to?: number },
  ) => {
    let query = db
      .selectFrom("instructor_time_off")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("instructor_id", "=", instructorId);
    if (range.from !== undefined) query = query.where("ends_at", ">", range.from);
    if (range.to !== undefined) query = query.where("starts_at", "<", range.to);
    return query.orderBy("starts_at").execute();
  },

  /** Availability, qualifications and time off (overlapping a window) of many instructors at once. */
  async detailsOf(
    db: Executor,
    tenantId: string,
    instructorIds: string[],
    window: { from: number; to: number },
  ) {
    if (instructorIds.length === 0) return { availability: [], qualifications: [], timeOff: [] };
    const ids = [...new Set(instructorIds)];
    const [availability, qualifications, timeOff] = await Promise.all([
      availabilityOf(db, tenantId, ids),
      qualificationsOf(db, tenantId, ids),
      timeOffOf(db, tenantId, ids, window.from, window.to),
    ]);
    return { availability, qualifications, timeOff };
  },

  find: <T extends Detail>(db: Executor, table: T, tenantId: string, instructorId: string, id: string) =>
    db
      .selectFrom(table as Detail)
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("instructor_id", "=", instructorId)
      .where("id", "=", id)
      .executeTakeFirst() as Promise<
      | (T extends "instructor_qualifications"
          ? InstructorQualificationsTable
          : T extends "instructor_availability"
            ? InstructorAvailabilityTable
            : InstructorTimeOffTable)
      | undefined
    >,

  async insertQualifications(db: Executor, rows: InstructorQualificationsTable[]) {
    if (rows.length > 0) await db.insertInto("instructor_qualifications").values(rows).execute();
  },

  async updateQualification(
    db: Executor,
    tenantId: string,
    id: string,
    values: Partial<InstructorQualificationsTable>,
  ) {
    await db
      .updateTable("instructor_qualifications")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async replaceAvailability(
    db: Executor,
    tenantId: string,
    instructorId: string,
    rows: InstructorAvailabilityTable[],
  ) {
    await db
      .deleteFrom("instructor_availability")
      .where("tenant_id", "=", tenantId)
      .where("instructor_id", "=", instructorId)
      .execute();
    if (rows.length > 0) await db.insertInto("instructor_availability").values(rows).execute();
  },

  async insertTimeOff(db: Executor, row: InstructorTimeOffTable) {
    await db.insertInto("instructor_time_off").values(row).execute();
  },

  async updateTimeOff(db: Executor, tenantId: string, id: string, values: Partial<InstructorTimeOffTable>) {
    await db
      .updateTable("instructor_time_off")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async remove(db: Executor, table: Detail, tenantId: string, id: string) {
    await db.deleteFrom(table).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
  },
};
