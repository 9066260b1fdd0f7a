import type { FastifyInstance } from "fastify";
import type { Core } from "../../core/app.js";
import { clientInputSchema, clientQuerySchema, clientSchema } from "../../core/clients/clients.schemas.js";
import { clientPatchSchema } from "../../core/clients/clients.service.js";
import {
  learnerInputSchema,
  learnerQuerySchema,
  learnerSchema,
} from "../../core/learners/learners.schemas.js";
import { learnerPatchSchema } from "../../core/learners/learners.service.js";
import { registerEntityRoutes } from "./entity.routes.js";

export function registerPeopleRoutes(app: FastifyInstance, core: Pick<Core, "clients" | "learners">) {
  registerEntityRoutes(app, {
    path: "/clients",
    tag: "Clients",
    noun: "client",
    plural: "clients",
    service: core.clients,
    input: clientInputSchema,
    patch: clientPatchSchema,
    entity: clientSchema,
    query: clientQuerySchema,
  });
  registerEntityRoutes(app, {
    path: "/learners",
    tag: "Learners",
    noun: "learner",
    plural: "learners",
    service: core.learners,
    input: learnerInputSchema,
    patch: learnerPatchSchema,
    entity: learnerSchema,
    query: learnerQuerySchema,
  });
}
