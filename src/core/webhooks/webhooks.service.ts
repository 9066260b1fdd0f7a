import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from "../db/schema.js";
import { notFound } from "../errors.js";
import { enqueueJobs } from "../jobs/enqueue-job.js";
import { type Clock, toIso, toIsoOrNull } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { fromJson, toJson } from "../shared/json.js";
import { decodeCursor, toPage } from "../shared/pagination.js";
import type { Page } from "../shared/schemas.js";
import { newWebhookSecret } from "./sign.js";
import { webhookRepository as repo } from "./webhooks.repository.js";
import type {
  Delivery,
  DeliveryQuery,
  Subscription,
  SubscriptionInput,
  SubscriptionPatch,
} from "./webhooks.schemas.js";

const presentSubscription = (row: WebhookSubscriptionsTable): Subscription => ({
  id: row.id,
  url: row.url,
  eventTypes: fromJson<string[]>(row.event_types_json, []),
  description: row.description,
  active: row.active === 1,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

const presentDelivery = (row: WebhookDeliveriesTable): Delivery => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  eventId: row.event_id,
  eventType: row.event_type,
  sessionId: row.session_id,
  status: row.status as Delivery["status"],
  attempts: row.attempts,
  responseStatus: row.response_status,
  lastError: row.last_error,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
  deliveredAt: toIsoOrNull(row.delivered_at),
});

/** Webhook subscriptions (admin), their delivery log and manual redelivery. */
export function createWebhookService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const { db } = deps.database;
  const load = async (trxDb: typeof db, tenantId: string, id: string) => {
    const row = await repo.findSubscription(trxDb, tenantId, id);
    if (!row) throw notFound("Webhook subscription", id);
    return row;
  };
  return {
    create(actor: Actor, input: SubscriptionInput): Promise<Subscription & { secret: string }> {
      authorize(actor, "tenant:manage");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        const row: WebhookSubscriptionsTable = {
          tenant_id: actor.tenantId,
          id: newId(),
          url: input.url,
          event_types_json: toJson([...new Set(input.eventTypes)]),
          secret: newWebhookSecret(),
          description: input.description,
          active: input.active ? 1 : 0,
          created_at: now,
          updated_at: now,
        };
        await repo.insertSubscription(trx, row);
        const view = presentSubscription(row);
        await recordAudit(trx, actor, now, {
          action: "create",
          entityType: "webhook_subscription",
          entityId: row.id,
          after: view,
        });
        return { ...view, secret: row.secret };
      });
    },

    async list(actor: Actor): Promise<Subscription[]> {
      authorize(actor, "tenant:manage");
      return (await repo.listSubscriptions(db, actor.tenantId)).map(presentSubscription);
    },

    async get(actor: Actor, id: string): Promise<Subscription> {
      authorize(actor, "tenant:manage");
      return presentSubscription(await load(db, actor.tenantId, id));
    },

    update(actor: Actor, id: string, patch: SubscriptionPatch): Promise<Subscription> {
      authorize(actor, "tenant:manage");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        const before = await load(trx as never, actor.tenantId, id);
        const values: Partial<WebhookSubscriptionsTable> = {
          ...(patch.url !== undefined && { url: patch.url }),
          ...(patch.eventTypes !== undefined && { event_types_json: toJson([...new Set(patch.eventTypes)]) }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
          updated_at: now,
        };
        await repo.updateSubscription(trx, actor.tenantId, id, values);
        const after = presentSubscription({ ...before, ...values });
        await recordAudit(trx, actor, now, {
          action: "update",
          entityType: "webhook_subscription",
          entityId: id,
          before: presentSubscription(before),
          after,
        });
        return after;
      });
    },

    remove(actor: Actor, id: string): Promise<void> {
      authorize(actor, "tenant:manage");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        const before = await load(trx as never, actor.tenantId, id);
        await repo.deleteSubscription(trx, actor.tenantId, id);
        await recordAudit(trx, actor, now, {
          action: "delete",
          entityType: "webhook_subscription",
          entityId: id,
          before: presentSubscription(before),
        });
      });
    },

    async deliveries(actor: Actor, query: DeliveryQuery): Promise<Page<Delivery>> {
      authorize(actor, "tenant:manage");
      const rows = await repo.listDeliveries(db, actor.tenantId, {
        subscriptionId: query.subscriptionId,
        status: query.status,
        after: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      const page = toPage(rows, query.limit);
      return { items: page.items.map(presentDelivery), nextCursor: page.nextCursor };
    },

    /** Sends a delivery again (same webhook-id, fresh timestamp and signature). */
    redeliver(actor: Actor, id: string): Promise<Delivery> {
      authorize(actor, "tenant:manage");
      return db.transaction().execute(async (trx) => {
        const now = deps.clock.now();
        const row = await repo.findDelivery(trx, actor.tenantId, id);
        if (!row) throw notFound("Webhook delivery", id);
        await repo.updateDelivery(trx, actor.tenantId, id, { status: "queued", updated_at: now });
        await enqueueJobs(trx, actor.tenantId, now, [
          {
            type: "webhook.deliver",
            payload: { deliveryId: id, redeliver: true },
            idempotencyKey: `webhook:${id}:redeliver:${newId()}`,
            maxAttempts: 12,
          },
        ]);
        await recordAudit(trx, actor, now, {
          action: "redeliver",
          entityType: "webhook_delivery",
          entityId: id,
        });
        return presentDelivery({ ...row, status: "queued", updated_at: now });
      });
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
