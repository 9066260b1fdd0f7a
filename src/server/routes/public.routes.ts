import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import { enrollResultSchema } from "../../core/enrollments/enrollments.schemas.js";
import { confirmInputSchema, registrationInputSchema } from "../../core/enrollments/self-registration.js";
import { problemResponses } from "../problem.js";
import { rateLimited } from "./rate-limit.js";

const tags = ["Public catalog"];
const slugParams = z.object({ tenant: z.string().min(1).max(63) });

export function registerPublicRoutes(app: FastifyInstance, core: Pick<Core, "enrollments">) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const enrollments = core.enrollments;
  const registrationLimit = rateLimited({ max: 10, windowMs: 10 * 60_000 });
  const confirmLimit = rateLimited({ max: 30, windowMs: 10 * 60_000 });

  api.get("/public/:tenant/sessions", {
    config: { public: true },
    schema: {
      tags,
      summary: "Upcoming public sessions with seats left (no token)",
      security: [],
      params: slugParams,
      response: {
        200: z.object({
          items: z.array(
            z.object({
              sessionId: z.string(),
              courseCode: z.string(),
              title: z.string(),
              description: z.string().nullable(),
              language: z.string().nullable(),
              format: z.string(),
              timeZone: z.string(),
              location: z.string().nullable(),
              startsAt: z.string(),
              endsAt: z.string(),
              priceMinor: z.number().int().nullable(),
              currency: z.string(),
              seatsLeft: z.number().int(),
            }),
          ),
        }),
        ...problemResponses(404),
      },
    },
    handler: async (request) => enrollments.catalog(request.params.tenant),
  });

  api.post("/public/:tenant/sessions/:id/registrations", {
    config: { public: true },
    preHandler: registrationLimit,
    schema: {
      tags,
      summary: "Register for a public session (e-mail confirmation follows)",
      description:
        "Always 202 with the same body, whether the address is new, pending or registered already: a second submission creates nothing. The e-mail carries a link that confirms. Rate-limited per IP.",
      security: [],
      params: slugParams.extend({ id: z.string().min(1).max(100) }),
      body: registrationInputSchema,
      response: {
        202: z.object({ status: z.literal("confirmation_requested") }),
        ...problemResponses(404, 422, 429),
      },
    },
    handler: async (request, reply) =>
      reply
        .code(202)
        .send(await enrollments.register(request.params.tenant, request.params.id, request.body)),
  });

  const confirm = {
    config: { public: true },
    preHandler: confirmLimit,
    schema: {
      tags,
      summary: "Confirm a self-registration (the link in the e-mail)",
      description:
        "Enrolls, waitlists or leaves pending approval like any registration; confirming twice answers the same.",
      security: [],
      response: { 200: enrollResultSchema, ...problemResponses(404, 409, 422, 429) },
    },
  };
  api.get("/public/registrations/confirm", {
    ...confirm,
    schema: { ...confirm.schema, querystring: confirmInputSchema },
    handler: async (request) => enrollments.confirmRegistration(request.query.token),
  });
  api.post("/public/registrations/confirm", {
    ...confirm,
    schema: { ...confirm.schema, body: confirmInputSchema },
    handler: async (request) => enrollments.confirmRegistration(request.body.token),
  });
}
