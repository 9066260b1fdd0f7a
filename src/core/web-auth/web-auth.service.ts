import { randomBytes, timingSafeEqual } from "node:crypto";
import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize, type Role } from "../auth/actor.js";
import { authRepository } from "../auth/auth.repository.js";
import { clientBindingErrors } from "../auth/client-binding.js";
import { hashPassword, hashToken, verifyPassword } from "../auth/secrets.js";
import type { Database } from "../db/database.js";
import type { UsersTable } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { openWebSession, SESSION_IDLE_MS, SESSION_MAX_MS } from "./open-web-session.js";
import { presentUser } from "./present-user.js";
import { requestSignInLink, signInWithLink } from "./sign-in-link.js";
import { updateUser } from "./update-user.js";
import { webAuthRepository } from "./web-auth.repository.js";
import type { LoginInput, User, UserCreate, UserPatch } from "./web-auth.schemas.js";

const toTenant = (row: { tenant_slug: string; tenant_name: string }) => ({
  slug: row.tenant_slug,
  name: row.tenant_name,
});

export { SESSION_IDLE_MS, SESSION_MAX_MS } from "./open-web-session.js";
export { presentUser };

// Sliding the expiry on every request would turn each read into a write; a minute is precise enough.
const TOUCH_RESOLUTION_MS = 60_000;

const badLogin = () => new AppError("unauthenticated", "The email or password is wrong");

// Verifying against a throwaway hash when the email is unknown keeps both answers equally slow.
let decoyHash: Promise<string> | null = null;

export interface WebSessionAuth {
  actor: Actor;
  sessionId: string;
  csrfHash: string;
}

export function createWebAuthService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const { db } = deps.database;

  return {
    /** Checks email and password; opens a session whose secret only the caller (the cookie) holds. */
    async login(input: LoginInput) {
      const candidates = await webAuthRepository.findLoginCandidates(db, input.email.trim().toLowerCase());
      const inTenant = input.tenant ? candidates.filter((c) => c.tenant_slug === input.tenant) : candidates;
      if (inTenant.length > 1) {
        throw new AppError("validation_failed", "This email has a login in several tenants; choose one", {
          errors: [{ path: "tenant", message: "is required for this email" }],
        });
      }
      const user = inTenant[0];
      if (!user?.password_hash) {
        decoyHash ??= hashPassword(randomBytes(12).toString("hex"));
        await verifyPassword(input.password, await decoyHash);
        throw badLogin();
      }
      if (!(await verifyPassword(input.password, user.password_hash)) || user.disabled_at !== null) {
        throw badLogin();
      }
      const now = deps.clock.now();
      return db.transaction().execute((trx) => openWebSession(trx, user, toTenant(user), now));
    },

    /** Resolves a session cookie to its actor, or null when unknown, expired or the user is disabled. */
    async authenticate(secret: string, requestId?: string): Promise<WebSessionAuth | null> {
      const row = await webAuthRepository.findSessionByHash(db, hashToken(secret));
      const now = deps.clock.now();
      if (!row || row.user_disabled_at !== null) return null;
      if (row.expires_at <= now || now - row.created_at >= SESSION_MAX_MS) return null;
      if (now - row.last_seen_at > TOUCH_RESOLUTION_MS) {
        await webAuthRepository.touchSession(db, row.tenant_id, row.id, now, now + SESSION_IDLE_MS);
      }
      return {
        sessionId: row.id,
        csrfHash: row.csrf_hash,
        actor: {
          tenantId: row.tenant_id,
          kind: "user",
          id: row.user_id,
          label: row.user_name,
          role: row.user_role as Role,
          requestId,
          instructorId: row.user_instructor_id ?? null,
          clientId: row.user_client_id ?? null,
          learnerId: row.user_learner_id ?? null,
        },
      };
    },

    /** Whether a request's CSRF header matches its session's token (constant time). */
    csrfMatches(session: Pick<WebSessionAuth, "csrfHash">, header: string | undefined): boolean {
      if (!header) return false;
      const given = Buffer.from(hashToken(header), "hex");
      const expected = Buffer.from(session.csrfHash, "hex");
      return given.length === expected.length && timingSafeEqual(given, expected);
    },

    async logout(session: Pick<WebSessionAuth, "actor" | "sessionId">): Promise<void> {
      await webAuthRepository.deleteSession(db, session.actor.tenantId, session.sessionId);
    },

    async getUser(actor: Actor): Promise<User | null> {
      if (actor.kind !== "user" || !actor.id) return null;
      const row = await authRepository.findUser(db, actor.tenantId, actor.id);
      return row ? presentUser(row) : null;
    },

    /** A learner asks for an e-mailed sign-in link (same answer whether the address is known). */
    requestSignInLink: (tenantSlug: string, email: string) => requestSignInLink(deps, tenantSlug, email),
    /** A learner follows their link: a web session, like login's. */
    signInWithLink: (token: string) => signInWithLink(deps, token),
    updateUser: (actor: Actor, id: string, patch: UserPatch) => updateUser(deps, actor, id, patch),

    async listUsers(actor: Actor): Promise<User[]> {
      authorize(actor, "tenant:manage");
      return (await webAuthRepository.listUsers(db, actor.tenantId)).map(presentUser);
    },

    /** Adds a person who signs in to the web app (an instructor user is linked to their instructor). */
    async createUser(
      actor: Actor,
      input: Omit<UserCreate, "clientId"> & { clientId?: string | null },
    ): Promise<User> {
      authorize(actor, "tenant:manage");
      const emailNormalized = input.email.toLowerCase();
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        const errors = [];
        if (await webAuthRepository.findUserByEmail(trx, actor.tenantId, emailNormalized)) {
          throw new AppError("conflict", `A user with email ${input.email} exists`, {
            errors: [{ path: "email", message: "is taken" }],
          });
        }
        if (
          input.instructorId &&
          !(await webAuthRepository.instructorExists(trx, actor.tenantId, input.instructorId))
        )
          errors.push({ path: "instructorId", message: "is not an instructor of this tenant" });
        if (input.role === "instructor" && !input.instructorId)
          errors.push({ path: "instructorId", message: "is required for the instructor role" });
        errors.push(...(await clientBindingErrors(trx, actor.tenantId, input.role, input.clientId)));
        if (errors.length > 0) throw new AppError("validation_failed", "The user is not valid", { errors });
        const now = deps.clock.now();
        const row: UsersTable = {
          tenant_id: actor.tenantId,
          id: newId(),
          email: input.email,
          email_normalized: emailNormalized,
          name: input.name,
          role: input.role,
          password_hash: passwordHash,
          disabled_at: null,
          instructor_id: input.instructorId,
          client_id: input.clientId ?? null,
          learner_id: null,
          created_at: now,
          updated_at: now,
        };
        await webAuthRepository.insertUser(trx, row);
        const user = presentUser(row);
        await recordAudit(trx, actor, now, {
          action: "create",
          entityType: "user",
          entityId: row.id,
          after: user,
        });
        return user;
      });
    },
  };
}

export type WebAuthService = ReturnType<typeof createWebAuthService>;
