import type { Executor } from "../db/database.js";
import type { ApiTokensTable, UsersTable } from "../db/schema.js";

export const authRepository = {
  findTokenByHash: (db: Executor, tokenHash: string) =>
    db.selectFrom("api_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst(),

  listTokens: (db: Executor, tenantId: string) =>
    db.selectFrom("api_tokens").selectAll().where("tenant_id", "=", tenantId).orderBy("id").execute(),

  findToken: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("api_tokens")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  async insertToken(db: Executor, row: ApiTokensTable): Promise<void> {
    await db.insertInto("api_tokens").values(row).execute();
  },

  async updateToken(
    db: Executor,
    tenantId: string,
    id: string,
    values: Partial<ApiTokensTable>,
  ): Promise<void> {
    await db
      .updateTable("api_tokens")
      .set(values)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  findUserByEmail: (db: Executor, tenantId: string, emailNormalized: string) =>
    db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("email_normalized", "=", emailNormalized)
      .executeTakeFirst(),

  findUser: (db: Executor, tenantId: string, id: string) =>
    db
      .selectFrom("users")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst(),

  async insertUser(db: Executor, row: UsersTable): Promise<void> {
    await db.insertInto("users").values(row).execute();
  },
};
