import type { Executor } from "../db/database.js";
import type { AttendanceTable, SessionCheckInCodesTable } from "../db/schema.js";

export const attendanceRepository = {
  enrollmentsOf(db: Executor, tenantId: string, sessionId: string, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom("enrollments")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("id", "in", ids)
      .execute();
  },

  async upsert(db: Executor, row: AttendanceTable) {
    await db
      .insertInto("attendance")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["tenant_id", "enrollment_id", "segment_id"]).doUpdateSet({
          status: row.status,
          method: row.method,
          recorded_at: row.recorded_at,
          recorded_by: row.recorded_by,
        }),
      )
      .execute();
  },

  forSession(db: Executor, tenantId: string, sessionId: string) {
    return db
      .selectFrom("attendance")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .execute();
  },

  findCode(db: Executor, tenantId: string, sessionId: string) {
    return db
      .selectFrom("session_check_in_codes")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .executeTakeFirst();
  },

  /** The public check-in: the code alone finds the session (codes are unique and unguessable). */
  findByCode(db: Executor, code: string) {
    return db.selectFrom("session_check_in_codes").selectAll().where("code", "=", code).executeTakeFirst();
  },

  insertCode: (db: Executor, row: SessionCheckInCodesTable) =>
    db.insertInto("session_check_in_codes").values(row).execute(),
};
