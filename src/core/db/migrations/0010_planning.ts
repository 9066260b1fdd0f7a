import type { Kysely } from "kysely";

// Planner jobs (issue 6, phase 2): what was asked, how the search is going and what it proposed.
// The solver runs in a worker thread of the process that accepted the plan; any process can read
// its progress here, and a plan whose heartbeat (updated_at) stops is reported as failed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("plans")
    .addColumn("tenant_id", "text", (col) => col.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("id", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("input_json", "text", (col) => col.notNull())
    .addColumn("seed", "integer", (col) => col.notNull())
    .addColumn("time_limit_ms", "integer", (col) => col.notNull())
    .addColumn("max_iterations", "integer", (col) => col.notNull())
    .addColumn("progress", "double precision", (col) => col.notNull().defaultTo(0))
    .addColumn("iterations", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("best_hard", "integer")
    .addColumn("best_soft", "double precision")
    .addColumn("result_json", "text")
    .addColumn("apply_json", "text")
    .addColumn("error", "text")
    .addColumn("created_by", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addColumn("started_at", "bigint")
    .addColumn("finished_at", "bigint")
    .addColumn("applied_at", "bigint")
    .addPrimaryKeyConstraint("plans_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("plans_status_idx").on("plans").columns(["tenant_id", "status"]).execute();
}
