import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import {
  certificateQuerySchema,
  certificateSchema,
  expiringQuerySchema,
  verificationSchema,
} from "../../core/certificates/certificates.service.js";
import {
  complianceQuerySchema,
  complianceReportSchema,
  requirementInputSchema,
  requirementSchema,
} from "../../core/compliance/compliance.schemas.js";
import { page } from "../../core/shared/schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";

const pdfBytes = z.unknown().meta({ type: "string", format: "binary" });
const tags = ["Certificates"];

export function registerCertificateRoutes(
  app: FastifyInstance,
  core: Pick<Core, "certificates" | "compliance">,
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { certificates, compliance } = core;

  api.get("/certificates", {
    schema: {
      tags,
      summary: "List certificates",
      querystring: certificateQuerySchema,
      response: { 200: page(certificateSchema), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => certificates.list(actorOf(request), request.query),
  });

  api.get("/certificates/expiring", {
    schema: {
      tags,
      summary: "Certifications expiring within N days",
      querystring: expiringQuerySchema,
      response: { 200: page(certificateSchema), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => certificates.expiring(actorOf(request), request.query),
  });

  api.get("/certificates/:id", {
    schema: {
      tags,
      summary: "Get a certificate",
      params: idParams,
      response: { 200: certificateSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => certificates.get(actorOf(request), request.params.id),
  });

  api.get("/certificates/:id/pdf", {
    schema: {
      tags,
      summary: "Download a certificate (PDF)",
      params: idParams,
      produces: ["application/pdf"],
      response: {
        200: { description: "PDF", content: { "application/pdf": { schema: pdfBytes } } },
        ...problemResponses(401, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const { filename, bytes } = await certificates.pdf(actorOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="${filename}"`)
        .send(Buffer.from(bytes));
    },
  });

  api.get("/certificates/verify/:code", {
    config: { public: true },
    schema: {
      tags,
      summary: "Verify a certificate by its code (public)",
      description: "No token. Answers only what the certificate itself shows; unknown codes are 404.",
      security: [],
      params: z.object({ code: z.string().min(4).max(40) }),
      response: { 200: verificationSchema, ...problemResponses(404) },
    },
    handler: async (request) => certificates.verify(request.params.code),
  });

  const ctags = ["Compliance"];
  api.post("/compliance/requirements", {
    schema: {
      tags: ctags,
      summary: "Create a compliance requirement",
      body: requirementInputSchema,
      response: { 201: requirementSchema, ...problemResponses(401, 403, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await compliance.create(actorOf(request), request.body)),
  });
  api.get("/compliance/requirements", {
    schema: {
      tags: ctags,
      summary: "List compliance requirements",
      response: { 200: z.object({ items: z.array(requirementSchema) }), ...problemResponses(401, 403) },
    },
    handler: async (request) => compliance.list(actorOf(request)),
  });
  api.get("/compliance/requirements/:id", {
    schema: {
      tags: ctags,
      summary: "Get a compliance requirement",
      params: idParams,
      response: { 200: requirementSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => compliance.get(actorOf(request), request.params.id),
  });
  api.put("/compliance/requirements/:id", {
    schema: {
      tags: ctags,
      summary: "Replace a compliance requirement",
      params: idParams,
      body: requirementInputSchema,
      response: { 200: requirementSchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request) => compliance.update(actorOf(request), request.params.id, request.body),
  });
  api.delete("/compliance/requirements/:id", {
    schema: {
      tags: ctags,
      summary: "Delete a compliance requirement",
      params: idParams,
      response: { 204: z.undefined().meta({ description: "Deleted" }), ...problemResponses(401, 403, 404) },
    },
    handler: async (request, reply) => {
      await compliance.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  });
  api.get("/compliance/status", {
    schema: {
      tags: ctags,
      summary: "Compliance per learner (compliant, due soon, overdue, never) and per client",
      querystring: complianceQuerySchema,
      response: { 200: complianceReportSchema, ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => compliance.status(actorOf(request), request.query),
  });
}
