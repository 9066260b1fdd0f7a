import { cachedQuery } from "../db/compiled-query.js";
import type { Dialect, Executor } from "../db/database.js";
import { entityStore, type ListQuery } from "../db/entity-store.js";
import type { LocationsTable } from "../db/schema.js";
import { containsText } from "../db/sql.js";
import type { Reference } from "../errors.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { fromJson, toJson } from "../shared/json.js";
import type { Location, LocationInput, LocationQuery } from "./locations.schemas.js";

// Read by every conflict check of a session at a location.
const travelTimesQuery = cachedQuery((db: Executor, tenantId: string, locationIds: string[]) =>
  db
    .selectFrom("location_travel_times")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("from_location_id", "in", locationIds)
    .orderBy("to_location_id"),
);

export const locationRepository = {
  toRow: (input: LocationInput) => ({
    name: input.name,
    code: input.code,
    address_json: toJson(input.address),
    time_zone: input.timeZone,
    notes: input.notes,
  }),

  fromRow: (row: LocationsTable): Location => ({
    id: row.id,
    name: row.name,
    code: row.code,
    address: fromJson(row.address_json, {}),
    timeZone: row.time_zone,
    travelTimes: [],
    notes: row.notes,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    archivedAt: toIsoOrNull(row.archived_at),
  }),

  filter(query: ListQuery<"locations">, params: LocationQuery, dialect: Dialect) {
    if (!params.q) return query;
    const q = params.q;
    return query.where((eb) =>
      eb.or([containsText(dialect, eb.ref("name"), q), containsText(dialect, eb.ref("code"), q)]),
    );
  },

  async travelTimesFrom(db: Executor, tenantId: string, locationIds: string[]) {
    if (locationIds.length === 0) return [];
    return travelTimesQuery(db, tenantId, locationIds);
  },

  /** Replaces every travel time touching the location, in both directions. */
  async replaceTravelTimes(
    db: Executor,
    tenantId: string,
    locationId: string,
    times: LocationInput["travelTimes"],
  ) {
    await db
      .deleteFrom("location_travel_times")
      .where("tenant_id", "=", tenantId)
      .where((eb) => eb.or([eb("from_location_id", "=", locationId), eb("to_location_id", "=", locationId)]))
      .execute();
    if (times.length === 0) return;
    await db
      .insertInto("location_travel_times")
      .values(
        times.flatMap((time) => [
          {
            tenant_id: tenantId,
            from_location_id: locationId,
            to_location_id: time.locationId,
            minutes: time.minutes,
          },
          {
            tenant_id: tenantId,
            from_location_id: time.locationId,
            to_location_id: locationId,
            minutes: time.minutes,
          },
        ]),
      )
      .execute();
  },

  async references(db: Executor, tenantId: string, id: string): Promise<Reference[]> {
    return [
      {
        entityType: "room",
        count: await entityStore.countReferencing(db, "rooms", "location_id", tenantId, id),
      },
      {
        entityType: "equipment pool",
        count: await entityStore.countReferencing(db, "equipment", "location_id", tenantId, id),
      },
      {
        entityType: "instructor",
        count: await entityStore.countReferencing(db, "instructors", "home_location_id", tenantId, id),
      },
      {
        entityType: "session",
        count: await entityStore.countReferencing(db, "sessions", "location_id", tenantId, id),
      },
    ];
  },
};
