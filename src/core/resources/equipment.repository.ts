import type { Dialect, Executor } from "../db/database.js";
import { entityStore, type ListQuery } from "../db/entity-store.js";
import type { EquipmentTable } from "../db/schema.js";
import { containsText } from "../db/sql.js";
import type { Reference } from "../errors.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import type { Equipment, EquipmentInput, EquipmentQuery } from "./equipment.schemas.js";

export const equipmentRepository = {
  toRow: (input: EquipmentInput, defaults: { currency: string }) => ({
    name: input.name,
    kind: input.kind,
    quantity: input.quantity,
    location_id: input.locationId,
    cost_per_day_minor: input.costPerDayMinor,
    currency: input.currency ?? defaults.currency,
    notes: input.notes,
  }),

  fromRow: (row: EquipmentTable): Equipment => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    quantity: row.quantity,
    locationId: row.location_id,
    costPerDayMinor: row.cost_per_day_minor,
    currency: row.currency,
    notes: row.notes,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    archivedAt: toIsoOrNull(row.archived_at),
  }),

  filter(query: ListQuery<"equipment">, params: EquipmentQuery, dialect: Dialect) {
    let filtered = query;
    if (params.kind) filtered = filtered.where("kind", "=", params.kind.toLowerCase());
    if (params.locationId) filtered = filtered.where("location_id", "=", params.locationId);
    if (params.mobile === true) filtered = filtered.where("location_id", "is", null);
    if (params.mobile === false) filtered = filtered.where("location_id", "is not", null);
    if (params.q) {
      const q = params.q;
      filtered = filtered.where((eb) => containsText(dialect, eb.ref("name"), q));
    }
    return filtered;
  },

  /** Active pools of these kinds kept at the location or mobile (no location). */
  poolsFor: (db: Executor, tenantId: string, kinds: string[], locationId: string | null) =>
    kinds.length === 0
      ? Promise.resolve([] as EquipmentTable[])
      : db
          .selectFrom("equipment")
          .selectAll()
          .where("tenant_id", "=", tenantId)
          .where("archived_at", "is", null)
          .where("kind", "in", kinds)
          .where((eb) =>
            locationId === null
              ? eb("location_id", "is", null)
              : eb.or([eb("location_id", "=", locationId), eb("location_id", "is", null)]),
          )
          .execute(),

  references: async (db: Executor, tenantId: string, id: string): Promise<Reference[]> => [
    {
      entityType: "session",
      count: await entityStore.countReferencing(db, "session_equipment", "equipment_id", tenantId, id),
    },
  ],
};
