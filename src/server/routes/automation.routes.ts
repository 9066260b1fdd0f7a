import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import { jobQuerySchema, jobSchema } from "../../core/jobs/jobs.schemas.js";
import { page } from "../../core/shared/schemas.js";
import {
  createdSubscriptionSchema,
  deliveryQuerySchema,
  deliverySchema,
  subscriptionInputSchema,
  subscriptionPatchSchema,
  subscriptionSchema,
} from "../../core/webhooks/webhooks.schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";

export function registerAutomationRoutes(app: FastifyInstance, core: Pick<Core, "jobs" | "webhooks">) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get("/jobs", {
    schema: {
      tags: ["Jobs"],
      summary: "Background jobs (admin); ?status=dead lists the dead letters",
      querystring: jobQuerySchema,
      response: { 200: page(jobSchema), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => core.jobs.list(actorOf(request), request.query),
  });

  api.get("/jobs/:id", {
    schema: {
      tags: ["Jobs"],
      summary: "A job",
      params: idParams,
      response: { 200: jobSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => core.jobs.get(actorOf(request), request.params.id),
  });

  api.post("/jobs/:id/retry", {
    schema: {
      tags: ["Jobs"],
      summary: "Run a dead job again (attempts start over)",
      params: idParams,
      response: { 200: jobSchema, ...problemResponses(401, 403, 404, 409) },
    },
    handler: async (request) => core.jobs.retry(actorOf(request), request.params.id),
  });

  const tags = ["Webhooks"];
  api.post("/webhooks", {
    schema: {
      tags,
      summary: "Subscribe a URL to event types",
      description:
        "Deliveries follow the Standard Webhooks convention: headers webhook-id, webhook-timestamp and webhook-signature (`v1,<base64 HMAC-SHA256 of id.timestamp.body>` with the base64-decoded secret after `whsec_`). The secret is shown once.",
      body: subscriptionInputSchema,
      response: { 201: createdSubscriptionSchema, ...problemResponses(401, 403, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await core.webhooks.create(actorOf(request), request.body)),
  });

  api.get("/webhooks", {
    schema: {
      tags,
      summary: "List webhook subscriptions",
      response: { 200: z.object({ items: z.array(subscriptionSchema) }), ...problemResponses(401, 403) },
    },
    handler: async (request) => ({ items: await core.webhooks.list(actorOf(request)) }),
  });

  api.get("/webhooks/:id", {
    schema: {
      tags,
      summary: "A webhook subscription",
      params: idParams,
      response: { 200: subscriptionSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => core.webhooks.get(actorOf(request), request.params.id),
  });

  api.patch("/webhooks/:id", {
    schema: {
      tags,
      summary: "Change a webhook subscription (URL, event types, active)",
      params: idParams,
      body: subscriptionPatchSchema,
      response: { 200: subscriptionSchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request) => core.webhooks.update(actorOf(request), request.params.id, request.body),
  });

  api.delete("/webhooks/:id", {
    schema: {
      tags,
      summary: "Delete a webhook subscription and its delivery log",
      params: idParams,
      response: { 204: z.null(), ...problemResponses(401, 403, 404) },
    },
    handler: async (request, reply) => {
      await core.webhooks.remove(actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  api.get("/webhook-deliveries", {
    schema: {
      tags,
      summary: "The delivery log: every delivery with status, attempts and the receiver's last answer",
      querystring: deliveryQuerySchema,
      response: { 200: page(deliverySchema), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => core.webhooks.deliveries(actorOf(request), request.query),
  });

  api.post("/webhook-deliveries/:id/redeliver", {
    schema: {
      tags,
      summary: "Deliver again (same webhook-id, fresh timestamp and signature)",
      params: idParams,
      response: { 200: deliverySchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => core.webhooks.redeliver(actorOf(request), request.params.id),
  });
}
