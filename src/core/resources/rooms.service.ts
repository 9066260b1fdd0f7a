import {
  checkReferences,
  createEntityService,
  type EntityDefinition,
  type EntityServiceDeps,
} from "../shared/entity-service.js";
import { patchOf } from "../shared/schemas.js";
import { roomRepository } from "./rooms.repository.js";
import { type Room, type RoomInput, type RoomQuery, roomInputSchema } from "./rooms.schemas.js";

export const roomPatchSchema = patchOf(roomInputSchema);
export type RoomPatch = typeof roomPatchSchema._zod.output;

export const roomDefinition: EntityDefinition<"rooms", Room, RoomInput, RoomQuery> = {
  type: "room",
  label: "Room",
  table: "rooms",
  schema: roomInputSchema,
  toRow: (input, { tenant }) => roomRepository.toRow(input, { currency: tenant.default_currency }),
  fromRow: roomRepository.fromRow,
  filter: roomRepository.filter,
  references: roomRepository.references,
  unique: [
    {
      constraint: "rooms_name_key",
      columns: ["location_id", "name"],
      path: "name",
      message: "this location already has a room with this name",
    },
  ],
  check: ({ db, actor }, input, current) =>
    checkReferences(db, actor.tenantId, [
      {
        table: "locations",
        id: input.locationId,
        kept: current?.locationId,
        path: "locationId",
        label: "location",
      },
    ]),
};

export const createRoomService = (deps: EntityServiceDeps) =>
  createEntityService<"rooms", Room, RoomInput, RoomPatch, RoomQuery>(roomDefinition, deps);

export type RoomService = ReturnType<typeof createRoomService>;
