import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from "kysely";
import type { Database } from "./database.js";
import * as m0001 from "./migrations/0001_foundation.js";
import * as m0002 from "./migrations/0002_scheduling.js";
import * as m0003 from "./migrations/0003_domain_events.js";
import * as m0007 from "./migrations/0007_web.js";

// Listed explicitly (not read from disk) so migrations run the same from source, tests and bundles.
const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_scheduling": m0002,
  "0003_domain_events": m0003,
  "0007_web": m0007,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationReport {
  applied: string[];
  total: number;
}

/** Applies every pending migration; forward-only, so there is no "down". */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  // Kysely looks for its bookkeeping tables in every schema it can see; on PostgreSQL, name ours,
  // or another schema's kysely_migration_lock in the same database (a parallel test run) fools it.
  const schema =
    database.dialect === "postgres"
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db: database.db,
    provider,
    ...(schema && { migrationTableSchema: schema }),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${cause}`, {
      cause: result.error,
    });
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName),
    total: Object.keys(migrations).length,
  };
}
