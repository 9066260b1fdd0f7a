import type { Executor } from "../db/database.js";
import type { ComplianceRequirementsTable } from "../db/schema.js";

export const complianceRepository = {
  insert: (db: Executor, row: ComplianceRequirementsTable) =>
    db.insertInto("compliance_requirements").values(row).execute(),

  find(db: Executor, tenantId: string, id: string) {
    return db
      .selectFrom("compliance_requirements")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
  },

  list(db: Executor, tenantId: string, filter: { clientId?: string; id?: string } = {}) {
    let query = db.selectFrom("compliance_requirements").selectAll().where("tenant_id", "=", tenantId);
    if (filter.id) query = query.where("id", "=", filter.id);
    if (filter.clientId)
      query = query.where((eb) =>
        eb.or([eb("client_id", "=", filter.clientId!), eb("client_id", "is", null)]),
      );
    return query.orderBy("id").execute();
  },

  async update(db: Executor, tenantId: string, id: string, values: Partial<ComplianceRequirementsTable>) {
    await db
      .updateTable("compliance_requirements")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async remove(db: Executor, tenantId: string, id: string) {
    await db
      .deleteFrom("compliance_requirements")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  /** Active learners, optionally of one client or one id. */
  learners(db: Executor, tenantId: string, filter: { clientId?: string; learnerId?: string }) {
    let query = db
      .selectFrom("learners")
      .select(["id", "name", "client_id", "tags_json"])
      .where("tenant_id", "=", tenantId)
      .where("archived_at", "is", null);
    if (filter.clientId) query = query.where("client_id", "=", filter.clientId);
    if (filter.learnerId) query = query.where("id", "=", filter.learnerId);
    return query.orderBy("id").limit(10_000).execute();
  },
};
