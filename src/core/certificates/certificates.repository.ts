import type { Executor } from "../db/database.js";
import type { CertificatesTable, EnrollmentsTable } from "../db/schema.js";

export const certificateRepository = {
  /** What a certificate shows about the session, course and learner of an enrollment. */
  factsFor: (
    db: Executor,
    tenantId: string,
    enrollment: Pick<EnrollmentsTable, "session_id" | "learner_id">,
  ) =>
    db
      .selectFrom("sessions as s")
      .innerJoin("courses as c", (j) =>
        j.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"),
      )
      .innerJoin("learners as l", (j) =>
        j.on("l.tenant_id", "=", tenantId).on("l.id", "=", enrollment.learner_id),
      )
      .select([
        "s.course_id",
        "s.time_zone",
        "s.start_date",
        "s.ends_at",
        "c.title as course_title",
        "c.certificate_validity_months",
        "l.name as learner_name",
      ])
      .where("s.tenant_id", "=", tenantId)
      .where("s.id", "=", enrollment.session_id)
      .executeTakeFirstOrThrow(),

  /** The session's teaching instructors, lead first. */
  instructorNames: (db: Executor, tenantId: string, sessionId: string) =>
    db
      .selectFrom("session_instructors as a")
      .innerJoin("instructors as i", (j) =>
        j.onRef("i.tenant_id", "=", "a.tenant_id").onRef("i.id", "=", "a.instructor_id"),
      )
      .select("i.name")
      .where("a.tenant_id", "=", tenantId)
      .where("a.session_id", "=", sessionId)
      .where("a.status", "in", ["accepted", "requested"])
      .orderBy("a.role")
      .orderBy("i.name")
      .execute(),

  insert: (db: Executor, row: CertificatesTable) => db.insertInto("certificates").values(row).execute(),

  find(db: Executor, tenantId: string, id: string) {
    return db
      .selectFrom("certificates")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
  },

  findForEnrollment(db: Executor, tenantId: string, enrollmentId: string) {
    return db
      .selectFrom("certificates")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("enrollment_id", "=", enrollmentId)
      .executeTakeFirst();
  },

  /** The public check: by code alone, across tenants (codes are unique and unguessable). */
  findByCode(db: Executor, code: string) {
    return db.selectFrom("certificates").selectAll().where("verification_code", "=", code).executeTakeFirst();
  },

  list(
    db: Executor,
    tenantId: string,
    filter: {
      learnerId?: string;
      clientId?: string;
      sessionId?: string;
      courseId?: string;
      expiringFrom?: string;
      expiringTo?: string;
      afterId?: string;
      limit: number;
    },
  ) {
    let query = db.selectFrom("certificates").selectAll().where("tenant_id", "=", tenantId);
    if (filter.learnerId) query = query.where("learner_id", "=", filter.learnerId);
    if (filter.clientId) query = query.where("client_id", "=", filter.clientId);
    if (filter.sessionId) query = query.where("session_id", "=", filter.sessionId);
    if (filter.courseId) query = query.where("course_id", "=", filter.courseId);
    if (filter.expiringFrom) query = query.where("expires_on", ">=", filter.expiringFrom);
    if (filter.expiringTo)
      query = query.where("expires_on", "<=", filter.expiringTo).where("revoked_at", "is", null);
    if (filter.afterId) query = query.where("id", ">", filter.afterId);
    return query.orderBy("id").limit(filter.limit).execute();
  },

  /** Valid certificates of these learners for these courses (compliance). */
  forLearners(db: Executor, tenantId: string, learnerIds: string[], courseIds: string[]) {
    if (learnerIds.length === 0 || courseIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom("certificates")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("learner_id", "in", learnerIds)
      .where("course_id", "in", courseIds)
      .where("revoked_at", "is", null)
      .execute();
  },
};
