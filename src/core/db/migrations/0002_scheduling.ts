import { type Kysely, PostgresAdapter, sql } from "kysely";

// Sessions, their segments and assignments, and the bookings table that holds every busy
// interval. See ARCHITECTURE.md, "Scheduling invariants". Same conventions as 0001.

export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;

  let sessions = db.schema
    .createTable("sessions")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("course_id", "text", (col) => col.notNull())
    .addColumn("title", "text")
    .addColumn("format", "text", (col) => col.notNull())
    .addColumn("time_zone", "text", (col) => col.notNull())
    .addColumn("location_id", "text")
    .addColumn("visibility", "text", (col) => col.notNull())
    .addColumn("client_id", "text")
    .addColumn("min_seats", "integer", (col) => col.notNull())
    .addColumn("max_seats", "integer", (col) => col.notNull())
    .addColumn("price_minor", "bigint")
    .addColumn("currency", "text", (col) => col.notNull())
    .addColumn("virtual_platform_id", "text")
    .addColumn("join_url", "text")
    .addColumn("notes", "text")
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("series_id", "text")
    .addColumn("starts_at", "bigint", (col) => col.notNull())
    .addColumn("ends_at", "bigint", (col) => col.notNull())
    .addColumn("start_date", "text", (col) => col.notNull())
    .addColumn("version", "integer", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("sessions_pkey", ["tenant_id", "id"]);
  for (const [name, column, table] of [
    ["sessions_course_fkey", "course_id", "courses"],
    ["sessions_location_fkey", "location_id", "locations"],
    ["sessions_client_fkey", "client_id", "clients"],
    ["sessions_platform_fkey", "virtual_platform_id", "virtual_platforms"],
  ] as const) {
    sessions = sessions.addForeignKeyConstraint(name, ["tenant_id", column], table, ["tenant_id", "id"]);
  }
  await sessions.execute();
  for (const [name, columns] of [
    ["sessions_starts_idx", ["tenant_id", "starts_at"]],
    ["sessions_course_idx", ["tenant_id", "course_id", "starts_at"]],
    ["sessions_location_idx", ["tenant_id", "location_id", "starts_at"]],
    ["sessions_client_idx", ["tenant_id", "client_id", "starts_at"]],
    ["sessions_series_idx", ["tenant_id", "series_id"]],
    ["sessions_platform_idx", ["tenant_id", "virtual_platform_id"]],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on("sessions")
      .columns([...columns])
      .execute();
  }

  await db.schema
    .createTable("session_segments")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("start_local", "text", (col) => col.notNull())
    .addColumn("end_local", "text", (col) => col.notNull())
    .addColumn("starts_at", "bigint", (col) => col.notNull())
    .addColumn("ends_at", "bigint", (col) => col.notNull())
    .addColumn("local_date", "text", (col) => col.notNull())
    .addColumn("room_id", "text")
    .addPrimaryKeyConstraint("session_segments_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint(
      "session_segments_session_fkey",
      ["tenant_id", "session_id"],
      "sessions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addForeignKeyConstraint("session_segments_room_fkey", ["tenant_id", "room_id"], "rooms", [
      "tenant_id",
      "id",
    ])
    .execute();
  await db.schema
    .createIndex("session_segments_session_idx")
    .on("session_segments")
    .columns(["tenant_id", "session_id", "position"])
    .execute();
  await db.schema
    .createIndex("session_segments_starts_idx")
    .on("session_segments")
    .columns(["tenant_id", "starts_at"])
    .execute();
  await db.schema
    .createIndex("session_segments_room_idx")
    .on("session_segments")
    .columns(["tenant_id", "room_id"])
    .execute();

  await db.schema
    .createTable("session_instructors")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("instructor_id", "text", (col) => col.notNull())
    .addColumn("role", "text", (col) => col.notNull())
    .addColumn("segment_ids_json", "text")
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("respond_by", "bigint")
    .addColumn("responded_at", "bigint")
    .addColumn("response_note", "text")
    .addColumn("override_reason", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("session_instructors_pkey", ["tenant_id", "id"])
    .addUniqueConstraint("session_instructors_key", ["tenant_id", "session_id", "instructor_id"])
    .addForeignKeyConstraint(
      "session_instructors_session_fkey",
      ["tenant_id", "session_id"],
      "sessions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addForeignKeyConstraint(
      "session_instructors_instructor_fkey",
      ["tenant_id", "instructor_id"],
      "instructors",
      ["tenant_id", "id"],
    )
    .execute();
  await db.schema
    .createIndex("session_instructors_instructor_idx")
    .on("session_instructors")
    .columns(["tenant_id", "instructor_id"])
    .execute();

  await db.schema
    .createTable("session_equipment")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("equipment_id", "text", (col) => col.notNull())
    .addColumn("quantity", "integer", (col) => col.notNull())
    .addColumn("segment_ids_json", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("session_equipment_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint(
      "session_equipment_session_fkey",
      ["tenant_id", "session_id"],
      "sessions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addForeignKeyConstraint("session_equipment_equipment_fkey", ["tenant_id", "equipment_id"], "equipment", [
      "tenant_id",
      "id",
    ])
    .execute();
  await db.schema
    .createIndex("session_equipment_equipment_idx")
    .on("session_equipment")
    .columns(["tenant_id", "equipment_id"])
    .execute();
  await db.schema
    .createIndex("session_equipment_session_idx")
    .on("session_equipment")
    .columns(["tenant_id", "session_id"])
    .execute();

  // Every busy interval of every resource. Sessions that are not cancelled or postponed hold
  // theirs. busy_from/busy_to include a room's setup and teardown.
  await db.schema
    .createTable("bookings")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("resource_type", "text", (col) => col.notNull())
    .addColumn("resource_id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("segment_id", "text", (col) => col.notNull())
    .addColumn("starts_at", "bigint", (col) => col.notNull())
    .addColumn("ends_at", "bigint", (col) => col.notNull())
    .addColumn("busy_from", "bigint", (col) => col.notNull())
    .addColumn("busy_to", "bigint", (col) => col.notNull())
    .addColumn("quantity", "integer", (col) => col.notNull())
    .addColumn("location_id", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("bookings_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint(
      "bookings_session_fkey",
      ["tenant_id", "session_id"],
      "sessions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addForeignKeyConstraint(
      "bookings_segment_fkey",
      ["tenant_id", "segment_id"],
      "session_segments",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addCheckConstraint("bookings_interval_check", sql`busy_from < busy_to and starts_at < ends_at`)
    .execute();
  // Overlap lookups: resource, then start (bounded by the longest booking, see bookings.repository).
  await db.schema
    .createIndex("bookings_resource_idx")
    .on("bookings")
    .columns(["tenant_id", "resource_id", "busy_from"])
    .execute();
  await db.schema
    .createIndex("bookings_session_idx")
    .on("bookings")
    .columns(["tenant_id", "session_id"])
    .execute();

  if (isPostgres) {
    // The second net under the transaction's checks: PostgreSQL itself refuses two overlapping
    // bookings of one instructor or room, whatever the application does.
    // In public, so dropping a schema (tests use one each) never drops the extension with it.
    await sql`create extension if not exists btree_gist with schema public`.execute(db);
    await sql`alter table bookings add constraint bookings_no_overlap exclude using gist (
      tenant_id with =, resource_id with =, int8range(busy_from, busy_to) with &&
    ) where (resource_type in ('instructor', 'room'))`.execute(db);
  }

  await db.schema
    .createTable("session_events")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("occurred_at", "bigint", (col) => col.notNull())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("reason", "text")
    .addColumn("data_json", "text")
    .addColumn("actor_kind", "text", (col) => col.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_label", "text")
    .addPrimaryKeyConstraint("session_events_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint(
      "session_events_session_fkey",
      ["tenant_id", "session_id"],
      "sessions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("session_events_session_idx")
    .on("session_events")
    .columns(["tenant_id", "session_id", "id"])
    .execute();

  await db.schema
    .createTable("session_series")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("rrule", "text", (col) => col.notNull())
    .addColumn("time_zone", "text", (col) => col.notNull())
    .addColumn("exceptions_json", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("session_series_pkey", ["tenant_id", "id"])
    .execute();
}
