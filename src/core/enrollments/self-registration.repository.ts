import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import type { LearnersTable, SelfRegistrationsTable } from "../db/schema.js";
import { SEAT_HOLDING } from "./enrollments.repository.js";

export const selfRegistrationRepository = {
  /** Public, upcoming, open sessions of a tenant with their seat counts. */
  upcomingPublic(db: Executor, tenantId: string, now: number, limit: number) {
    return db
      .selectFrom("sessions as s")
      .innerJoin("courses as c", (j) =>
        j.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"),
      )
      .leftJoin("locations as l", (j) =>
        j.onRef("l.tenant_id", "=", "s.tenant_id").onRef("l.id", "=", "s.location_id"),
      )
      .select([
        "s.id",
        "s.title",
        "s.format",
        "s.time_zone",
        "s.starts_at",
        "s.ends_at",
        "s.max_seats",
        "s.price_minor",
        "s.currency",
        "c.code",
        "c.title as course_title",
        "c.description",
        "c.language",
        "l.name as location_name",
        (eb) =>
          eb
            .selectFrom("enrollments as e")
            .select(sql<number>`count(*)`.as("n"))
            .whereRef("e.tenant_id", "=", "s.tenant_id")
            .whereRef("e.session_id", "=", "s.id")
            .where("e.status", "in", SEAT_HOLDING)
            .as("taken"),
      ])
      .where("s.tenant_id", "=", tenantId)
      .where("s.visibility", "=", "public")
      .where("s.status", "in", ["planned", "confirmed"])
      .where("s.starts_at", ">", now)
      .orderBy("s.starts_at")
      .limit(limit)
      .execute();
  },

  find(db: Executor, tenantId: string, sessionId: string, emailNormalized: string) {
    return db
      .selectFrom("self_registrations")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("email_normalized", "=", emailNormalized)
      .executeTakeFirst();
  },

  /** Confirmation: the token (hashed) alone finds the registration, in any tenant. */
  findByTokenHash(db: Executor, tokenHash: string) {
    return db
      .selectFrom("self_registrations")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
  },

  insert: (db: Executor, row: SelfRegistrationsTable) =>
    db.insertInto("self_registrations").values(row).execute(),

  async update(db: Executor, tenantId: string, id: string, values: Partial<SelfRegistrationsTable>) {
    await db
      .updateTable("self_registrations")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  learnerByEmail(db: Executor, tenantId: string, emailNormalized: string) {
    return db
      .selectFrom("learners")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("email_normalized", "=", emailNormalized)
      .executeTakeFirst();
  },

  insertLearner: (db: Executor, row: LearnersTable) => db.insertInto("learners").values(row).execute(),
};
