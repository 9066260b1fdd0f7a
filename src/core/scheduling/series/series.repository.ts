import type { Executor } from "../../db/database.js";
import type { SessionSeriesTable } from "../../db/schema.js";

export const seriesRepository = {
  async insert(db: Executor, row: SessionSeriesTable) {
    await db.insertInto("session_series").values(row).execute();
  },

  find: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("session_series")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  /** Sessions of a series that can still move: not cancelled, completed or started, ending after `now`. */
  movableSessions: (db: Executor, tenantId: string, seriesId: string, now: number) =>
    db
      .selectFrom("sessions")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("series_id", "=", seriesId)
      .where("status", "not in", ["cancelled", "completed", "in_progress"])
      .where("ends_at", ">", now)
      .orderBy("starts_at")
      .execute(),
};
