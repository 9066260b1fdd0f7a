import type { Database, Executor } from "../db/database.js";
import type { DomainEventsTable } from "../db/schema.js";
import type { JobRequest } from "../jobs/enqueue-job.js";
import type { Job } from "../jobs/worker.js";
import { PermanentJobError } from "../jobs/worker.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { fromJson, toJson } from "../shared/json.js";
import { signWebhook } from "./sign.js";
import { webhookRepository as repo } from "./webhooks.repository.js";

export interface WebhookDeps {
  database: Pick<Database, "db" | "dialect">;
  clock: Clock;
  /** Per-attempt timeout of the receiver's answer. */
  timeoutMs?: number;
}

export const matchesEvent = (types: string[], type: string) =>
  types.some((t) => t === "*" || t === type || (t.endsWith(".*") && type.startsWith(t.slice(0, -1))));

/** The dispatcher's route: one delivery row and one job per subscription that wants the event. */
export async function routeToWebhooks(
  trx: Executor,
  event: DomainEventsTable,
  now: number,
): Promise<JobRequest[]> {
  const subscriptions = await repo.activeSubscriptions(trx, event.tenant_id);
  const jobs: JobRequest[] = [];
  for (const subscription of subscriptions) {
    if (!matchesEvent(fromJson<string[]>(subscription.event_types_json, []), event.type)) continue;
    const id = newId();
    const body = toJson({
      type: event.type,
      timestamp: new Date(event.occurred_at).toISOString(),
      data: {
        eventId: event.id,
        entityType: event.entity_type,
        entityId: event.entity_id,
        sessionId: event.session_id,
        ...fromJson<Record<string, unknown>>(event.payload_json, {}),
      },
    });
    const created = await repo.insertDelivery(trx, {
      tenant_id: event.tenant_id,
      id,
      subscription_id: subscription.id,
      event_id: event.id,
      event_type: event.type,
      session_id: event.session_id,
      body,
      status: "queued",
      attempts: 0,
      response_status: null,
      last_error: null,
      created_at: now,
      updated_at: now,
      delivered_at: null,
    });
    if (created) {
      jobs.push({
        type: "webhook.deliver",
        payload: { deliveryId: id },
        idempotencyKey: `webhook:${id}`,
        maxAttempts: 12,
      });
    }
  }
  return jobs;
}

/**
 * The `webhook.deliver` job: POSTs the stored body with Standard Webhooks headers. The id stays
 * the same on every attempt and redelivery (receivers dedupe by it); timestamp and signature are
 * fresh each time. 2xx is success; anything else is retried with backoff.
 */
export function createDeliverHandler(deps: WebhookDeps) {
  return async (job: Job) => {
    const { db } = deps.database;
    const id = String(job.payload.deliveryId);
    const delivery = await repo.findDelivery(db, job.tenantId, id);
    if (!delivery) throw new PermanentJobError(`Delivery ${id} not found`);
    if (delivery.status === "sent" && !job.payload.redeliver) return;
    const subscription = await repo.findSubscription(db, job.tenantId, delivery.subscription_id);
    if (!subscription) throw new PermanentJobError("The subscription was deleted");
    const timestamp = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(subscription.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Lectern-Webhooks",
          "webhook-id": delivery.id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signWebhook(subscription.secret, delivery.id, timestamp, delivery.body),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const now = deps.clock.now();
    const failedForGood = error !== null && job.attempts >= job.maxAttempts;
    await repo.updateDelivery(db, job.tenantId, id, {
      attempts: delivery.attempts + 1,
      response_status: status,
      last_error: error,
      status: error === null ? "sent" : failedForGood ? "failed" : "retrying",
      updated_at: now,
      ...(error === null && { delivered_at: now }),
    });
    if (error !== null) throw new Error(`Webhook delivery ${id} to ${subscription.url}: ${error}`);
  };
}
