import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from "kysely";
import type { Database } from "./database.js";
import * as m0001 from "./migrations/0001_foundation.js";
import * as m0002 from "./migrations/0002_scheduling.js";
import * as m0003 from "./migrations/0003_domain_events.js";
import * as m0004 from "./migrations/0004_enrollments.js";
import * as m0005 from "./migrations/0005_communications.js";
import * as m0007 from "./migrations/0007_web.js";
import * as m0008 from "./migrations/0008_booking_spans_index.js";
import * as m0009 from "./migrations/0009_client_contacts.js";
import * as m0010 from "./migrations/0010_planning.js";
import * as m0011 from "./migrations/0011_learner_accounts.js";
import * as m0012 from "./migrations/0012_reference_versions.js";

// Listed explicitly (not read from disk) so migrations run the same from source, tests and bundles.
const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_scheduling": m0002,
  "0003_domain_events": m0003,
  "0004_enrollments": m0004,
  "0005_communications": m0005,
  "0007_web": m0007,
  "0008_booking_spans_index": m0008,
  "0009_client_contacts": m0009,
  "0010_planning": m0010,
  "0011_learner_accounts": m0011,
  "0012_reference_versions": m0012,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationReport {
  applied: string[];
  total: number;
}

/** Applies every pending migration; forward-only, so there is no "down". */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  // With a schema, Kysely must look for its own tables there: otherwise it finds another schema's
  // (parallel test runs on one database, a second install) and never creates them in this one.
  const migrator = new Migrator({ db: database.db, provider, migrationTableSchema: database.schema });
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
