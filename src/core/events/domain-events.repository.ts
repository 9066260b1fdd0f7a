import type { Executor } from "../db/database.js";
import type { DomainEventsTable } from "../db/schema.js";

export const domainEventRepository = {
  async insert(db: Executor, rows: DomainEventsTable[]): Promise<void> {
    if (rows.length > 0) await db.insertInto("domain_events").values(rows).execute();
  },

  /** Events after a cursor (an event id), across tenants, oldest first: what a consumer reads next. */
  async after(db: Executor, cursor: string | null, limit: number): Promise<DomainEventsTable[]> {
    let query = db.selectFrom("domain_events").selectAll();
    if (cursor) query = query.where("id", ">", cursor);
    return query.orderBy("id").limit(limit).execute();
  },

  async forEntity(
    db: Executor,
    tenantId: string,
    entityType: string,
    entityId: string,
  ): Promise<DomainEventsTable[]> {
    return db
      .selectFrom("domain_events")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("entity_type", "=", entityType)
      .where("entity_id", "=", entityId)
      .orderBy("id")
      .execute();
  },
};
