import type { Executor } from "../db/database.js";
import type { SignInLinksTable, UsersTable } from "../db/schema.js";

export const signInLinkRepository = {
  /** A live (not archived) learner of the tenant with this address. */
  liveLearnerByEmail: (db: Executor, tenantId: string, emailNormalized: string) =>
    db
      .selectFrom("learners")
      .select(["id", "name", "email", "email_normalized"])
      .where("tenant_id", "=", tenantId)
      .where("email_normalized", "=", emailNormalized)
      .where("archived_at", "is", null)
      .executeTakeFirst(),

  userByEmail: (db: Executor, tenantId: string, emailNormalized: string) =>
    db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("email_normalized", "=", emailNormalized)
      .executeTakeFirst(),

  async countSince(db: Executor, tenantId: string, learnerId: string, since: number): Promise<number> {
    const row = await db
      .selectFrom("sign_in_links")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("tenant_id", "=", tenantId)
      .where("learner_id", "=", learnerId)
      .where("created_at", ">", since)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  insert: (db: Executor, row: SignInLinksTable) => db.insertInto("sign_in_links").values(row).execute(),

  byTokenHash: (db: Executor, tokenHash: string) =>
    db
      .selectFrom("sign_in_links")
      .innerJoin("tenants", "tenants.id", "sign_in_links.tenant_id")
      .innerJoin("learners", (join) =>
        join
          .onRef("learners.tenant_id", "=", "sign_in_links.tenant_id")
          .onRef("learners.id", "=", "sign_in_links.learner_id"),
      )
      .selectAll("sign_in_links")
      .select([
        "tenants.slug as tenant_slug",
        "tenants.name as tenant_name",
        "learners.name as learner_name",
        "learners.email as learner_email",
        "learners.email_normalized as learner_email_normalized",
        "learners.archived_at as learner_archived_at",
      ])
      .where("sign_in_links.token_hash", "=", tokenHash)
      .executeTakeFirst(),

  /** Marks a link used; false when another request used it first (the link works once). */
  async markUsed(db: Executor, tenantId: string, id: string, now: number): Promise<boolean> {
    const result = await db
      .updateTable("sign_in_links")
      .set({ used_at: now })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async deleteExpired(db: Executor, tenantId: string, learnerId: string, before: number) {
    await db
      .deleteFrom("sign_in_links")
      .where("tenant_id", "=", tenantId)
      .where("learner_id", "=", learnerId)
      .where("expires_at", "<=", before)
      .execute();
  },

  insertUser: (db: Executor, row: UsersTable) => db.insertInto("users").values(row).execute(),
};
