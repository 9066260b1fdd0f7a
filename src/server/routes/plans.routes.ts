import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Core } from "../../core/app.js";
import {
  applyInputSchema,
  autoStaffInputSchema,
  autoStaffResultSchema,
  planInputSchema,
  planQuerySchema,
  planSchema,
} from "../../core/planning/plans.schemas.js";
import { page } from "../../core/shared/schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";

const tags = ["Planning"];

export function registerPlanRoutes(app: FastifyInstance, core: Pick<Core, "planning">) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const planning = core.planning;

  api.post("/plans", {
    schema: {
      tags,
      summary: "Plan sessions: start the solver on a demand or on draft sessions",
      description:
        "Give `demand` (course × runs × window × location, or virtual) and/or draft `sessions`. Existing bookings, weekly availability (in each instructor's zone), time off, qualifications and room capacity/features are hard; instructor cost and load, preferred days and stable rooms are weighed. Answers 202 with the running plan once the input is checked (its model is built after, then searched): poll `GET /plans/{id}` for progress and the proposal. Coordinators and admins only.",
      body: planInputSchema,
      response: { 202: planSchema, ...problemResponses(401, 403, 422) },
    },
    handler: async (request, reply) =>
      reply.code(202).send(await planning.create(actorOf(request), request.body)),
  });

  api.get("/plans", {
    schema: {
      tags,
      summary: "List plans, newest first",
      querystring: planQuerySchema,
      response: { 200: page(planSchema), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => planning.list(actorOf(request), request.query),
  });

  api.get("/plans/:id", {
    schema: {
      tags,
      summary: "A plan: progress, then the proposal, its score per constraint and explanations",
      description:
        "A plan still `running` whose process stopped (a restart) is reported as `failed` with the reason.",
      params: idParams,
      response: { 200: planSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => planning.get(actorOf(request), request.params.id),
  });

  api.post("/plans/:id/cancel", {
    schema: {
      tags,
      summary: "Stop a running plan (the best proposal so far is kept)",
      params: idParams,
      response: { 200: planSchema, ...problemResponses(401, 403, 404, 409) },
    },
    handler: async (request) => planning.cancel(actorOf(request), request.params.id),
  });

  api.post("/plans/:id/apply", {
    schema: {
      tags,
      summary: "Write a finished plan through the normal, conflict-checked session path",
      description:
        "Creates a session per placed demand run and updates each planned draft, each through the same use cases (and conflict engine) as `POST /sessions` and `PATCH /sessions/{id}`. `applied` reports every item: created/updated with its session, or conflict with the 409's list. Idempotent: items already written are not written again.",
      params: idParams,
      body: applyInputSchema,
      response: { 200: planSchema, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request) => planning.apply(actorOf(request), request.params.id, request.body),
  });

  api.post("/sessions/:id/auto-staff", {
    schema: {
      tags,
      summary: "Rank the qualified, free instructors for a session (and optionally assign the best)",
      description:
        "Uses the planner's instructor cost (day rate plus workload) and the conflict engine. With `assign: true` the best candidate replaces the role's holders through the normal session update.",
      params: idParams,
      body: autoStaffInputSchema,
      response: { 200: autoStaffResultSchema, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request) => planning.autoStaff(actorOf(request), request.params.id, request.body),
  });
}
