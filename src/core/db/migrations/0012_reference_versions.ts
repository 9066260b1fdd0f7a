import { type Kysely, PostgresAdapter, sql } from "kysely";

// One version number per tenant for the reference data a conflict check reads (courses,
// instructors with their qualifications, availability and time off, rooms, equipment, locations
// and travel times, clients, virtual platforms, the tenant itself). Triggers bump it in the same
// transaction as any write to those tables, whichever process or path writes, so a process may
// cache the rows and trust them for as long as the version it read before reading them holds.

/** Tables whose rows a conflict check reads, with the column naming their tenant. */
export const REFERENCE_TABLES: Record<string, string> = {
  tenants: "id",
  courses: "tenant_id",
  instructors: "tenant_id",
  instructor_qualifications: "tenant_id",
  instructor_availability: "tenant_id",
  instructor_time_off: "tenant_id",
  rooms: "tenant_id",
  equipment: "tenant_id",
  locations: "tenant_id",
  location_travel_times: "tenant_id",
  clients: "tenant_id",
  virtual_platforms: "tenant_id",
};

export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // No foreign key: the tenants trigger writes here too, also while a tenant is being deleted.
  await db.schema
    .createTable("reference_versions")
    .addColumn("tenant_id", "text", (col) => col.primaryKey())
    .addColumn("version", "bigint", (col) => col.notNull())
    .execute();

  if (isPostgres) {
    // Statement-level triggers with transition tables, so a bulk import bumps each tenant once.
    // A transition table serves one event per trigger, hence three triggers per table.
    for (const column of new Set(Object.values(REFERENCE_TABLES))) {
      await sql`create function ${sql.id(`bump_reference_versions_by_${column}`)}() returns trigger
        language plpgsql as $$
        begin
          insert into reference_versions (tenant_id, version)
            select distinct ${sql.id(column)}, 1 from changed_rows
            on conflict (tenant_id) do update set version = reference_versions.version + 1;
          return null;
        end $$`.execute(db);
    }
    for (const [table, column] of Object.entries(REFERENCE_TABLES)) {
      for (const event of ["insert", "update", "delete"] as const) {
        await sql`create trigger ${sql.id(`${table}_reference_version_${event}`)}
          after ${sql.raw(event)} on ${sql.id(table)}
          referencing ${sql.raw(event === "delete" ? "old" : "new")} table as changed_rows
          for each statement execute function ${sql.id(`bump_reference_versions_by_${column}`)}()`.execute(
          db,
        );
      }
    }
    return;
  }

  for (const [table, column] of Object.entries(REFERENCE_TABLES)) {
    for (const event of ["insert", "update", "delete"] as const) {
      const row = event === "delete" ? "old" : "new";
      const tenant = sql.raw(`${row}.${column}`);
      await sql`create trigger ${sql.id(`${table}_reference_version_${event}`)}
        after ${sql.raw(event)} on ${sql.id(table)} for each row begin
          insert or ignore into reference_versions (tenant_id, version) values (${tenant}, 0);
          update reference_versions set version = version + 1 where tenant_id = ${tenant};
        end`.execute(db);
    }
  }
}
