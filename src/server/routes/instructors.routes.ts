import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import {
  availabilityInputSchema,
  availabilitySchema,
  instructorInputSchema,
  instructorQuerySchema,
  instructorSchema,
  qualificationInputSchema,
  qualificationSchema,
  timeOffInputSchema,
  timeOffQuerySchema,
  timeOffSchema,
} from "../../core/instructors/instructors.schemas.js";
import { instructorPatchSchema } from "../../core/instructors/instructors.service.js";
import { qualificationPatchSchema } from "../../core/instructors/qualifications.service.js";
import { timeOffPatchSchema } from "../../core/instructors/time-off.service.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams, registerEntityRoutes } from "./entity.routes.js";

const childParams = z.object({ id: idParams.shape.id, childId: z.string().min(1).max(100) });
const deleted = z.undefined().meta({ description: "Deleted" });

export function registerInstructorRoutes(
  app: FastifyInstance,
  core: Pick<Core, "instructors" | "qualifications" | "availability" | "timeOff">,
) {
  registerEntityRoutes(app, {
    path: "/instructors",
    tag: "Instructors",
    noun: "instructor",
    plural: "instructors",
    service: core.instructors,
    input: instructorInputSchema,
    patch: instructorPatchSchema,
    entity: instructorSchema,
    query: instructorQuerySchema,
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Instructors"];

  api.get("/instructors/:id/qualifications", {
    schema: {
      tags,
      summary: "List an instructor's qualifications",
      params: idParams,
      response: {
        200: z.object({ items: z.array(qualificationSchema) }),
        ...problemResponses(401, 403, 404),
      },
    },
    handler: async (request) => ({
      items: await core.qualifications.list(actorOf(request), request.params.id),
    }),
  });
  api.post("/instructors/:id/qualifications", {
    schema: {
      tags,
      summary: "Add a qualification (a course, or a skill) with its validity",
      params: idParams,
      body: qualificationInputSchema,
      response: { 201: qualificationSchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await core.qualifications.add(actorOf(request), request.params.id, request.body)),
  });
  api.patch("/instructors/:id/qualifications/:childId", {
    schema: {
      tags,
      summary: "Update a qualification",
      params: childParams,
      body: qualificationPatchSchema,
      response: { 200: qualificationSchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request) =>
      core.qualifications.update(actorOf(request), request.params.id, request.params.childId, request.body),
  });
  api.delete("/instructors/:id/qualifications/:childId", {
    schema: {
      tags,
      summary: "Remove a qualification",
      params: childParams,
      response: { 204: deleted, ...problemResponses(401, 403, 404) },
    },
    handler: async (request, reply) => {
      await core.qualifications.remove(actorOf(request), request.params.id, request.params.childId);
      return reply.code(204).send();
    },
  });

  api.get("/instructors/:id/availability", {
    schema: {
      tags,
      summary: "Weekly availability rules",
      params: idParams,
      response: { 200: availabilitySchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => core.availability.get(actorOf(request), request.params.id),
  });
  api.put("/instructors/:id/availability", {
    schema: {
      tags,
      summary: "Replace the weekly availability rules",
      description:
        "Times are wall-clock in the instructor's zone. An empty list means available at any time; overlapping rules on one weekday are refused.",
      params: idParams,
      body: availabilityInputSchema,
      response: { 200: availabilitySchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request) => core.availability.replace(actorOf(request), request.params.id, request.body),
  });

  api.get("/instructors/:id/time-off", {
    schema: {
      tags,
      summary: "List time off",
      params: idParams,
      querystring: timeOffQuerySchema,
      response: { 200: z.object({ items: z.array(timeOffSchema) }), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => ({
      items: await core.timeOff.list(actorOf(request), request.params.id, request.query),
    }),
  });
  api.post("/instructors/:id/time-off", {
    schema: {
      tags,
      summary: "Add time off",
      params: idParams,
      body: timeOffInputSchema,
      response: { 201: timeOffSchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await core.timeOff.add(actorOf(request), request.params.id, request.body)),
  });
  api.patch("/instructors/:id/time-off/:childId", {
    schema: {
      tags,
      summary: "Change time off",
      params: childParams,
      body: timeOffPatchSchema,
      response: { 200: timeOffSchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request) =>
      core.timeOff.update(actorOf(request), request.params.id, request.params.childId, request.body),
  });
  api.delete("/instructors/:id/time-off/:childId", {
    schema: {
      tags,
      summary: "Remove time off",
      params: childParams,
      response: { 204: deleted, ...problemResponses(401, 403, 404) },
    },
    handler: async (request, reply) => {
      await core.timeOff.remove(actorOf(request), request.params.id, request.params.childId);
      return reply.code(204).send();
    },
  });
}
