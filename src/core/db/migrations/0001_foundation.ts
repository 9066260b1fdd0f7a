import type { CreateTableBuilder, Kysely } from "kysely";

// Conventions (see ARCHITECTURE.md, "Data"): tenant_id leads every key; instants are epoch
// milliseconds (bigint); local dates are 'YYYY-MM-DD' text; lists and small documents are JSON
// text; money is integer minor units plus a currency column. Foreign keys are composite
// (tenant_id, id), so a row can never point into another tenant.

type Table = CreateTableBuilder<string, string>;

const entity = (table: Table, { archivable = true } = {}) => {
  let builder = table
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull());
  if (archivable) builder = builder.addColumn("archived_at", "bigint");
  return builder;
};

const primaryKey = (table: Table, name: string) =>
  table.addPrimaryKeyConstraint(`${name}_pkey`, ["tenant_id", "id"]);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("tenants")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("slug", "text", (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("default_currency", "text", (col) => col.notNull())
    .addColumn("default_time_zone", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();

  await primaryKey(
    entity(db.schema.createTable("users"), { archivable: false })
      .addColumn("email", "text", (col) => col.notNull())
      .addColumn("email_normalized", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("role", "text", (col) => col.notNull())
      .addColumn("password_hash", "text")
      .addColumn("disabled_at", "bigint")
      .addUniqueConstraint("users_email_key", ["tenant_id", "email_normalized"]),
    "users",
  ).execute();

  // token_hash is globally unique: a bearer token is resolved before its tenant is known.
  await primaryKey(
    entity(db.schema.createTable("api_tokens"), { archivable: false })
      .addColumn("user_id", "text")
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("role", "text", (col) => col.notNull())
      .addColumn("token_hash", "text", (col) => col.notNull().unique())
      .addColumn("token_prefix", "text", (col) => col.notNull())
      .addColumn("created_by", "text")
      .addColumn("last_used_at", "bigint")
      .addColumn("expires_at", "bigint")
      .addColumn("revoked_at", "bigint")
      .addForeignKeyConstraint(
        "api_tokens_user_fkey",
        ["tenant_id", "user_id"],
        "users",
        ["tenant_id", "id"],
        (fk) => fk.onDelete("cascade"),
      ),
    "api_tokens",
  ).execute();

  await primaryKey(
    db.schema
      .createTable("audit_events")
      .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
      .addColumn("id", "text", (col) => col.notNull())
      .addColumn("occurred_at", "bigint", (col) => col.notNull())
      .addColumn("actor_kind", "text", (col) => col.notNull())
      .addColumn("actor_id", "text")
      .addColumn("actor_label", "text")
      .addColumn("action", "text", (col) => col.notNull())
      .addColumn("entity_type", "text", (col) => col.notNull())
      .addColumn("entity_id", "text")
      .addColumn("before_json", "text")
      .addColumn("after_json", "text")
      .addColumn("request_id", "text"),
    "audit_events",
  ).execute();
  await db.schema
    .createIndex("audit_events_entity_idx")
    .on("audit_events")
    .columns(["tenant_id", "entity_type", "entity_id", "id"])
    .execute();

  await primaryKey(
    entity(db.schema.createTable("locations"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("code", "text")
      .addColumn("address_json", "text", (col) => col.notNull())
      .addColumn("time_zone", "text", (col) => col.notNull())
      .addColumn("notes", "text")
      .addUniqueConstraint("locations_name_key", ["tenant_id", "name"]),
    "locations",
  ).execute();

  await db.schema
    .createTable("location_travel_times")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("from_location_id", "text", (col) => col.notNull())
    .addColumn("to_location_id", "text", (col) => col.notNull())
    .addColumn("minutes", "integer", (col) => col.notNull())
    .addPrimaryKeyConstraint("location_travel_times_pkey", [
      "tenant_id",
      "from_location_id",
      "to_location_id",
    ])
    .addForeignKeyConstraint(
      "location_travel_times_from_fkey",
      ["tenant_id", "from_location_id"],
      "locations",
      ["tenant_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint(
      "location_travel_times_to_fkey",
      ["tenant_id", "to_location_id"],
      "locations",
      ["tenant_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await primaryKey(
    entity(db.schema.createTable("rooms"))
      .addColumn("location_id", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("capacity", "integer", (col) => col.notNull())
      .addColumn("features_json", "text", (col) => col.notNull())
      .addColumn("cost_per_day_minor", "bigint")
      .addColumn("cost_per_hour_minor", "bigint")
      .addColumn("currency", "text", (col) => col.notNull())
      .addColumn("setup_minutes", "integer", (col) => col.notNull())
      .addColumn("teardown_minutes", "integer", (col) => col.notNull())
      .addColumn("notes", "text")
      .addUniqueConstraint("rooms_name_key", ["tenant_id", "location_id", "name"])
      .addForeignKeyConstraint("rooms_location_fkey", ["tenant_id", "location_id"], "locations", [
        "tenant_id",
        "id",
      ]),
    "rooms",
  ).execute();

  await primaryKey(
    entity(db.schema.createTable("equipment"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("quantity", "integer", (col) => col.notNull())
      .addColumn("location_id", "text")
      .addColumn("cost_per_day_minor", "bigint")
      .addColumn("currency", "text", (col) => col.notNull())
      .addColumn("notes", "text")
      .addForeignKeyConstraint("equipment_location_fkey", ["tenant_id", "location_id"], "locations", [
        "tenant_id",
        "id",
      ]),
    "equipment",
  ).execute();
  await db.schema.createIndex("equipment_kind_idx").on("equipment").columns(["tenant_id", "kind"]).execute();
  await db.schema
    .createIndex("equipment_location_idx")
    .on("equipment")
    .columns(["tenant_id", "location_id"])
    .execute();

  await primaryKey(
    entity(db.schema.createTable("virtual_platforms"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("join_url_template", "text")
      .addColumn("max_participants", "integer")
      .addColumn("notes", "text")
      .addUniqueConstraint("virtual_platforms_name_key", ["tenant_id", "name"]),
    "virtual_platforms",
  ).execute();

  await primaryKey(
    entity(db.schema.createTable("courses"))
      .addColumn("code", "text", (col) => col.notNull())
      .addColumn("title", "text", (col) => col.notNull())
      .addColumn("description", "text")
      .addColumn("formats_json", "text", (col) => col.notNull())
      .addColumn("duration_days", "integer", (col) => col.notNull())
      .addColumn("day_start_time", "text", (col) => col.notNull())
      .addColumn("day_end_time", "text", (col) => col.notNull())
      .addColumn("min_seats", "integer", (col) => col.notNull())
      .addColumn("max_seats", "integer", (col) => col.notNull())
      .addColumn("required_qualifications_json", "text", (col) => col.notNull())
      .addColumn("required_room_features_json", "text", (col) => col.notNull())
      .addColumn("required_equipment_json", "text", (col) => col.notNull())
      .addColumn("materials_json", "text", (col) => col.notNull())
      .addColumn("list_price_minor", "bigint")
      .addColumn("currency", "text", (col) => col.notNull())
      .addColumn("certificate_validity_months", "integer")
      .addColumn("language", "text")
      .addColumn("tags_json", "text", (col) => col.notNull())
      .addUniqueConstraint("courses_code_key", ["tenant_id", "code"]),
    "courses",
  ).execute();

  await primaryKey(
    entity(db.schema.createTable("instructors"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("email", "text", (col) => col.notNull())
      .addColumn("email_normalized", "text", (col) => col.notNull())
      .addColumn("phone", "text")
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("home_location_id", "text")
      .addColumn("time_zone", "text", (col) => col.notNull())
      .addColumn("day_rate_minor", "bigint")
      .addColumn("hour_rate_minor", "bigint")
      .addColumn("currency", "text", (col) => col.notNull())
      .addColumn("max_days_per_week", "integer")
      .addColumn("max_days_per_month", "integer")
      .addColumn("languages_json", "text", (col) => col.notNull())
      .addColumn("tags_json", "text", (col) => col.notNull())
      .addColumn("notes", "text")
      .addUniqueConstraint("instructors_email_key", ["tenant_id", "email_normalized"])
      .addForeignKeyConstraint(
        "instructors_home_location_fkey",
        ["tenant_id", "home_location_id"],
        "locations",
        ["tenant_id", "id"],
      ),
    "instructors",
  ).execute();
  await db.schema
    .createIndex("instructors_home_location_idx")
    .on("instructors")
    .columns(["tenant_id", "home_location_id"])
    .execute();

  await primaryKey(
    entity(db.schema.createTable("instructor_qualifications"), { archivable: false })
      .addColumn("instructor_id", "text", (col) => col.notNull())
      .addColumn("course_id", "text")
      .addColumn("skill", "text")
      .addColumn("level", "text")
      .addColumn("valid_from", "text")
      .addColumn("valid_until", "text")
      .addColumn("notes", "text")
      .addForeignKeyConstraint(
        "instructor_qualifications_instructor_fkey",
        ["tenant_id", "instructor_id"],
        "instructors",
        ["tenant_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .addForeignKeyConstraint(
        "instructor_qualifications_course_fkey",
        ["tenant_id", "course_id"],
        "courses",
        ["tenant_id", "id"],
      ),
    "instructor_qualifications",
  ).execute();
  await db.schema
    .createIndex("instructor_qualifications_instructor_idx")
    .on("instructor_qualifications")
    .columns(["tenant_id", "instructor_id"])
    .execute();
  await db.schema
    .createIndex("instructor_qualifications_course_idx")
    .on("instructor_qualifications")
    .columns(["tenant_id", "course_id"])
    .execute();
  await db.schema
    .createIndex("instructor_qualifications_skill_idx")
    .on("instructor_qualifications")
    .columns(["tenant_id", "skill"])
    .execute();

  await primaryKey(
    entity(db.schema.createTable("instructor_availability"), { archivable: false })
      .addColumn("instructor_id", "text", (col) => col.notNull())
      .addColumn("weekday", "integer", (col) => col.notNull())
      .addColumn("start_time", "text", (col) => col.notNull())
      .addColumn("end_time", "text", (col) => col.notNull())
      .addColumn("valid_from", "text")
      .addColumn("valid_until", "text")
      .addForeignKeyConstraint(
        "instructor_availability_instructor_fkey",
        ["tenant_id", "instructor_id"],
        "instructors",
        ["tenant_id", "id"],
        (fk) => fk.onDelete("cascade"),
      ),
    "instructor_availability",
  ).execute();
  await db.schema
    .createIndex("instructor_availability_instructor_idx")
    .on("instructor_availability")
    .columns(["tenant_id", "instructor_id"])
    .execute();

  await primaryKey(
    entity(db.schema.createTable("instructor_time_off"), { archivable: false })
      .addColumn("instructor_id", "text", (col) => col.notNull())
      .addColumn("starts_at", "bigint", (col) => col.notNull())
      .addColumn("ends_at", "bigint", (col) => col.notNull())
      .addColumn("start_local", "text", (col) => col.notNull())
      .addColumn("end_local", "text", (col) => col.notNull())
      .addColumn("all_day", "integer", (col) => col.notNull())
      .addColumn("reason", "text")
      .addForeignKeyConstraint(
        "instructor_time_off_instructor_fkey",
        ["tenant_id", "instructor_id"],
        "instructors",
        ["tenant_id", "id"],
        (fk) => fk.onDelete("cascade"),
      ),
    "instructor_time_off",
  ).execute();
  await db.schema
    .createIndex("instructor_time_off_range_idx")
    .on("instructor_time_off")
    .columns(["tenant_id", "instructor_id", "starts_at"])
    .execute();

  await primaryKey(
    entity(db.schema.createTable("clients"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("name_normalized", "text", (col) => col.notNull())
      .addColumn("code", "text")
      .addColumn("contacts_json", "text", (col) => col.notNull())
      .addColumn("billing_json", "text", (col) => col.notNull())
      .addColumn("currency", "text", (col) => col.notNull())
      .addColumn("tags_json", "text", (col) => col.notNull())
      .addColumn("notes", "text")
      .addUniqueConstraint("clients_name_key", ["tenant_id", "name_normalized"]),
    "clients",
  ).execute();

  await primaryKey(
    entity(db.schema.createTable("learners"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("email", "text", (col) => col.notNull())
      .addColumn("email_normalized", "text", (col) => col.notNull())
      .addColumn("client_id", "text")
      .addColumn("manager_email", "text")
      .addColumn("phone", "text")
      .addColumn("language", "text")
      .addColumn("time_zone", "text")
      .addColumn("external_id", "text")
      .addColumn("custom_fields_json", "text", (col) => col.notNull())
      .addColumn("tags_json", "text", (col) => col.notNull())
      .addColumn("notes", "text")
      .addUniqueConstraint("learners_email_key", ["tenant_id", "email_normalized"])
      .addForeignKeyConstraint("learners_client_fkey", ["tenant_id", "client_id"], "clients", [
        "tenant_id",
        "id",
      ]),
    "learners",
  ).execute();
  await db.schema
    .createIndex("learners_client_idx")
    .on("learners")
    .columns(["tenant_id", "client_id"])
    .execute();
}
