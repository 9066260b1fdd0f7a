import { type Kysely, PostgresAdapter } from "kysely";

// Client contacts: a user or API token with the client_contact role is bound to one client, whose
// employees (learners) they enroll and approve. PostgreSQL gets the composite FK to clients;
// SQLite cannot add a table constraint to an existing table, so there it is a plain column
// (the services check the client exists in the tenant before writing it).

export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of ["users", "api_tokens"] as const) {
    await db.schema.alterTable(table).addColumn("client_id", "text").execute();
    if (isPostgres) {
      await db.schema
        .alterTable(table)
        .addForeignKeyConstraint(`${table}_client_fkey`, ["tenant_id", "client_id"], "clients", [
          "tenant_id",
          "id",
        ])
        .execute();
    }
  }
}
