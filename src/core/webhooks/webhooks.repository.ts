import type { Executor } from "../db/database.js";
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from "../db/schema.js";

export const webhookRepository = {
  insertSubscription: (db: Executor, row: WebhookSubscriptionsTable) =>
    db.insertInto("webhook_subscriptions").values(row).execute(),

  findSubscription: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("webhook_subscriptions")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  listSubscriptions: (db: Executor, tenantId: string) =>
    db
      .selectFrom("webhook_subscriptions")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy("id")
      .execute(),

  activeSubscriptions: (db: Executor, tenantId: string) =>
    db
      .selectFrom("webhook_subscriptions")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("active", "=", 1)
      .orderBy("id")
      .execute(),

  async updateSubscription(
    db: Executor,
    tenantId: string,
    id: string,
    values: Partial<WebhookSubscriptionsTable>,
  ) {
    await db
      .updateTable("webhook_subscriptions")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async deleteSubscription(db: Executor, tenantId: string, id: string) {
    await db
      .deleteFrom("webhook_subscriptions")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async insertDelivery(db: Executor, row: WebhookDeliveriesTable): Promise<boolean> {
    const result = await db
      .insertInto("webhook_deliveries")
      .values(row)
      .onConflict((oc) => oc.columns(["tenant_id", "subscription_id", "event_id"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  findDelivery: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  async updateDelivery(db: Executor, tenantId: string, id: string, values: Partial<WebhookDeliveriesTable>) {
    await db
      .updateTable("webhook_deliveries")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  listDeliveries(
    db: Executor,
    tenantId: string,
    filter: { subscriptionId?: string; status?: string; after?: string; limit: number },
  ) {
    let query = db.selectFrom("webhook_deliveries").selectAll().where("tenant_id", "=", tenantId);
    if (filter.subscriptionId) query = query.where("subscription_id", "=", filter.subscriptionId);
    if (filter.status) query = query.where("status", "=", filter.status);
    if (filter.after) query = query.where("id", ">", filter.after);
    return query.orderBy("id").limit(filter.limit).execute();
  },
};
