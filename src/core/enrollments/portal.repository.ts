import type { Executor } from "../db/database.js";

export const portalRepository = {
  /** Enrollments with their session and learner, newest session first, for one learner or client. */
  enrollmentsOf: (
    db: Executor,
    tenantId: string,
    scope: { learnerId?: string; clientId?: string },
    limit: number,
  ) => {
    let query = db
      .selectFrom("enrollments as e")
      .innerJoin("sessions as s", (join) =>
        join.onRef("s.tenant_id", "=", "e.tenant_id").onRef("s.id", "=", "e.session_id"),
      )
      .innerJoin("courses as c", (join) =>
        join.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"),
      )
      .innerJoin("learners as l", (join) =>
        join.onRef("l.tenant_id", "=", "e.tenant_id").onRef("l.id", "=", "e.learner_id"),
      )
      .selectAll("e")
      .select([
        "l.name as learner_name",
        "s.course_id as course_id",
        "s.title as session_title",
        "c.title as course_title",
        "c.code as course_code",
        "s.starts_at as starts_at",
        "s.ends_at as ends_at",
        "s.time_zone as time_zone",
        "s.status as session_status",
      ])
      .where("e.tenant_id", "=", tenantId);
    if (scope.learnerId) query = query.where("e.learner_id", "=", scope.learnerId);
    if (scope.clientId) query = query.where("e.client_id", "=", scope.clientId);
    return query.orderBy("s.starts_at", "desc").orderBy("e.id").limit(limit).execute();
  },
};
