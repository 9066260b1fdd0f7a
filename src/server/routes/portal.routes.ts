import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import { portalEnrollmentSchema } from "../../core/enrollments/list-portal-enrollments.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";

export function registerPortalRoutes(app: FastifyInstance, core: Pick<Core, "enrollments">) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get("/portal/enrollments", {
    schema: {
      tags: ["Enrollments"],
      summary: "My enrollments (a learner) or my employees' (a client contact), with their sessions",
      description:
        "For the learner and client_contact roles only (others 403): each enrollment with its session and the cancellation and transfer cut-offs, newest session first (at most 500).",
      response: { 200: z.object({ items: z.array(portalEnrollmentSchema) }), ...problemResponses(401, 403) },
    },
    handler: async (request) => ({ items: await core.enrollments.portal(actorOf(request)) }),
  });
}
