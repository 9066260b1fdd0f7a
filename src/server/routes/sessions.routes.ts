import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import {
  conflictSchema,
  impactSchema,
  overrideSchema,
  sessionCheckSchema,
  sessionInputSchema,
  sessionPatchSchema,
  sessionQuerySchema,
  sessionSchema,
  sessionStatuses,
  suggestionsSchema,
} from "../../core/scheduling/sessions.schemas.js";
import { page } from "../../core/shared/schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";

const tags = ["Sessions"];
const instant = z.iso.datetime();
const assignmentParams = z.object({ id: idParams.shape.id, assignmentId: z.string().min(1).max(100) });
const rangeQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });

export function registerSessionRoutes(app: FastifyInstance, core: Pick<Core, "sessions">) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const sessions = core.sessions;

  api.post("/sessions", {
    schema: {
      tags,
      summary: "Schedule a session",
      description:
        "Segment times are wall-clock in timeZone. Every resource is checked against every booking at the moment of writing; any conflict answers 409 with the list (`conflicts`). Warnings can be accepted with `override.reason`; double bookings never.",
      body: sessionInputSchema,
      response: { 201: sessionSchema, ...problemResponses(401, 403, 409, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await sessions.create(actorOf(request), request.body)),
  });

  api.post("/sessions/check", {
    schema: {
      tags,
      summary: "Dry-run a session: conflicts and alternatives, nothing written",
      body: sessionCheckSchema,
      response: {
        200: z.object({ conflicts: z.array(conflictSchema), suggestions: suggestionsSchema.nullable() }),
        ...problemResponses(401, 403, 404, 422),
      },
    },
    handler: async (request) => sessions.check(actorOf(request), request.body),
  });

  api.get("/sessions", {
    schema: {
      tags,
      summary: "List sessions",
      querystring: sessionQuerySchema,
      response: { 200: page(sessionSchema), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => sessions.list(actorOf(request), request.query),
  });

  api.get("/sessions/:id", {
    schema: {
      tags,
      summary: "Get a session",
      params: idParams,
      response: { 200: sessionSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => sessions.get(actorOf(request), request.params.id),
  });

  api.patch("/sessions/:id", {
    schema: {
      tags,
      summary: "Change a session",
      description:
        "Send only what changes; segments, instructors and equipment are replaced as lists. Re-checked like a new session.",
      params: idParams,
      body: sessionPatchSchema,
      response: { 200: sessionSchema, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request) =>
      (await sessions.update(actorOf(request), request.params.id, request.body)).session,
  });

  api.post("/sessions/:id/reschedule", {
    schema: {
      tags,
      summary: "Move a session, and see who is affected",
      params: idParams,
      body: sessionPatchSchema,
      response: {
        200: z.object({ session: sessionSchema, impact: impactSchema }),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    },
    handler: async (request) => sessions.update(actorOf(request), request.params.id, request.body),
  });

  api.delete("/sessions/:id", {
    schema: {
      tags,
      summary: "Delete a draft session",
      description: "Only drafts; a planned or later session is cancelled instead (409).",
      params: idParams,
      response: {
        204: z.undefined().meta({ description: "Deleted" }),
        ...problemResponses(401, 403, 404, 409),
      },
    },
    handler: async (request, reply) => {
      await sessions.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  });

  api.post("/sessions/:id/status", {
    schema: {
      tags,
      summary: "Move a session along its lifecycle",
      description:
        "draft → planned → confirmed → in_progress → completed, plus postponed and cancelled. Cancelling or postponing releases every booking and returns the impact.",
      params: idParams,
      body: z.object({
        status: z.enum(sessionStatuses),
        reason: z.string().trim().max(1000).nullable().default(null),
        override: overrideSchema,
      }),
      response: {
        200: z.object({ session: sessionSchema, impact: impactSchema.nullable() }),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    },
    handler: async (request) => sessions.changeStatus(actorOf(request), request.params.id, request.body),
  });

  for (const response of ["accept", "decline", "withdraw"] as const) {
    api.post(`/sessions/:id/instructors/:assignmentId/${response}`, {
      schema: {
        tags,
        summary: {
          accept: "Accept an assignment",
          decline: "Decline an assignment",
          withdraw: "Withdraw an assignment",
        }[response],
        params: assignmentParams,
        body: z
          .object({ note: z.string().trim().max(1000).nullable().default(null) })
          .default({ note: null }),
        response: {
          200: z.object({
            session: sessionSchema,
            substitutes: suggestionsSchema.shape.instructors.element.shape.candidates.meta({
              description:
                "After a decline or withdrawal: free, qualified instructors for the same role and segments",
            }),
          }),
          ...problemResponses(401, 403, 404, 409),
        },
      },
      handler: async (request) =>
        sessions.respond(
          actorOf(request),
          request.params.id,
          request.params.assignmentId,
          response,
          request.body.note,
        ),
    });
  }

  api.get("/sessions/:id/history", {
    schema: {
      tags,
      summary: "Lifecycle, reschedules and assignment answers",
      params: idParams,
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              occurredAt: instant,
              kind: z.string(),
              fromStatus: z.string().nullable(),
              toStatus: z.string().nullable(),
              reason: z.string().nullable(),
              data: z.unknown(),
              actor: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
            }),
          ),
        }),
        ...problemResponses(401, 403, 404),
      },
    },
    handler: async (request) => ({ items: await sessions.history(actorOf(request), request.params.id) }),
  });

  api.get("/calendar", {
    schema: {
      tags: ["Calendar"],
      summary: "Segments in a window, for calendar and resource-timeline views",
      querystring: rangeQuery.extend({
        instructor: z.string().max(100).optional(),
        room: z.string().max(100).optional(),
        location: z.string().max(100).optional(),
        client: z.string().max(100).optional(),
      }),
      response: {
        200: z.object({
          from: instant,
          to: instant,
          items: z.array(
            z.object({
              sessionId: z.string(),
              segmentId: z.string(),
              position: z.number().int(),
              courseId: z.string(),
              courseCode: z.string(),
              title: z.string(),
              status: z.string(),
              format: z.string(),
              timeZone: z.string(),
              locationId: z.string().nullable(),
              clientId: z.string().nullable(),
              roomId: z.string().nullable(),
              start: z.string(),
              end: z.string(),
              startsAt: instant,
              endsAt: instant,
              instructors: z.array(
                z.object({ instructorId: z.string(), role: z.string(), status: z.string() }),
              ),
            }),
          ),
        }),
        ...problemResponses(400, 401, 403),
      },
    },
    handler: async (request) => {
      const { from, to, instructor, room, location, client } = request.query;
      return sessions.calendar(actorOf(request), {
        from,
        to,
        instructorId: instructor,
        roomId: room,
        locationId: location,
        clientId: client,
      });
    },
  });

  const busyItem = z.object({ startsAt: instant, endsAt: instant }).passthrough();
  api.get("/instructors/:id/availability", {
    schema: {
      tags: ["Instructors"],
      summary: "Free/busy of an instructor",
      description:
        "busy: teaching and time off; available: weekly availability windows minus busy (no rules: the whole range).",
      params: idParams,
      querystring: rangeQuery,
      response: {
        200: z.object({
          instructorId: z.string(),
          timeZone: z.string(),
          from: instant,
          to: instant,
          busy: z.array(busyItem),
          available: z.array(busyItem),
        }),
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request) =>
      sessions.freeBusy.instructor(actorOf(request), request.params.id, request.query),
  });
  api.get("/rooms/:id/availability", {
    schema: {
      tags: ["Rooms"],
      summary: "Free/busy of a room (setup and teardown included)",
      params: idParams,
      querystring: rangeQuery,
      response: {
        200: z.object({
          roomId: z.string(),
          from: instant,
          to: instant,
          busy: z.array(busyItem),
          free: z.array(busyItem),
        }),
        ...problemResponses(400, 401, 403, 404),
      },
    },
    handler: async (request) => sessions.freeBusy.room(actorOf(request), request.params.id, request.query),
  });
}
