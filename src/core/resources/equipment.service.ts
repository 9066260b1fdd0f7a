import {
  checkReferences,
  createEntityService,
  type EntityDefinition,
  type EntityServiceDeps,
} from "../shared/entity-service.js";
import { patchOf } from "../shared/schemas.js";
import { equipmentRepository } from "./equipment.repository.js";
import {
  type Equipment,
  type EquipmentInput,
  type EquipmentQuery,
  equipmentInputSchema,
} from "./equipment.schemas.js";

export const equipmentPatchSchema = patchOf(equipmentInputSchema);
export type EquipmentPatch = typeof equipmentPatchSchema._zod.output;

export const equipmentDefinition: EntityDefinition<"equipment", Equipment, EquipmentInput, EquipmentQuery> = {
  type: "equipment",
  label: "Equipment pool",
  table: "equipment",
  schema: equipmentInputSchema,
  toRow: (input, { tenant }) => equipmentRepository.toRow(input, { currency: tenant.default_currency }),
  fromRow: equipmentRepository.fromRow,
  filter: equipmentRepository.filter,
  references: equipmentRepository.references,
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

export const createEquipmentService = (deps: EntityServiceDeps) =>
  createEntityService<"equipment", Equipment, EquipmentInput, EquipmentPatch, EquipmentQuery>(
    equipmentDefinition,
    deps,
  );

export type EquipmentService = ReturnType<typeof createEquipmentService>;
