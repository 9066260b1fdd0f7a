import type { FieldError } from "../errors.js";
import {
  checkReferences,
  createEntityService,
  type EntityDefinition,
  type EntityServiceDeps,
} from "../shared/entity-service.js";
import { patchOf } from "../shared/schemas.js";
import { locationRepository } from "./locations.repository.js";
import {
  type Location,
  type LocationInput,
  type LocationQuery,
  locationInputSchema,
} from "./locations.schemas.js";

export const locationPatchSchema = patchOf(locationInputSchema);
export type LocationPatch = typeof locationPatchSchema._zod.output;

export const locationDefinition: EntityDefinition<"locations", Location, LocationInput, LocationQuery> = {
  type: "location",
  label: "Location",
  table: "locations",
  schema: locationInputSchema,
  toRow: locationRepository.toRow,
  fromRow: locationRepository.fromRow,
  filter: locationRepository.filter,
  references: locationRepository.references,
  unique: [
    {
      constraint: "locations_name_key",
      columns: ["name"],
      path: "name",
      message: "another location already has this name",
    },
  ],

  async hydrate(db, tenantId, entities) {
    const times = await locationRepository.travelTimesFrom(
      db,
      tenantId,
      entities.map((entity) => entity.id),
    );
    return entities.map((entity) => ({
      ...entity,
      travelTimes: times
        .filter((time) => time.from_location_id === entity.id)
        .map((time) => ({ locationId: time.to_location_id, minutes: time.minutes })),
    }));
  },

  async check({ db, actor }, input, current) {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    input.travelTimes.forEach((time, index) => {
      if (current && time.locationId === current.id) {
        errors.push({ path: `travelTimes.${index}.locationId`, message: "is this location itself" });
      }
      if (seen.has(time.locationId)) {
        errors.push({ path: `travelTimes.${index}.locationId`, message: "is listed twice" });
      }
      seen.add(time.locationId);
    });
    const references = input.travelTimes.map((time, index) => ({
      table: "locations" as const,
      id: time.locationId,
      kept: current?.travelTimes.some((kept) => kept.locationId === time.locationId)
        ? time.locationId
        : undefined,
      path: `travelTimes.${index}.locationId`,
      label: "location",
    }));
    return [...errors, ...(await checkReferences(db, actor.tenantId, references))];
  },

  afterWrite: ({ db, actor }, id, input) =>
    locationRepository.replaceTravelTimes(db, actor.tenantId, id, input.travelTimes),
};

export const createLocationService = (deps: EntityServiceDeps) =>
  createEntityService<"locations", Location, LocationInput, LocationPatch, LocationQuery>(
    locationDefinition,
    deps,
  );

export type LocationService = ReturnType<typeof createLocationService>;
