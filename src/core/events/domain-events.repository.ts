import type { Dialect, Executor } from "../db/database.js";
import type { DomainEventsTable } from "../db/schema.js";
import { forUpdate } from "../db/sql.js";

export const domainEventRepository = {
  async insert(db: Executor, rows: DomainEventsTable[]): Promise<void> {
    if (rows.length > 0) await db.insertInto("domain_events").values(rows).execute();
  },

  /**
   * Events after a cursor (an event id) and before a boundary id, across tenants, oldest first:
   * what a consumer reads next.
   */
  async after(
    db: Executor,
    cursor: string | null,
    limit: number,
    before?: string,
  ): Promise<DomainEventsTable[]> {
    let query = db.selectFrom("domain_events").selectAll();
    if (cursor) query = query.where("id", ">", cursor);
    if (before) query = query.where("id", "<", before);
    return query.orderBy("id").limit(limit).execute();
  },

  /** Whether any event lies between the cursor and the boundary (a cheap read before locking). */
  async anyAfter(db: Executor, cursor: string | null, before: string): Promise<boolean> {
    let query = db.selectFrom("domain_events").select("id").where("id", "<", before);
    if (cursor) query = query.where("id", ">", cursor);
    return (await query.limit(1).executeTakeFirst()) !== undefined;
  },

  find: (db: Executor, tenantId: string, id: string): Promise<DomainEventsTable | undefined> =>
    db
      .selectFrom("domain_events")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

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

/** Where each consumer of the outbox has read up to. */
export const eventConsumerRepository = {
  async ensure(db: Executor, consumer: string, now: number): Promise<void> {
    await db
      .insertInto("event_consumers")
      .values({ consumer, cursor: null, updated_at: now })
      .onConflict((oc) => oc.column("consumer").doNothing())
      .execute();
  },

  /** The consumer's cursor; `lock` takes its row for the rest of the transaction (PostgreSQL). */
  async cursorOf(db: Executor, consumer: string, lock?: Dialect): Promise<string | null> {
    let query = db.selectFrom("event_consumers").select("cursor").where("consumer", "=", consumer);
    if (lock) query = query.modifyEnd(forUpdate(lock));
    return (await query.executeTakeFirst())?.cursor ?? null;
  },

  async advance(db: Executor, consumer: string, cursor: string, now: number): Promise<void> {
    await db
      .updateTable("event_consumers")
      .set({ cursor, updated_at: now })
      .where("consumer", "=", consumer)
      .execute();
  },
};
