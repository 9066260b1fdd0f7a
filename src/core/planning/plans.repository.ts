import type { Dialect, Executor } from "../db/database.js";
import type { PlansTable } from "../db/schema.js";

type PlanChanges = Partial<Omit<PlansTable, "tenant_id" | "id" | "created_at" | "created_by">>;

/** SQL for planner jobs. */
export const planRepository = {
  insert: (db: Executor, row: PlansTable) => db.insertInto("plans").values(row).execute(),

  find: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("plans")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  list: (db: Executor, tenantId: string, options: { status?: string; beforeId?: string; limit: number }) => {
    let query = db.selectFrom("plans").selectAll().where("tenant_id", "=", tenantId);
    if (options.status) query = query.where("status", "=", options.status);
    if (options.beforeId) query = query.where("id", "<", options.beforeId);
    return query.orderBy("id", "desc").limit(options.limit).execute();
  },

  /** Ids of the tenant's plans in one of `statuses` whose last write is older than `before`. */
  idleIds: async (db: Executor, tenantId: string, statuses: string[], before: number) =>
    (
      await db
        .selectFrom("plans")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("status", "in", statuses)
        .where("updated_at", "<", before)
        .execute()
    ).map((row) => row.id),

  /** Serialises plan creation per tenant until the transaction ends (SQLite: its one writer already does). */
  async lockTenant(db: Executor, dialect: Dialect, tenantId: string) {
    if (dialect !== "postgres") return;
    await db.selectFrom("tenants").select("id").where("id", "=", tenantId).forUpdate().execute();
  },

  /** How many of the tenant's plans in one of `statuses` were written at or after `since`. */
  countLive: async (db: Executor, tenantId: string, statuses: string[], since: number) =>
    Number(
      (
        await db
          .selectFrom("plans")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("tenant_id", "=", tenantId)
          .where("status", "in", statuses)
          .where("updated_at", ">=", since)
          .executeTakeFirstOrThrow()
      ).n,
    ),

  update: (db: Executor, tenantId: string, id: string, changes: PlanChanges) =>
    db.updateTable("plans").set(changes).where("tenant_id", "=", tenantId).where("id", "=", id).execute(),

  /** Changes the plan only while it is in one of `from`; true when it did (a claim). */
  async transition(
    db: Executor,
    tenantId: string,
    id: string,
    from: string[],
    changes: PlanChanges,
  ): Promise<boolean> {
    const result = await db
      .updateTable("plans")
      .set(changes)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .where("status", "in", from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** Claims a plan for applying: a finished one, or one whose applier stopped writing long ago. */
  async claimForApply(db: Executor, tenantId: string, id: string, now: number, staleBefore: number) {
    const result = await db
      .updateTable("plans")
      .set({ status: "applying", updated_at: now })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .where((eb) =>
        eb.or([
          eb("status", "=", "done"),
          eb.and([eb("status", "=", "applying"), eb("updated_at", "<", staleBefore)]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  status: async (db: Executor, tenantId: string, id: string) =>
    (
      await db
        .selectFrom("plans")
        .select("status")
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst()
    )?.status,
};
