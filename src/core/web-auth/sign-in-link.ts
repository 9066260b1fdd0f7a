import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashToken } from "../auth/secrets.js";
import type { Database } from "../db/database.js";
import type { UsersTable } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { enqueueJobs } from "../jobs/enqueue-job.js";
import { type Clock, toIso } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { email } from "../shared/schemas.js";
import { tenantRepository } from "../tenancy/tenant.repository.js";
import { openWebSession } from "./open-web-session.js";
import { signInLinkRepository as repo } from "./sign-in-links.repository.js";

// Learners sign in without a password: they ask for a link, which goes to the address their
// learner record has. The link works once, for 15 minutes, and only its SHA-256 is stored. The
// answer to the request never says whether the address is known (no account enumeration).

export const SIGN_IN_LINK_MS = 15 * 60_000;
/** At most this many links per learner per window, so nobody can flood an inbox. */
export const LINKS_PER_WINDOW = 3;
export const LINK_WINDOW_MS = 15 * 60_000;

export const signInLinkRequestSchema = z.object({ email });
export const signInLinkConsumeSchema = z.object({ token: z.string().min(20).max(200) });

const signInPath = (token: string) => `/sign-in/link?token=${token}`;
const badLink = () =>
  new AppError("unauthenticated", "This sign-in link is unknown, used or expired; ask for a new one");

interface Deps {
  database: Pick<Database, "db">;
  clock: Clock;
}

/**
 * A learner asks for a sign-in link. When the address is a live learner's of the tenant (and not
 * a staff user's, who signs in with a password), a `learner.sign_in_link` job e-mails the link.
 * The answer is the same in every case.
 */
export async function requestSignInLink(deps: Deps, tenantSlug: string, address: string) {
  const { db } = deps.database;
  const answer = { status: "link_requested" as const };
  const tenant = await tenantRepository.findBySlug(db, tenantSlug);
  if (!tenant) throw notFound("Tenant", tenantSlug);
  const normalized = address.trim().toLowerCase();
  await db.transaction().execute(async (trx) => {
    const learner = await repo.liveLearnerByEmail(trx, tenant.id, normalized);
    if (!learner) return;
    const user = await repo.userByEmail(trx, tenant.id, normalized);
    if (user && (user.role !== "learner" || user.disabled_at !== null)) return;
    const now = deps.clock.now();
    if ((await repo.countSince(trx, tenant.id, learner.id, now - LINK_WINDOW_MS)) >= LINKS_PER_WINDOW) return;
    await repo.deleteExpired(trx, tenant.id, learner.id, now - LINK_WINDOW_MS);
    const token = randomBytes(32).toString("base64url");
    const id = newId();
    const expiresAt = now + SIGN_IN_LINK_MS;
    await repo.insert(trx, {
      tenant_id: tenant.id,
      id,
      learner_id: learner.id,
      token_hash: hashToken(token),
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
    });
    await enqueueJobs(trx, tenant.id, now, [
      {
        type: "learner.sign_in_link",
        payload: {
          learnerId: learner.id,
          email: learner.email,
          name: learner.name,
          signInUrl: signInPath(token),
          expiresAt: toIso(expiresAt),
        },
        idempotencyKey: `sign-in-link:${id}`,
      },
    ]);
  });
  return answer;
}

/**
 * Following the link: it is used up (once, even under concurrent clicks), the learner's account
 * is made on first use (role learner, bound to the learner, no password), and a web session opens.
 */
export async function signInWithLink(deps: Deps, token: string) {
  const { db } = deps.database;
  return db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const link = await repo.byTokenHash(trx, hashToken(token));
    if (!link || link.used_at !== null || link.expires_at <= now || link.learner_archived_at !== null)
      throw badLink();
    if (!(await repo.markUsed(trx, link.tenant_id, link.id, now))) throw badLink();
    let user: UsersTable | undefined = await repo.userByEmail(
      trx,
      link.tenant_id,
      link.learner_email_normalized,
    );
    if (user && (user.role !== "learner" || user.learner_id !== link.learner_id || user.disabled_at !== null))
      throw badLink();
    if (!user) {
      const row: UsersTable = {
        tenant_id: link.tenant_id,
        id: newId(),
        email: link.learner_email,
        email_normalized: link.learner_email_normalized,
        name: link.learner_name,
        role: "learner",
        password_hash: null,
        disabled_at: null,
        instructor_id: null,
        client_id: null,
        learner_id: link.learner_id,
        created_at: now,
        updated_at: now,
      };
      await repo.insertUser(trx, row);
      user = row;
    }
    return openWebSession(trx, user, { slug: link.tenant_slug, name: link.tenant_name }, now);
  });
}
