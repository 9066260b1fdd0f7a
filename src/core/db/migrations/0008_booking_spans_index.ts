import type { Kysely } from "kysely";

// Overlap lookups filter on (resource, busy_from) and then on busy_to and the session: with those
// in the index, counting a resource's busy time (teaching-day limits, free/busy) never reads the
// table. Replaces 0002's bookings_resource_idx (tenant_id, resource_id, busy_from).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("bookings_resource_idx").execute();
  await db.schema
    .createIndex("bookings_resource_idx")
    .on("bookings")
    .columns(["tenant_id", "resource_id", "busy_from", "busy_to", "session_id"])
    .execute();
}
