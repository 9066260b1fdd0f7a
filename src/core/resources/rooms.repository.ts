import type { Dialect, Executor } from "../db/database.js";
import { entityStore, type ListQuery } from "../db/entity-store.js";
import type { RoomsTable } from "../db/schema.js";
import { containsText, jsonArrayContains } from "../db/sql.js";
import type { Reference } from "../errors.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { fromJson, toJson } from "../shared/json.js";
import type { Room, RoomInput, RoomQuery } from "./rooms.schemas.js";

export const roomRepository = {
  toRow: (input: RoomInput, defaults: { currency: string }) => ({
    location_id: input.locationId,
    name: input.name,
    capacity: input.capacity,
    features_json: toJson(input.features),
    cost_per_day_minor: input.costPerDayMinor,
    cost_per_hour_minor: input.costPerHourMinor,
    currency: input.currency ?? defaults.currency,
    setup_minutes: input.setupMinutes,
    teardown_minutes: input.teardownMinutes,
    notes: input.notes,
  }),

  fromRow: (row: RoomsTable): Room => ({
    id: row.id,
    locationId: row.location_id,
    name: row.name,
    capacity: row.capacity,
    features: fromJson(row.features_json, []),
    costPerDayMinor: row.cost_per_day_minor,
    costPerHourMinor: row.cost_per_hour_minor,
    currency: row.currency,
    setupMinutes: row.setup_minutes,
    teardownMinutes: row.teardown_minutes,
    notes: row.notes,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    archivedAt: toIsoOrNull(row.archived_at),
  }),

  filter(query: ListQuery<"rooms">, params: RoomQuery, dialect: Dialect) {
    let filtered = query;
    if (params.locationId) filtered = filtered.where("location_id", "=", params.locationId);
    if (params.minCapacity !== undefined) filtered = filtered.where("capacity", ">=", params.minCapacity);
    if (params.feature) {
      const feature = params.feature;
      filtered = filtered.where((eb) => jsonArrayContains(dialect, eb.ref("features_json"), feature));
    }
    if (params.q) {
      const q = params.q;
      filtered = filtered.where((eb) => containsText(dialect, eb.ref("name"), q));
    }
    return filtered;
  },

  references: async (db: Executor, tenantId: string, id: string): Promise<Reference[]> => [
    {
      entityType: "session segment",
      count: await entityStore.countReferencing(db, "session_segments", "room_id", tenantId, id),
    },
  ],
};
