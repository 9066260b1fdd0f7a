import {
  createEntityService,
  type EntityDefinition,
  type EntityServiceDeps,
} from "../shared/entity-service.js";
import { patchOf } from "../shared/schemas.js";
import { virtualPlatformRepository } from "./virtual-platforms.repository.js";
import {
  type VirtualPlatform,
  type VirtualPlatformInput,
  type VirtualPlatformQuery,
  virtualPlatformInputSchema,
} from "./virtual-platforms.schemas.js";

export const virtualPlatformPatchSchema = patchOf(virtualPlatformInputSchema);
export type VirtualPlatformPatch = typeof virtualPlatformPatchSchema._zod.output;

export const virtualPlatformDefinition: EntityDefinition<
  "virtual_platforms",
  VirtualPlatform,
  VirtualPlatformInput,
  VirtualPlatformQuery
> = {
  type: "virtual_platform",
  label: "Virtual platform",
  table: "virtual_platforms",
  schema: virtualPlatformInputSchema,
  toRow: virtualPlatformRepository.toRow,
  fromRow: virtualPlatformRepository.fromRow,
  filter: virtualPlatformRepository.filter,
  references: virtualPlatformRepository.references,
  unique: [
    {
      constraint: "virtual_platforms_name_key",
      columns: ["name"],
      path: "name",
      message: "another virtual platform already has this name",
    },
  ],
};

export const createVirtualPlatformService = (deps: EntityServiceDeps) =>
  createEntityService<
    "virtual_platforms",
    VirtualPlatform,
    VirtualPlatformInput,
    VirtualPlatformPatch,
    VirtualPlatformQuery
  >(virtualPlatformDefinition, deps);

export type VirtualPlatformService = ReturnType<typeof createVirtualPlatformService>;
