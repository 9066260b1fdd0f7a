import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import {
  cloneInputSchema,
  seriesInputSchema,
  shiftInputSchema,
} from "../../core/scheduling/series/series.schemas.js";
import { conflictSchema, sessionSchema } from "../../core/scheduling/sessions.schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";

const tags = ["Sessions"];
const occurrenceSchema = z.object({ date: z.string(), conflicts: z.array(conflictSchema) });

export function registerSeriesRoutes(app: FastifyInstance, core: Pick<Core, "sessions">) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const sessions = core.sessions;

  api.post("/sessions/series", {
    schema: {
      tags,
      summary: "Create a series of sessions from an RRULE",
      description:
        "One session per occurrence, with the pattern's segments on each date (wall-clock in timeZone, DST-safe). All or none: if any occurrence conflicts, nothing is created and the 409 lists `occurrences` with their conflicts. dryRun checks every occurrence without writing.",
      body: seriesInputSchema,
      response: {
        200: z.object({
          seriesId: z.null(),
          sessions: z.array(sessionSchema),
          occurrences: z.array(occurrenceSchema),
        }),
        201: z.object({
          seriesId: z.string(),
          sessions: z.array(sessionSchema),
          occurrences: z.array(occurrenceSchema),
        }),
        ...problemResponses(401, 403, 409, 422),
      },
    },
    handler: async (request, reply) => {
      const result = await sessions.createSeries(actorOf(request), request.body);
      return reply.code(result.seriesId ? 201 : 200).send(result as never);
    },
  });

  api.post("/sessions/series/:id/shift", {
    schema: {
      tags,
      summary: "Move the sessions of a series that have not started by whole days",
      params: idParams,
      body: shiftInputSchema,
      response: {
        200: z.object({ sessions: z.array(sessionSchema) }),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    },
    handler: async (request) => sessions.shiftSeries(actorOf(request), request.params.id, request.body),
  });

  api.post("/sessions/:id/clone", {
    schema: {
      tags,
      summary: "Copy a session to new dates",
      description:
        "Instructors, rooms and equipment come along where free; the rest are left out and listed in `dropped`.",
      params: idParams,
      body: cloneInputSchema,
      response: {
        201: z.object({ session: sessionSchema, dropped: z.array(conflictSchema) }),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await sessions.clone(actorOf(request), request.params.id, request.body)),
  });
}
