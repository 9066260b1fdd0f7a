import type { Kysely } from "kysely";

// Jobs (durable work queue), the domain-event dispatcher's cursors, messages (email outbox and
// log), templates, calendar feed tokens, per-tenant signing secrets, and webhooks.
// Same conventions as 0001: tenant_id first in keys, epoch-ms bigints, JSON as text.

export async function up(db: Kysely<unknown>): Promise<void> {
  const tenantColumn = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"));

  await tenantColumn("jobs")
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("payload_json", "text", (col) => col.notNull())
    .addColumn("run_at", "bigint", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("max_attempts", "integer", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("locked_until", "bigint")
    .addColumn("locked_by", "text")
    .addColumn("last_error", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addColumn("finished_at", "bigint")
    .addPrimaryKeyConstraint("jobs_pkey", ["tenant_id", "id"])
    .addUniqueConstraint("jobs_idempotency_key", ["tenant_id", "idempotency_key"])
    .execute();
  // Workers claim across tenants: due queued jobs and expired leases, oldest run_at first.
  await db.schema.createIndex("jobs_claim_idx").on("jobs").columns(["status", "run_at"]).execute();
  await db.schema
    .createIndex("jobs_tenant_status_idx")
    .on("jobs")
    .columns(["tenant_id", "status", "id"])
    .execute();

  // One row per consumer of domain_events (across tenants): the id of the last event handled.
  await db.schema
    .createTable("event_consumers")
    .addColumn("consumer", "text", (col) => col.primaryKey())
    .addColumn("cursor", "text")
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();

  await tenantColumn("messages")
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("idempotency_key", "text", (col) => col.notNull())
    .addColumn("event", "text", (col) => col.notNull())
    .addColumn("event_id", "text")
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("recipient", "text", (col) => col.notNull())
    .addColumn("recipient_name", "text")
    .addColumn("recipient_kind", "text")
    .addColumn("recipient_id", "text")
    .addColumn("language", "text", (col) => col.notNull())
    .addColumn("subject", "text", (col) => col.notNull())
    .addColumn("text_body", "text", (col) => col.notNull())
    .addColumn("html_body", "text", (col) => col.notNull())
    .addColumn("ics", "text")
    .addColumn("session_id", "text")
    .addColumn("entity_type", "text")
    .addColumn("entity_id", "text")
    .addColumn("message_id_header", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addColumn("sent_at", "bigint")
    .addPrimaryKeyConstraint("messages_pkey", ["tenant_id", "id"])
    .addUniqueConstraint("messages_idempotency_key", ["tenant_id", "idempotency_key"])
    .execute();
  for (const [name, columns] of [
    ["messages_session_idx", ["tenant_id", "session_id", "id"]],
    ["messages_recipient_idx", ["tenant_id", "recipient", "id"]],
    ["messages_status_idx", ["tenant_id", "status", "id"]],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on("messages")
      .columns([...columns])
      .execute();
  }

  await tenantColumn("message_templates")
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("event", "text", (col) => col.notNull())
    .addColumn("language", "text", (col) => col.notNull())
    .addColumn("subject", "text", (col) => col.notNull())
    .addColumn("text_body", "text", (col) => col.notNull())
    .addColumn("html_body", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("message_templates_pkey", ["tenant_id", "id"])
    .addUniqueConstraint("message_templates_key", ["tenant_id", "event", "language"])
    .execute();

  await tenantColumn("calendar_feeds")
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("subject_id", "text", (col) => col.notNull())
    .addColumn("token_hash", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("revoked_at", "bigint")
    .addPrimaryKeyConstraint("calendar_feeds_pkey", ["tenant_id", "id"])
    .execute();
  // Public feed URLs carry only the token: looked up across tenants by its hash.
  await db.schema
    .createIndex("calendar_feeds_token_idx")
    .on("calendar_feeds")
    .columns(["token_hash"])
    .unique()
    .execute();

  await tenantColumn("tenant_secrets")
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("secret", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("tenant_secrets_pkey", ["tenant_id", "name"])
    .execute();

  await tenantColumn("webhook_subscriptions")
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("event_types_json", "text", (col) => col.notNull())
    .addColumn("secret", "text", (col) => col.notNull())
    .addColumn("description", "text")
    .addColumn("active", "integer", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("webhook_subscriptions_pkey", ["tenant_id", "id"])
    .execute();

  await tenantColumn("webhook_deliveries")
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("subscription_id", "text", (col) => col.notNull())
    .addColumn("event_id", "text", (col) => col.notNull())
    .addColumn("event_type", "text", (col) => col.notNull())
    .addColumn("session_id", "text")
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    .addColumn("response_status", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addColumn("delivered_at", "bigint")
    .addPrimaryKeyConstraint("webhook_deliveries_pkey", ["tenant_id", "id"])
    .addUniqueConstraint("webhook_deliveries_event_key", ["tenant_id", "subscription_id", "event_id"])
    .addForeignKeyConstraint(
      "webhook_deliveries_subscription_fkey",
      ["tenant_id", "subscription_id"],
      "webhook_subscriptions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_subscription_idx")
    .on("webhook_deliveries")
    .columns(["tenant_id", "subscription_id", "id"])
    .execute();
}
