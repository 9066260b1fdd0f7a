import type { Kysely } from "kysely";

// The transactional outbox: use cases append domain events in the same transaction as the change
// they describe, so a committed change always has its event and a rolled-back one never does.
// Consumers (communications, webhooks, …) read them in id order (UUIDv7, so commit-time order
// within one process and creation order across processes).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("domain_events")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("entity_type", "text", (col) => col.notNull())
    .addColumn("entity_id", "text", (col) => col.notNull())
    .addColumn("session_id", "text")
    .addColumn("payload_json", "text", (col) => col.notNull())
    .addColumn("actor_kind", "text", (col) => col.notNull())
    .addColumn("actor_id", "text")
    .addColumn("request_id", "text")
    .addColumn("occurred_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("domain_events_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("domain_events_entity_idx")
    .on("domain_events")
    .columns(["tenant_id", "entity_type", "entity_id", "id"])
    .execute();
  await db.schema
    .createIndex("domain_events_session_idx")
    .on("domain_events")
    .columns(["tenant_id", "session_id", "id"])
    .execute();
  // Consumers that scan every tenant (the dispatcher) walk events by id.
  await db.schema.createIndex("domain_events_id_idx").on("domain_events").columns(["id"]).execute();
}
