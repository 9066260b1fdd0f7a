import type { Executor } from "../db/database.js";
import type { AuditEventsTable } from "../db/schema.js";

export const auditRepository = {
  async insert(db: Executor, row: AuditEventsTable): Promise<void> {
    await db.insertInto("audit_events").values(row).execute();
  },

  async list(
    db: Executor,
    tenantId: string,
    filter: { entityType?: string; entityId?: string; after?: string; limit: number },
  ): Promise<AuditEventsTable[]> {
    let query = db.selectFrom("audit_events").selectAll().where("tenant_id", "=", tenantId);
    if (filter.entityType) query = query.where("entity_type", "=", filter.entityType);
    if (filter.entityId) query = query.where("entity_id", "=", filter.entityId);
    if (filter.after) query = query.where("id", "<", filter.after);
    return query.orderBy("id", "desc").limit(filter.limit).execute();
  },
};
