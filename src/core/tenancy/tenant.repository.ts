import type { Executor } from "../db/database.js";
import type { TenantsTable } from "../db/schema.js";

export const tenantRepository = {
  findById: (db: Executor, id: string) =>
    db.selectFrom("tenants").selectAll().where("id", "=", id).executeTakeFirst(),

  findBySlug: (db: Executor, slug: string) =>
    db.selectFrom("tenants").selectAll().where("slug", "=", slug).executeTakeFirst(),

  async count(db: Executor): Promise<number> {
    const row = await db
      .selectFrom("tenants")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  async insert(db: Executor, row: TenantsTable): Promise<void> {
    await db.insertInto("tenants").values(row).execute();
  },

  async update(db: Executor, id: string, values: Partial<TenantsTable>): Promise<void> {
    await db.updateTable("tenants").set(values).where("id", "=", id).execute();
  },
};
