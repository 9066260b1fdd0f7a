import { type Kysely, type SqlBool, sql } from "kysely";

// Enrollments and the learner lifecycle: registrations, waitlists, offers, approvals, attendance,
// certificates, compliance, client seat quotas, policies and public self-registration.
// Same conventions as 0001/0002: tenant_id first in every key, composite foreign keys,
// epoch-ms instants, local dates as text.

const ACTIVE = sql<SqlBool>`status in ('pending_approval', 'enrolled', 'waitlisted', 'offered')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // Policies per course or per session (a session's fields override its course's; null inherits).
  await db.schema
    .createTable("enrollment_policies")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("scope_type", "text", (col) => col.notNull())
    .addColumn("scope_id", "text", (col) => col.notNull())
    .addColumn("waitlist_policy", "text")
    .addColumn("offer_hours", "integer")
    .addColumn("cancellation_cutoff_hours", "integer")
    .addColumn("transfer_cutoff_hours", "integer")
    .addColumn("approval_required", "integer")
    .addColumn("min_attendance_percent", "integer")
    .addColumn("pass_required", "integer")
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("enrollment_policies_pkey", ["tenant_id", "scope_type", "scope_id"])
    .execute();

  await db.schema
    .createTable("enrollments")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("learner_id", "text", (col) => col.notNull())
    .addColumn("client_id", "text")
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("waitlist_position", "integer")
    .addColumn("offer_expires_at", "bigint")
    .addColumn("source", "text", (col) => col.notNull())
    .addColumn("approved_by", "text")
    .addColumn("approved_at", "bigint")
    .addColumn("transferred_from_id", "text")
    .addColumn("transferred_to_id", "text")
    .addColumn("price_minor", "bigint")
    .addColumn("currency", "text", (col) => col.notNull())
    .addColumn("payment_status", "text", (col) => col.notNull())
    .addColumn("payment_reference", "text")
    .addColumn("passed", "integer")
    .addColumn("status_reason", "text")
    .addColumn("completed_at", "bigint")
    .addColumn("cancelled_at", "bigint")
    .addColumn("version", "integer", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("enrollments_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint(
      "enrollments_session_fkey",
      ["tenant_id", "session_id"],
      "sessions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addForeignKeyConstraint("enrollments_learner_fkey", ["tenant_id", "learner_id"], "learners", [
      "tenant_id",
      "id",
    ])
    .addForeignKeyConstraint("enrollments_client_fkey", ["tenant_id", "client_id"], "clients", [
      "tenant_id",
      "id",
    ])
    .execute();
  // One live registration per learner and session (cancelled ones stay as history).
  await db.schema
    .createIndex("enrollments_active_key")
    .on("enrollments")
    .columns(["tenant_id", "session_id", "learner_id"])
    .unique()
    .where(ACTIVE)
    .execute();
  // Dense waitlist positions: two entries never share one.
  await db.schema
    .createIndex("enrollments_waitlist_key")
    .on("enrollments")
    .columns(["tenant_id", "session_id", "waitlist_position"])
    .unique()
    .where(sql<SqlBool>`waitlist_position is not null`)
    .execute();
  // The offer-expiry job scans every tenant for lapsed offers (few rows: only open offers).
  await db.schema
    .createIndex("enrollments_offer_expiry_idx")
    .on("enrollments")
    .columns(["offer_expires_at"])
    .where(sql<SqlBool>`status = 'offered'`)
    .execute();
  for (const [name, columns] of [
    ["enrollments_session_idx", ["tenant_id", "session_id", "status"]],
    ["enrollments_learner_idx", ["tenant_id", "learner_id"]],
    ["enrollments_client_idx", ["tenant_id", "client_id"]],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on("enrollments")
      .columns([...columns])
      .execute();
  }

  await db.schema
    .createTable("enrollment_events")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("enrollment_id", "text", (col) => col.notNull())
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
    .addPrimaryKeyConstraint("enrollment_events_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint(
      "enrollment_events_enrollment_fkey",
      ["tenant_id", "enrollment_id"],
      "enrollments",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("enrollment_events_enrollment_idx")
    .on("enrollment_events")
    .columns(["tenant_id", "enrollment_id", "id"])
    .execute();

  await db.schema
    .createTable("attendance")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("enrollment_id", "text", (col) => col.notNull())
    .addColumn("segment_id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("method", "text", (col) => col.notNull())
    .addColumn("recorded_at", "bigint", (col) => col.notNull())
    .addColumn("recorded_by", "text")
    .addPrimaryKeyConstraint("attendance_pkey", ["tenant_id", "enrollment_id", "segment_id"])
    .addForeignKeyConstraint(
      "attendance_enrollment_fkey",
      ["tenant_id", "enrollment_id"],
      "enrollments",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addForeignKeyConstraint(
      "attendance_segment_fkey",
      ["tenant_id", "segment_id"],
      "session_segments",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("attendance_session_idx")
    .on("attendance")
    .columns(["tenant_id", "session_id"])
    .execute();

  // Per-session check-in code (QR-friendly URL); the code alone finds the session, so it is unique.
  await db.schema
    .createTable("session_check_in_codes")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("code", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("session_check_in_codes_pkey", ["tenant_id", "session_id"])
    .addForeignKeyConstraint(
      "session_check_in_codes_session_fkey",
      ["tenant_id", "session_id"],
      "sessions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("session_check_in_codes_code_key")
    .on("session_check_in_codes")
    .columns(["code"])
    .unique()
    .execute();

  await db.schema
    .createTable("certificates")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("enrollment_id", "text", (col) => col.notNull())
    .addColumn("learner_id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("course_id", "text", (col) => col.notNull())
    .addColumn("client_id", "text")
    .addColumn("verification_code", "text", (col) => col.notNull())
    .addColumn("learner_name", "text", (col) => col.notNull())
    .addColumn("course_title", "text", (col) => col.notNull())
    .addColumn("instructor_names", "text", (col) => col.notNull())
    .addColumn("start_date", "text", (col) => col.notNull())
    .addColumn("end_date", "text", (col) => col.notNull())
    .addColumn("issued_on", "text", (col) => col.notNull())
    .addColumn("expires_on", "text")
    .addColumn("revoked_at", "bigint")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("certificates_pkey", ["tenant_id", "id"])
    .addUniqueConstraint("certificates_enrollment_key", ["tenant_id", "enrollment_id"])
    .addForeignKeyConstraint(
      "certificates_enrollment_fkey",
      ["tenant_id", "enrollment_id"],
      "enrollments",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  // The public verification looks a code up without a tenant: the code is globally unique.
  await db.schema
    .createIndex("certificates_code_key")
    .on("certificates")
    .columns(["verification_code"])
    .unique()
    .execute();
  await db.schema
    .createIndex("certificates_learner_idx")
    .on("certificates")
    .columns(["tenant_id", "learner_id", "course_id"])
    .execute();
  await db.schema
    .createIndex("certificates_expiry_idx")
    .on("certificates")
    .columns(["tenant_id", "expires_on"])
    .execute();

  await db.schema
    .createTable("compliance_requirements")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("client_id", "text")
    .addColumn("learner_tag", "text")
    .addColumn("course_id", "text", (col) => col.notNull())
    .addColumn("renew_months", "integer")
    .addColumn("due_soon_days", "integer", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("compliance_requirements_pkey", ["tenant_id", "id"])
    .addForeignKeyConstraint("compliance_requirements_course_fkey", ["tenant_id", "course_id"], "courses", [
      "tenant_id",
      "id",
    ])
    .addForeignKeyConstraint("compliance_requirements_client_fkey", ["tenant_id", "client_id"], "clients", [
      "tenant_id",
      "id",
    ])
    .execute();

  await db.schema
    .createTable("client_seat_quotas")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("seats", "integer", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("client_seat_quotas_pkey", ["tenant_id", "session_id", "client_id"])
    .addForeignKeyConstraint(
      "client_seat_quotas_session_fkey",
      ["tenant_id", "session_id"],
      "sessions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .addForeignKeyConstraint("client_seat_quotas_client_fkey", ["tenant_id", "client_id"], "clients", [
      "tenant_id",
      "id",
    ])
    .execute();

  // Public self-registration: one row per e-mail and session, confirmed through a token.
  await db.schema
    .createTable("self_registrations")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("session_id", "text", (col) => col.notNull())
    .addColumn("email", "text", (col) => col.notNull())
    .addColumn("email_normalized", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("token_hash", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addColumn("enrollment_id", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("confirmed_at", "bigint")
    .addPrimaryKeyConstraint("self_registrations_pkey", ["tenant_id", "id"])
    .addUniqueConstraint("self_registrations_email_key", ["tenant_id", "session_id", "email_normalized"])
    .addForeignKeyConstraint(
      "self_registrations_session_fkey",
      ["tenant_id", "session_id"],
      "sessions",
      ["tenant_id", "id"],
      (c) => c.onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("self_registrations_token_key")
    .on("self_registrations")
    .columns(["token_hash"])
    .unique()
    .execute();
}
