import type { FastifyInstance } from "fastify";
import type { Core } from "../../core/app.js";
import { courseInputSchema, courseQuerySchema, courseSchema } from "../../core/catalog/courses.schemas.js";
import { coursePatchSchema } from "../../core/catalog/courses.service.js";
import { registerEntityRoutes } from "./entity.routes.js";

export function registerCatalogRoutes(app: FastifyInstance, core: Pick<Core, "courses">) {
  registerEntityRoutes(app, {
    path: "/courses",
    tag: "Courses",
    noun: "course",
    plural: "courses",
    service: core.courses,
    input: courseInputSchema,
    patch: coursePatchSchema,
    entity: courseSchema,
    query: courseQuerySchema,
  });
}
