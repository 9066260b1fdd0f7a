import { randomBytes } from "node:crypto";
import { hashToken } from "../auth/secrets.js";
import type { Executor } from "../db/database.js";
import type { UsersTable } from "../db/schema.js";
import { toIso } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { presentUser } from "./present-user.js";
import { webAuthRepository } from "./web-auth.repository.js";

/** A session ends after this long without a request … */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** … and in any case this long after login. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Opens a web session for a user who proved who they are (password or sign-in link). Only the
 * caller (the cookie) gets the secret; the database keeps hashes.
 */
export async function openWebSession(
  trx: Executor,
  user: UsersTable,
  tenant: { slug: string; name: string },
  now: number,
) {
  const secret = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = now + SESSION_IDLE_MS;
  await webAuthRepository.deleteExpired(trx, user.tenant_id, user.id, now);
  await webAuthRepository.insertSession(trx, {
    tenant_id: user.tenant_id,
    id: newId(),
    user_id: user.id,
    token_hash: hashToken(secret),
    csrf_hash: hashToken(csrfToken),
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
  });
  return {
    secret,
    csrfToken,
    maxAgeSeconds: Math.floor(SESSION_MAX_MS / 1000),
    result: {
      user: presentUser(user),
      tenant: { id: user.tenant_id, slug: tenant.slug, name: tenant.name },
      csrfToken,
      expiresAt: toIso(expiresAt),
    },
  };
}
