import type { Executor } from "../db/database.js";

/** SQL for finding substitutes: who could teach, where it could happen. */
export const candidatesRepository = {
  /**
   * Active instructors holding a qualification for the course or one of its skills (validity is
   * judged later, per date, by the engine); everyone when the course requires nothing.
   */
  async instructorsFor(
    db: Executor,
    tenantId: string,
    course: { id: string; skills: string[] },
    limit: number,
  ) {
    let query = db
      .selectFrom("instructors as i")
      .select("i.id")
      .where("i.tenant_id", "=", tenantId)
      .where("i.archived_at", "is", null);
    if (course.skills.length > 0) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom("instructor_qualifications as q")
            .select("q.id")
            .whereRef("q.tenant_id", "=", "i.tenant_id")
            .whereRef("q.instructor_id", "=", "i.id")
            .where((inner) =>
              inner.or([inner("q.course_id", "=", course.id), inner("q.skill", "in", course.skills)]),
            ),
        ),
      );
    }
    return (await query.orderBy("i.id").limit(limit).execute()).map((row) => row.id);
  },

  /** Active rooms at the location (any location when null) that seat at least `minCapacity`. */
  async roomsAt(
    db: Executor,
    tenantId: string,
    locationId: string | null,
    minCapacity: number,
    limit: number,
  ) {
    let query = db
      .selectFrom("rooms")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("archived_at", "is", null)
      .where("capacity", ">=", minCapacity);
    if (locationId) query = query.where("location_id", "=", locationId);
    return (await query.orderBy("capacity").orderBy("id").limit(limit).execute()).map((row) => row.id);
  },

  costs: (db: Executor, tenantId: string, instructorIds: string[]) =>
    instructorIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("instructors")
          .select(["id", "name", "day_rate_minor", "hour_rate_minor", "currency", "home_location_id"])
          .where("tenant_id", "=", tenantId)
          .where("id", "in", instructorIds)
          .execute(),

  roomCosts: (db: Executor, tenantId: string, roomIds: string[]) =>
    roomIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("rooms")
          .select(["id", "name", "capacity", "cost_per_day_minor", "currency"])
          .where("tenant_id", "=", tenantId)
          .where("id", "in", roomIds)
          .execute(),
};
