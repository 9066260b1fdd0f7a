import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import { AppError } from "../../core/errors.js";
import { email } from "../../core/shared/schemas.js";
import { tenantSlug } from "../../core/tenancy/tenancy.schemas.js";
import { signInLinkConsumeSchema } from "../../core/web-auth/sign-in-link.js";
import {
  loginResultSchema,
  loginSchema,
  userCreateSchema,
  userPatchSchema,
  userSchema,
} from "../../core/web-auth/web-auth.schemas.js";
import { actorOf } from "../auth.js";
import { clearLoginCookies, setLoginCookies } from "../cookies.js";
import { problemResponses } from "../problem.js";
import { createLimiter, rateLimited, sendRateLimited } from "./rate-limit.js";

const tags = ["Auth"];

/** Login attempts per IP (any outcome) and failed attempts per account, each per window. */
export const LOGIN_LIMITS = {
  perIp: { max: 30, windowMs: 10 * 60_000 },
  perAccount: { max: 10, windowMs: 15 * 60_000 },
};

export function registerWebAuthRoutes(app: FastifyInstance, core: Pick<Core, "webAuth">) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const byIp = createLimiter(LOGIN_LIMITS.perIp);
  const byAccount = createLimiter(LOGIN_LIMITS.perAccount);
  const linkLimit = rateLimited({ max: 10, windowMs: 10 * 60_000 });
  const redeemLimit = rateLimited({ max: 30, windowMs: 10 * 60_000 });

  api.post("/auth/login", {
    config: { public: true },
    schema: {
      tags,
      summary: "Sign in to the web app (cookie session)",
      description:
        "Sets an HttpOnly, SameSite=Lax session cookie (lectern_session) and a readable CSRF cookie (lectern_csrf). Requests authenticated by the cookie that change anything (POST, PUT, PATCH, DELETE) must send the CSRF token as the X-CSRF-Token header, or they are refused with 403. Scripts should use bearer tokens instead. Rate-limited: 30 attempts per IP per 10 minutes, and 10 failed attempts per account per 15 minutes (then even the right password waits); over a limit the answer is 429 with Retry-After.",
      security: [],
      body: loginSchema,
      response: { 200: loginResultSchema, ...problemResponses(401, 422, 429) },
    },
    handler: async (request, reply) => {
      const account = `${request.body.tenant ?? ""}|${request.body.email.trim().toLowerCase()}`;
      const ipWait = byIp.hit(request.ip);
      if (ipWait !== null)
        return sendRateLimited(
          request,
          reply,
          ipWait,
          "Too many sign-in attempts from this address; retry later",
        );
      const accountWait = byAccount.blocked(account);
      if (accountWait !== null)
        return sendRateLimited(
          request,
          reply,
          accountWait,
          "Too many failed sign-ins for this account; retry later",
        );
      try {
        const login = await core.webAuth.login(request.body);
        byAccount.reset(account);
        setLoginCookies(request, reply, login);
        return login.result;
      } catch (error) {
        if (error instanceof AppError && error.code === "unauthenticated") byAccount.hit(account);
        throw error;
      }
    },
  });

  api.post("/auth/sign-in-link", {
    config: { public: true },
    preHandler: linkLimit,
    schema: {
      tags,
      summary: "E-mail a learner a sign-in link (learner portal; no password)",
      description:
        "Always 202 with the same body, whether or not the address belongs to a learner: the answer tells nobody who is registered. A learner of the tenant gets an e-mail with a link that works once, for 15 minutes (at most 3 links per 15 minutes). Staff sign in with their password. Rate-limited per IP.",
      security: [],
      body: z.object({ tenant: tenantSlug, email }),
      response: {
        202: z.object({ status: z.literal("link_requested") }),
        ...problemResponses(404, 422, 429),
      },
    },
    handler: async (request, reply) =>
      reply.code(202).send(await core.webAuth.requestSignInLink(request.body.tenant, request.body.email)),
  });

  api.post("/auth/sign-in-link/redeem", {
    config: { public: true },
    preHandler: redeemLimit,
    schema: {
      tags,
      summary: "Sign in with the link from the e-mail (cookie session, like login)",
      description:
        "The link's token works once. The learner account (role learner, bound to the learner) is made on first use. Sets the same cookies as /auth/login.",
      security: [],
      body: signInLinkConsumeSchema,
      response: { 200: loginResultSchema, ...problemResponses(401, 422, 429) },
    },
    handler: async (request, reply) => {
      const login = await core.webAuth.signInWithLink(request.body.token);
      setLoginCookies(request, reply, login);
      return login.result;
    },
  });

  api.post("/auth/logout", {
    schema: {
      tags,
      summary: "Sign out of the web app",
      description: "Ends the cookie session (with the CSRF header) and clears both cookies.",
      response: { 204: z.undefined().meta({ description: "Signed out" }), ...problemResponses(401, 403) },
    },
    handler: async (request, reply) => {
      if (request.webSession) await core.webAuth.logout(request.webSession);
      clearLoginCookies(request, reply);
      return reply.code(204).send();
    },
  });

  api.get("/users", {
    schema: {
      tags,
      summary: "List the people who sign in to the web app",
      response: { 200: z.object({ items: z.array(userSchema) }), ...problemResponses(401, 403) },
    },
    handler: async (request) => ({ items: await core.webAuth.listUsers(actorOf(request)) }),
  });

  api.post("/users", {
    schema: {
      tags,
      summary: "Add a web app user",
      description: "An instructor user is linked to their instructor record and sees the instructor portal.",
      body: userCreateSchema,
      response: { 201: userSchema, ...problemResponses(401, 403, 409, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await core.webAuth.createUser(actorOf(request), request.body)),
  });

  api.patch("/users/:id", {
    schema: {
      tags,
      summary: "Change a user's name or role, or deactivate (and reactivate) them",
      description:
        "A new role drops the old binding unless instructorId or clientId is given. Deactivating ends the user's sessions at once. Learner accounts keep their role; the last active admin cannot be demoted or deactivated (409).",
      params: z.object({ id: z.string().min(1).max(100) }),
      body: userPatchSchema,
      response: { 200: userSchema, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request) => core.webAuth.updateUser(actorOf(request), request.params.id, request.body),
  });
}
