import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
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
import { registerChildRoutes } from "./child.routes.js";
import { idParams, registerEntityRoutes } from "./entity.routes.js";

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

  registerChildRoutes(app, {
    path: "/instructors/:id/qualifications",
    tag: "Instructors",
    summaries: {
      list: "List an instructor's qualifications",
      add: "Add a qualification (a course, or a skill) with its validity",
      update: "Update a qualification",
      remove: "Remove a qualification",
    },
    service: {
      ...core.qualifications,
      list: (actor, instructorId) => core.qualifications.list(actor, instructorId),
    },
    item: qualificationSchema,
    input: qualificationInputSchema,
    patch: qualificationPatchSchema,
  });

  registerChildRoutes(app, {
    path: "/instructors/:id/time-off",
    tag: "Instructors",
    summaries: {
      list: "List time off",
      add: "Add time off",
      update: "Change time off",
      remove: "Remove time off",
    },
    service: core.timeOff,
    item: timeOffSchema,
    input: timeOffInputSchema,
    patch: timeOffPatchSchema,
    query: timeOffQuerySchema,
  });

  api.get("/instructors/:id/availability-rules", {
    schema: {
      tags,
      summary: "Weekly availability rules",
      params: idParams,
      response: { 200: availabilitySchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => core.availability.get(actorOf(request), request.params.id),
  });
  api.put("/instructors/:id/availability-rules", {
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
}
