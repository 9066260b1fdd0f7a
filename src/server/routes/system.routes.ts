import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import { auditEventSchema, auditQuerySchema } from "../../core/audit/audit.schemas.js";
import {
  createdTokenSchema,
  meSchema,
  tokenCreateSchema,
  tokenSchema,
} from "../../core/auth/auth.schemas.js";
import { page } from "../../core/shared/schemas.js";
import { tenantPatchSchema, tenantSchema } from "../../core/tenancy/tenancy.schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";

const healthSchema = z
  .object({
    status: z.enum(["ok", "error"]),
    version: z.string(),
    database: z.object({
      status: z.enum(["ok", "error"]),
      dialect: z.enum(["sqlite", "postgres"]),
      latencyMs: z.number().nullable(),
      error: z.string().optional(),
    }),
  })
  .meta({ id: "Health" });

export function registerSystemRoutes(
  app: FastifyInstance,
  core: Pick<Core, "database" | "tenancy" | "auth" | "audit" | "webAuth">,
  version: string,
) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get("/health", {
    config: { public: true },
    schema: {
      tags: ["System"],
      summary: "Liveness and database status",
      security: [],
      response: { 200: healthSchema, 503: healthSchema },
    },
    handler: async (_request, reply) => {
      try {
        const latencyMs = Math.round((await core.database.ping()) * 100) / 100;
        return {
          status: "ok" as const,
          version,
          database: { status: "ok" as const, dialect: core.database.dialect, latencyMs },
        };
      } catch (error) {
        return reply.code(503).send({
          status: "error",
          version,
          database: {
            status: "error",
            dialect: core.database.dialect,
            latencyMs: null,
            error: String(error),
          },
        });
      }
    },
  });

  api.get("/me", {
    schema: {
      tags: ["System"],
      summary: "Who is signed in: tenant, actor and (for people) the user",
      response: { 200: meSchema, ...problemResponses(401) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const [tenant, user] = await Promise.all([core.tenancy.getCurrent(actor), core.webAuth.getUser(actor)]);
      return {
        tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
        actor: {
          kind: actor.kind,
          id: actor.id,
          label: actor.label,
          role: actor.role,
          clientId: actor.clientId ?? null,
          learnerId: actor.learnerId ?? null,
        },
        user: user && { id: user.id, email: user.email, name: user.name, instructorId: user.instructorId },
      };
    },
  });

  api.get("/tenant", {
    schema: {
      tags: ["System"],
      summary: "The current tenant and its defaults",
      response: { 200: tenantSchema, ...problemResponses(401) },
    },
    handler: async (request) => core.tenancy.getCurrent(actorOf(request)),
  });

  api.patch("/tenant", {
    schema: {
      tags: ["System"],
      summary: "Change the tenant's name and defaults",
      body: tenantPatchSchema,
      response: { 200: tenantSchema, ...problemResponses(401, 403, 422) },
    },
    handler: async (request) => core.tenancy.updateCurrent(actorOf(request), request.body),
  });

  api.get("/tokens", {
    schema: {
      tags: ["Auth"],
      summary: "List API tokens of the tenant",
      response: { 200: z.object({ items: z.array(tokenSchema) }), ...problemResponses(401, 403) },
    },
    handler: async (request) => ({ items: await core.auth.listTokens(actorOf(request)) }),
  });

  api.post("/tokens", {
    schema: {
      tags: ["Auth"],
      summary: "Create an API token",
      description: "The response carries the secret once; store it, only its hash is kept.",
      body: tokenCreateSchema,
      response: { 201: createdTokenSchema, ...problemResponses(401, 403, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await core.auth.createToken(actorOf(request), request.body)),
  });

  api.post("/tokens/:id/revoke", {
    schema: {
      tags: ["Auth"],
      summary: "Revoke an API token",
      params: idParams,
      response: { 200: tokenSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => core.auth.revokeToken(actorOf(request), request.params.id),
  });

  api.get("/audit-events", {
    schema: {
      tags: ["System"],
      summary: "Audit trail, newest first",
      querystring: auditQuerySchema,
      response: { 200: page(auditEventSchema), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => core.audit.list(actorOf(request), request.query),
  });
}
