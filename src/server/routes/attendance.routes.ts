import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import {
  attendanceInputSchema,
  attendanceRecordSchema,
  checkInSchema,
  enrollmentSchema,
  resultInputSchema,
} from "../../core/enrollments/enrollments.schemas.js";
import { entityId } from "../../core/shared/schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";
import { rateLimited } from "./rate-limit.js";

const pdfBytes = z.unknown().meta({ type: "string", format: "binary" });
const tags = ["Attendance"];
const pdfResponse = { description: "PDF", content: { "application/pdf": { schema: pdfBytes } } };

export function registerAttendanceRoutes(app: FastifyInstance, core: Pick<Core, "enrollments">) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const enrollments = core.enrollments;
  const limit = rateLimited({ max: 30, windowMs: 60_000 });

  api.post("/sessions/:id/attendance", {
    schema: {
      tags,
      summary: "Record attendance of one segment, in bulk",
      description:
        "Instructors and coordinators. present/late make an enrolled learner `attended`; the completion rule reads these records.",
      params: idParams,
      body: attendanceInputSchema,
      response: {
        200: z.object({ segmentId: z.string(), recorded: z.number().int() }),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    },
    handler: async (request) =>
      enrollments.recordAttendance(actorOf(request), request.params.id, request.body),
  });

  api.get("/sessions/:id/attendance", {
    schema: {
      tags,
      summary: "Attendance recorded so far, one record per learner and segment",
      description: "Instructors and coordinators. Cells without a record have not been taken yet.",
      params: idParams,
      response: {
        200: z.object({ sessionId: z.string(), items: z.array(attendanceRecordSchema) }),
        ...problemResponses(401, 403, 404),
      },
    },
    handler: async (request) => enrollments.attendance(actorOf(request), request.params.id),
  });

  api.get("/sessions/:id/attendance-sheet", {
    schema: {
      tags,
      summary: "Printable attendance sheet (PDF)",
      params: idParams,
      produces: ["application/pdf"],
      response: { 200: pdfResponse, ...problemResponses(401, 403, 404) },
    },
    handler: async (request, reply) => {
      const { filename, bytes } = await enrollments.attendanceSheet(actorOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", `attachment; filename="${filename}"`)
        .send(Buffer.from(bytes));
    },
  });

  api.post("/sessions/:id/check-in-code", {
    schema: {
      tags,
      summary: "The session's check-in code and URL (for a QR code)",
      description:
        "Created on first call, then stable. Learners POST their e-mail to the URL on the day (no token needed).",
      params: idParams,
      response: { 200: z.object({ code: z.string(), url: z.string() }), ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => enrollments.checkInCode(actorOf(request), request.params.id),
  });

  api.post("/check-in/:code", {
    config: { public: true },
    preHandler: limit,
    schema: {
      tags,
      summary: "Check in to a session (public, with the session's code)",
      description:
        "Open from an hour before each segment until its end; late after 15 minutes. Rate-limited per IP.",
      security: [],
      params: z.object({ code: z.string().min(8).max(64) }),
      body: checkInSchema,
      response: {
        200: z.object({ status: z.enum(["present", "late"]), segment: z.number().int() }),
        ...problemResponses(404, 409, 422, 429),
      },
    },
    handler: async (request) => enrollments.checkIn(request.params.code, request.body.email),
  });

  api.post("/sessions/:id/completion", {
    schema: {
      tags,
      summary: "Complete a session's enrollments: completion rule and certificates",
      description:
        "After the session ends. Each enrolled/attended learner becomes completed (attendance ≥ the policy's minimum and, when required, passed), failed, or no_show (never present); completed learners get a certificate.",
      params: idParams,
      body: z.object({
        results: z
          .array(z.object({ enrollmentId: entityId, passed: resultInputSchema.shape.passed }))
          .default([]),
      }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              enrollment: enrollmentSchema,
              attendancePercent: z.number(),
              certificateId: z.string().nullable(),
            }),
          ),
        }),
        ...problemResponses(401, 403, 404, 409, 422),
      },
    },
    handler: async (request) =>
      enrollments.complete(actorOf(request), request.params.id, request.body.results),
  });
}
