import type { FastifyInstance } from "fastify";
import type { Core } from "../../core/app.js";
import {
  equipmentInputSchema,
  equipmentQuerySchema,
  equipmentSchema,
} from "../../core/resources/equipment.schemas.js";
import { equipmentPatchSchema } from "../../core/resources/equipment.service.js";
import {
  locationInputSchema,
  locationQuerySchema,
  locationSchema,
} from "../../core/resources/locations.schemas.js";
import { locationPatchSchema } from "../../core/resources/locations.service.js";
import { roomInputSchema, roomQuerySchema, roomSchema } from "../../core/resources/rooms.schemas.js";
import { roomPatchSchema } from "../../core/resources/rooms.service.js";
import {
  virtualPlatformInputSchema,
  virtualPlatformQuerySchema,
  virtualPlatformSchema,
} from "../../core/resources/virtual-platforms.schemas.js";
import { virtualPlatformPatchSchema } from "../../core/resources/virtual-platforms.service.js";
import { registerEntityRoutes } from "./entity.routes.js";

export function registerResourceRoutes(
  app: FastifyInstance,
  core: Pick<Core, "locations" | "rooms" | "equipment" | "virtualPlatforms">,
) {
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
  registerEntityRoutes(app, {
    path: "/rooms",
    tag: "Rooms",
    noun: "room",
    plural: "rooms",
    service: core.rooms,
    input: roomInputSchema,
    patch: roomPatchSchema,
    entity: roomSchema,
    query: roomQuerySchema,
  });
  registerEntityRoutes(app, {
    path: "/equipment",
    tag: "Equipment",
    noun: "equipment pool",
    plural: "equipment pools",
    service: core.equipment,
    input: equipmentInputSchema,
    patch: equipmentPatchSchema,
    entity: equipmentSchema,
    query: equipmentQuerySchema,
  });
  registerEntityRoutes(app, {
    path: "/virtual-platforms",
    tag: "Virtual platforms",
    noun: "virtual platform",
    plural: "virtual platforms",
    service: core.virtualPlatforms,
    input: virtualPlatformInputSchema,
    patch: virtualPlatformPatchSchema,
    entity: virtualPlatformSchema,
    query: virtualPlatformQuerySchema,
  });
}
