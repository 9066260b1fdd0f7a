import type { Executor } from "../db/database.js";
import type { UsersTable, WebSessionsTable } from "../db/schema.js";

export const webAuthRepository = {
  /** Login looks a user up by email before the tenant is known (one email may exist in several). */
  findLoginCandidates: (db: Executor, emailNormalized: string) =>
    db
      .selectFrom("users")
      .innerJoin("tenants", "tenants.id", "users.tenant_id")
      .selectAll("users")
      .select(["tenants.slug as tenant_slug", "tenants.name as tenant_name"])
      .where("users.email_normalized", "=", emailNormalized)
      .execute(),

  findSessionByHash: (db: Executor, tokenHash: string) =>
    db
      .selectFrom("web_sessions")
      .innerJoin("users", (join) =>
        join
          .onRef("users.tenant_id", "=", "web_sessions.tenant_id")
          .onRef("users.id", "=", "web_sessions.user_id"),
      )
      .selectAll("web_sessions")
      .select([
        "users.name as user_name",
        "users.email as user_email",
        "users.role as user_role",
        "users.instructor_id as user_instructor_id",
        "users.client_id as user_client_id",
        "users.learner_id as user_learner_id",
        "users.disabled_at as user_disabled_at",
      ])
      .where("web_sessions.token_hash", "=", tokenHash)
      .executeTakeFirst(),

  async insertSession(db: Executor, row: WebSessionsTable): Promise<void> {
    await db.insertInto("web_sessions").values(row).execute();
  },

  async touchSession(db: Executor, tenantId: string, id: string, lastSeenAt: number, expiresAt: number) {
    await db
      .updateTable("web_sessions")
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async deleteSession(db: Executor, tenantId: string, id: string): Promise<void> {
    await db.deleteFrom("web_sessions").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
  },

  async deleteExpired(db: Executor, tenantId: string, userId: string, now: number): Promise<void> {
    await db
      .deleteFrom("web_sessions")
      .where("tenant_id", "=", tenantId)
      .where("user_id", "=", userId)
      .where("expires_at", "<=", now)
      .execute();
  },

  listUsers: (db: Executor, tenantId: string) =>
    db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy("email_normalized")
      .execute(),

  findUserByEmail: (db: Executor, tenantId: string, emailNormalized: string) =>
    db
      .selectFrom("users")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("email_normalized", "=", emailNormalized)
      .executeTakeFirst(),

  async insertUser(db: Executor, row: UsersTable): Promise<void> {
    await db.insertInto("users").values(row).execute();
  },

  findUser: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  async updateUser(db: Executor, tenantId: string, id: string, changes: Partial<UsersTable>) {
    await db
      .updateTable("users")
      .set(changes)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async deleteSessionsOf(db: Executor, tenantId: string, userId: string) {
    await db
      .deleteFrom("web_sessions")
      .where("tenant_id", "=", tenantId)
      .where("user_id", "=", userId)
      .execute();
  },

  async countActiveAdmins(db: Executor, tenantId: string): Promise<number> {
    const row = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("tenant_id", "=", tenantId)
      .where("role", "=", "admin")
      .where("disabled_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  instructorExists: async (db: Executor, tenantId: string, instructorId: string) =>
    (await db
      .selectFrom("instructors")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", instructorId)
      .executeTakeFirst()) !== undefined,
};
