import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import {
  bulkEnrollSchema,
  bulkResultSchema,
  cancelInputSchema,
  decisionInputSchema,
  enrollInputSchema,
  enrollmentEventSchema,
  enrollmentQuerySchema,
  enrollmentSchema,
  enrollResultSchema,
  goNoGoItemSchema,
  goNoGoQuerySchema,
  policyInputSchema,
  policySchema,
  quotaInputSchema,
  reorderInputSchema,
  seatSummaryQuerySchema,
  seatSummarySchema,
  substituteInputSchema,
  transferInputSchema,
} from "../../core/enrollments/enrollments.schemas.js";
import { page } from "../../core/shared/schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";

const tags = ["Enrollments"];
const cancelResult = z.object({ enrollment: enrollmentSchema, promoted: z.array(enrollmentSchema) });
const moveResult = z.object({ from: enrollmentSchema, to: enrollmentSchema });

export function registerEnrollmentRoutes(app: FastifyInstance, core: Pick<Core, "enrollments">) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const enrollments = core.enrollments;

  api.post("/sessions/:id/enrollments", {
    schema: {
      tags,
      summary: "Enroll a learner",
      description:
        "Answers `enrolled` while a seat is free (reserved client seats count), else `waitlisted` with its 1-based position, or `pending_approval` when the policy asks for approval. A learner already sitting in an overlapping session is refused with 409 and the conflicts.",
      params: idParams,
      body: enrollInputSchema,
      response: { 201: enrollResultSchema, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await enrollments.enroll(actorOf(request), request.params.id, request.body)),
  });

  api.post("/sessions/:id/enrollments/bulk", {
    schema: {
      tags,
      summary: "Enroll many learners (JSON list or CSV)",
      description:
        "JSON `{learnerIds: [...]}`, or a CSV body (Content-Type: text/csv) with a `learnerId` or `email` column. Learners are placed in list order in one transaction; each result says enrolled/waitlisted/pending or why it was refused. Unknown learners in a CSV answer 422 and nothing is enrolled.",
      consumes: ["application/json", "text/csv"],
      params: idParams,
      body: z.union([bulkEnrollSchema, z.string()]),
      response: { 200: bulkResultSchema, ...problemResponses(401, 403, 404, 409, 415, 422) },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      return typeof request.body === "string"
        ? enrollments.enrollCsv(actor, request.params.id, request.body)
        : enrollments.enrollMany(actor, request.params.id, request.body.learnerIds);
    },
  });

  api.get("/sessions/:id/enrollments", {
    schema: {
      tags,
      summary: "A session's enrollments, seats and waitlist",
      description:
        "Seated registrations first, then the waitlist in position order. Expired offers are lapsed first.",
      params: idParams,
      response: {
        200: z.object({
          sessionId: z.string(),
          maxSeats: z.number().int(),
          minSeats: z.number().int(),
          enrolled: z.number().int(),
          offered: z.number().int(),
          waitlisted: z.number().int(),
          pendingApproval: z.number().int(),
          items: z.array(enrollmentSchema),
        }),
        ...problemResponses(401, 403, 404),
      },
    },
    handler: async (request) => enrollments.listForSession(actorOf(request), request.params.id),
  });

  api.get("/enrollments", {
    schema: {
      tags,
      summary: "List enrollments",
      querystring: enrollmentQuerySchema,
      response: { 200: page(enrollmentSchema), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => enrollments.list(actorOf(request), request.query),
  });

  api.get("/enrollments/:id", {
    schema: {
      tags,
      summary: "Get an enrollment",
      params: idParams,
      response: { 200: enrollmentSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => enrollments.get(actorOf(request), request.params.id),
  });

  api.get("/enrollments/:id/history", {
    schema: {
      tags,
      summary: "Every change of an enrollment",
      params: idParams,
      response: {
        200: z.object({ items: z.array(enrollmentEventSchema) }),
        ...problemResponses(401, 403, 404),
      },
    },
    handler: async (request) => ({ items: await enrollments.history(actorOf(request), request.params.id) }),
  });

  api.post("/enrollments/:id/cancel", {
    schema: {
      tags,
      summary: "Cancel an enrollment",
      description:
        "An enrolled learner is held to the cancellation cut-off (`override.reason` passes it, audited). The freed seat goes to the next waitlisted learner, directly or as an offer with an expiry, per policy; `promoted` lists who moved.",
      params: idParams,
      body: cancelInputSchema,
      response: { 200: cancelResult, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request) => enrollments.cancel(actorOf(request), request.params.id, request.body),
  });

  api.post("/enrollments/:id/transfer", {
    schema: {
      tags,
      summary: "Transfer to another session of the same course",
      description:
        "Within the transfer cut-off; keeps price and payment; a seat must be free in the target session.",
      params: idParams,
      body: transferInputSchema,
      response: { 200: moveResult, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request) => enrollments.transfer(actorOf(request), request.params.id, request.body),
  });

  api.post("/enrollments/:id/substitute", {
    schema: {
      tags,
      summary: "Replace the learner by a colleague from the same client",
      params: idParams,
      body: substituteInputSchema,
      response: { 200: moveResult, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request) => enrollments.substitute(actorOf(request), request.params.id, request.body),
  });

  for (const decision of ["approve", "reject"] as const) {
    api.post(`/enrollments/:id/${decision}`, {
      schema: {
        tags,
        summary: decision === "approve" ? "Approve a pending registration" : "Reject a pending registration",
        params: idParams,
        body: decisionInputSchema,
        response: { 200: enrollmentSchema, ...problemResponses(401, 403, 404, 409, 422) },
      },
      handler: async (request) =>
        enrollments.decide(actorOf(request), request.params.id, decision, request.body.reason),
    });
  }

  for (const response of ["accept", "decline"] as const) {
    api.post(`/enrollments/:id/offer/${response}`, {
      schema: {
        tags,
        summary: response === "accept" ? "Take an offered seat" : "Decline an offered seat",
        params: idParams,
        response: { 200: enrollmentSchema, ...problemResponses(401, 403, 404, 409) },
      },
      handler: async (request) => enrollments.respondToOffer(actorOf(request), request.params.id, response),
    });
  }

  api.post("/enrollments/:id/waitlist-position", {
    schema: {
      tags,
      summary: "Move a waitlisted learner (audited)",
      params: idParams,
      body: reorderInputSchema,
      response: { 200: enrollmentSchema, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request) => enrollments.reorder(actorOf(request), request.params.id, request.body),
  });

  api.get("/sessions/:id/enrollment-policy", {
    schema: {
      tags,
      summary: "The enrollment policy a session follows",
      description: "Defaults, overridden by the course's policy, overridden by the session's.",
      params: idParams,
      response: { 200: policySchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => enrollments.policies.effective(actorOf(request), request.params.id),
  });

  for (const scope of ["course", "session"] as const) {
    api.put(`/${scope === "course" ? "courses" : "sessions"}/:id/enrollment-policy`, {
      schema: {
        tags,
        summary: `Set a ${scope}'s enrollment policy`,
        description: "Fields left out or null inherit (session ← course ← defaults).",
        params: idParams,
        body: policyInputSchema,
        response: { 200: policyInputSchema, ...problemResponses(401, 403, 404, 422) },
      },
      handler: async (request) =>
        enrollments.policies.set(actorOf(request), scope, request.params.id, request.body),
    });
  }

  api.get("/sessions/:id/seat-quotas", {
    schema: {
      tags,
      summary: "Seats reserved per client",
      params: idParams,
      response: { 200: quotaInputSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => enrollments.policies.quotas(actorOf(request), request.params.id),
  });

  api.put("/sessions/:id/seat-quotas", {
    schema: {
      tags,
      summary: "Reserve seats per client",
      params: idParams,
      body: quotaInputSchema,
      response: { 200: quotaInputSchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request) =>
      enrollments.policies.setQuotas(actorOf(request), request.params.id, request.body.quotas),
  });

  api.get("/enrollments/go-no-go", {
    schema: {
      tags,
      summary: "Sessions under their minimum seats, starting soon",
      description: "For a go/no-go decision; nothing is cancelled automatically.",
      querystring: goNoGoQuerySchema,
      response: { 200: z.object({ items: z.array(goNoGoItemSchema) }), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => ({ items: await enrollments.goNoGo(actorOf(request), request.query.days) }),
  });

  api.get("/enrollments/summary", {
    schema: {
      tags,
      summary: "Seats offered and taken in the sessions starting in a window",
      description:
        "Live sessions (draft, planned, confirmed) starting after `from` (default now) until `to` (default 28 days later, at most 366): per session and in total, seats offered and taken, waitlist, pending approvals, sessions under their minimum and the fill rate. For dashboards.",
      querystring: seatSummaryQuerySchema,
      response: { 200: seatSummarySchema, ...problemResponses(400, 401, 403, 422) },
    },
    handler: async (request) => enrollments.seatSummary(actorOf(request), request.query),
  });
}
