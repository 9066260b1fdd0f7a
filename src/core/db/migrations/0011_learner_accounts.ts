import { type Kysely, PostgresAdapter } from "kysely";

// Learner accounts: a user with the learner role is bound to one learner (users.learner_id) and
// signs in without a password, by a link e-mailed to the learner's address. The link's secret
// lives only in the e-mail; the table keeps its SHA-256, looked up before the tenant is known
// (like session and API token hashes), hence the global unique key. A link works once.

export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable("users").addColumn("learner_id", "text").execute();
  if (isPostgres) {
    await db.schema
      .alterTable("users")
      .addForeignKeyConstraint("users_learner_fkey", ["tenant_id", "learner_id"], "learners", [
        "tenant_id",
        "id",
      ])
      .execute();
  }
  await db.schema
    .createTable("sign_in_links")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("learner_id", "text", (col) => col.notNull())
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addColumn("used_at", "bigint")
    .addPrimaryKeyConstraint("sign_in_links_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint(
      "sign_in_links_learner_fkey",
      ["tenant_id", "learner_id"],
      "learners",
      ["tenant_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("sign_in_links_learner_idx")
    .on("sign_in_links")
    .columns(["tenant_id", "learner_id", "created_at"])
    .execute();
}
