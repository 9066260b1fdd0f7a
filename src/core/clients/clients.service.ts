import {
  createEntityService,
  type EntityDefinition,
  type EntityServiceDeps,
} from "../shared/entity-service.js";
import { patchOf } from "../shared/schemas.js";
import { clientRepository } from "./clients.repository.js";
import { type Client, type ClientInput, type ClientQuery, clientInputSchema } from "./clients.schemas.js";

export const clientPatchSchema = patchOf(clientInputSchema);
export type ClientPatch = typeof clientPatchSchema._zod.output;

export const clientDefinition: EntityDefinition<"clients", Client, ClientInput, ClientQuery> = {
  type: "client",
  label: "Client",
  table: "clients",
  schema: clientInputSchema,
  toRow: (input, { tenant }) => clientRepository.toRow(input, { currency: tenant.default_currency }),
  fromRow: clientRepository.fromRow,
  filter: clientRepository.filter,
  references: clientRepository.references,
  unique: [
    {
      constraint: "clients_name_key",
      columns: ["name_normalized"],
      path: "name",
      message: "another client already has this name",
    },
  ],
};

export const createClientService = (deps: EntityServiceDeps) =>
  createEntityService<"clients", Client, ClientInput, ClientPatch, ClientQuery>(clientDefinition, deps);

export type ClientService = ReturnType<typeof createClientService>;
