import { cachedQuery } from "./compiled-query.js";
import type { Executor } from "./database.js";

const versionOf = cachedQuery((db: Executor, tenantId: string) =>
  db.selectFrom("reference_versions").select("version").where("tenant_id", "=", tenantId),
);

/** The tenant's reference-data version (migration 0012's triggers bump it on every write). */
export const referenceVersionRepository = {
  /** As a string: bigint arrives as one from PostgreSQL. A tenant never written to is at "0". */
  async current(db: Executor, tenantId: string): Promise<string> {
    const [row] = await versionOf(db, tenantId);
    return row ? String(row.version) : "0";
  },
};
