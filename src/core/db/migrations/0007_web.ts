import type { Kysely } from "kysely";

// Browser login sessions for the web app, and the link from a user to the instructor they are
// (the instructor portal). The session secret lives only in an HttpOnly cookie; the table keeps
// its SHA-256, looked up before the tenant is known (like API tokens), hence the global unique key.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("web_sessions")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("user_id", "text", (col) => col.notNull())
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    .addColumn("csrf_hash", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_seen_at", "bigint", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("web_sessions_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint(
      "web_sessions_user_fkey",
      ["tenant_id", "user_id"],
      "users",
      ["tenant_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("web_sessions_user_idx")
    .on("web_sessions")
    .columns(["tenant_id", "user_id"])
    .execute();
  await db.schema.alterTable("users").addColumn("instructor_id", "text").execute();
}
