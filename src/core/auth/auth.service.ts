import { recordAudit } from "../audit/audit.service.js";
import type { Database } from "../db/database.js";
import type { ApiTokensTable } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { type Clock, toIso, toIsoOrNull } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { type Actor, authorize, type Role } from "./actor.js";
import { authRepository } from "./auth.repository.js";
import type { ApiToken, CreatedApiToken, TokenCreate } from "./auth.schemas.js";
import { clientBindingErrors } from "./client-binding.js";
import { generateApiToken, generatePassword, hashPassword, hashToken, tokenPrefix } from "./secrets.js";

// Writing last_used_at on every request would turn each read into a write; a minute is precise enough.
const LAST_USED_RESOLUTION_MS = 60_000;

const presentToken = (row: ApiTokensTable): ApiToken => ({
  id: row.id,
  name: row.name,
  role: row.role as Role,
  prefix: row.token_prefix,
  userId: row.user_id,
  clientId: row.client_id ?? null,
  createdAt: toIso(row.created_at),
  lastUsedAt: toIsoOrNull(row.last_used_at),
  expiresAt: toIsoOrNull(row.expires_at),
  revokedAt: toIsoOrNull(row.revoked_at),
});

export function createAuthService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const { db } = deps.database;

  /** 422 naming clientId unless the role and its client binding agree (see client-binding.ts). */
  async function assertClientBinding(tenantId: string, role: Role, clientId: string | null | undefined) {
    const errors = await clientBindingErrors(db, tenantId, role, clientId);
    if (errors.length > 0) {
      throw new AppError("validation_failed", `clientId: ${errors[0]!.message}`, { errors });
    }
  }

  async function issueToken(
    actor: Actor,
    input: Omit<TokenCreate, "clientId"> & { clientId?: string | null; userId?: string | null },
    secret = generateApiToken(),
  ): Promise<CreatedApiToken> {
    return db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const row: ApiTokensTable = {
        tenant_id: actor.tenantId,
        id: newId(),
        user_id: input.userId ?? null,
        name: input.name,
        role: input.role,
        token_hash: hashToken(secret),
        token_prefix: tokenPrefix(secret),
        created_by: actor.id,
        created_at: now,
        updated_at: now,
        last_used_at: null,
        expires_at: input.expiresAt ? Date.parse(input.expiresAt) : null,
        revoked_at: null,
        client_id: input.clientId ?? null,
      };
      await authRepository.insertToken(trx, row);
      const token = presentToken(row);
      await recordAudit(trx, actor, now, {
        action: "create",
        entityType: "api_token",
        entityId: row.id,
        after: token,
      });
      return { ...token, token: secret };
    });
  }

  return {
    /** Resolves a bearer token to its actor, or null when unknown, revoked or expired. */
    async authenticate(secret: string, requestId?: string): Promise<Actor | null> {
      const row = await authRepository.findTokenByHash(db, hashToken(secret));
      const now = deps.clock.now();
      if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) return null;
      if (row.last_used_at === null || now - row.last_used_at > LAST_USED_RESOLUTION_MS) {
        await authRepository.updateToken(db, row.tenant_id, row.id, { last_used_at: now });
      }
      return {
        tenantId: row.tenant_id,
        kind: "token",
        id: row.id,
        label: row.name,
        role: row.role as Role,
        requestId,
        clientId: row.client_id ?? null,
      };
    },

    async createToken(actor: Actor, input: TokenCreate): Promise<CreatedApiToken> {
      authorize(actor, "tokens:manage");
      if (input.expiresAt && Date.parse(input.expiresAt) <= deps.clock.now()) {
        throw new AppError("validation_failed", "expiresAt is in the past", {
          errors: [{ path: "expiresAt", message: "must be in the future" }],
        });
      }
      await assertClientBinding(actor.tenantId, input.role, input.clientId);
      return issueToken(actor, input);
    },

    /** For the CLI and bootstrap: a token with a chosen secret (e.g. LECTERN_ADMIN_TOKEN). */
    issueToken,

    /** For the CLI: checks a role's client binding before issueToken (the API does it in createToken). */
    assertClientBinding,

    async tokenExists(secret: string): Promise<boolean> {
      return (await authRepository.findTokenByHash(db, hashToken(secret))) !== undefined;
    },

    async listTokens(actor: Actor): Promise<ApiToken[]> {
      authorize(actor, "tokens:manage");
      return (await authRepository.listTokens(db, actor.tenantId)).map(presentToken);
    },

    async revokeToken(actor: Actor, id: string): Promise<ApiToken> {
      authorize(actor, "tokens:manage");
      return db.transaction().execute(async (trx) => {
        const row = await authRepository.findToken(trx, actor.tenantId, id);
        if (!row) throw notFound("API token", id);
        const now = deps.clock.now();
        if (row.revoked_at === null)
          await authRepository.updateToken(trx, actor.tenantId, id, { revoked_at: now, updated_at: now });
        const after = presentToken({ ...row, revoked_at: row.revoked_at ?? now });
        await recordAudit(trx, actor, now, {
          action: "revoke",
          entityType: "api_token",
          entityId: id,
          before: presentToken(row),
          after,
        });
        return after;
      });
    },

    /** Creates the tenant's first admin user; returns the password when one was generated. */
    async createAdminUser(actor: Actor, input: { email: string; name: string; password?: string }) {
      const password = input.password ?? generatePassword();
      const emailNormalized = input.email.trim().toLowerCase();
      const passwordHash = await hashPassword(password);
      return db.transaction().execute(async (trx) => {
        const existing = await authRepository.findUserByEmail(trx, actor.tenantId, emailNormalized);
        if (existing) return { userId: existing.id, password: null };
        const now = deps.clock.now();
        const id = newId();
        await authRepository.insertUser(trx, {
          tenant_id: actor.tenantId,
          id,
          email: input.email.trim(),
          email_normalized: emailNormalized,
          name: input.name,
          role: "admin",
          password_hash: passwordHash,
          disabled_at: null,
          created_at: now,
          updated_at: now,
        });
        await recordAudit(trx, actor, now, {
          action: "create",
          entityType: "user",
          entityId: id,
          after: { email: input.email, role: "admin" },
        });
        return { userId: id, password };
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
