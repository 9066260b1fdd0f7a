import { cachedQuery } from "./compiled-query.js";
import type { Executor } from "./database.js";

const versionOf = cachedQuery((db: Executor, tenantId: string) =>
  db.selectFrom("reference_versions").select("version").where("tenant_id", "=", tenantId),
);

/** The tenant's reference-data version (migration 0012's triggers bump it on every write). */
export const referenceVersionRepository = {
  /** A tenant whose reference data was never written to is at 0. */
  async current(db: Executor, tenantId: string): Promise<number> {
    const [row] = await versionOf(db, tenantId);
    return row ? Number(row.version) : 0;
  },
};
