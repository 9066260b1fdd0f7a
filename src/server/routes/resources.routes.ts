import type { FastifyInstance } from "fastify";
import type { Core } from "../../core/app.js";
import {
  locationInputSchema,
  locationQuerySchema,
  locationSchema,
} from "../../core/resources/locations.schemas.js";
import { locationPatchSchema } from "../../core/resources/locations.service.js";
import { registerEntityRoutes } from "./entity.routes.js";

export function registerResourceRoutes(app: FastifyInstance, core: Pick<Core, "locations">) {
  registerEntityRoutes(app, {
    path: "/locations",
    tag: "Locations",
    noun: "location",
    plural: "locations",
    service: core.locations,
    input: locationInputSchema,
    patch: locationPatchSchema,
    entity: locationSchema,
    query: locationQuerySchema,
  });
}
