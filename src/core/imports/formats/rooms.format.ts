import { entityStore } from "../../db/entity-store.js";
import type { Room, RoomInput } from "../../resources/rooms.schemas.js";
import { roomDefinition } from "../../resources/rooms.service.js";
import { loadTenant } from "../../tenancy/tenancy.service.js";
import { integerCell, joinList, minorToMajor, moneyCell, splitList } from "../csv-values.js";
import { loadLocations, type NamedLookup } from "../lookups.js";
import type { CsvFormat } from "./format.js";

const roomKey = (locationId: string, name: string) => `${locationId}\u0000${name}`;

export const roomsFormat: CsvFormat<
  "rooms",
  Room,
  RoomInput,
  { locations: NamedLookup; defaultCurrency: string }
> = {
  entity: "rooms",
  definition: roomDefinition,
  columns: [
    {
      header: "location",
      field: "locationId",
      required: true,
      description: "Location name or id",
      example: "London",
    },
    {
      header: "name",
      field: "name",
      required: true,
      description: "Unique within the location",
      example: "Room 2.14",
    },
    { header: "capacity", field: "capacity", required: true, description: "Seats", example: "16" },
    {
      header: "features",
      field: "features",
      description: "Separated by ;",
      example: "projector; whiteboard",
    },
    { header: "cost_per_day", field: "costPerDayMinor", description: "Major units", example: "350.00" },
    { header: "cost_per_hour", field: "costPerHourMinor", description: "Major units", example: "50.00" },
    {
      header: "currency",
      field: "currency",
      description: "ISO 4217; tenant default if empty",
      example: "GBP",
    },
    {
      header: "setup_minutes",
      field: "setupMinutes",
      description: "Kept free before a session",
      example: "30",
    },
    {
      header: "teardown_minutes",
      field: "teardownMinutes",
      description: "Kept free after a session",
      example: "15",
    },
    { header: "notes", field: "notes", description: "Free text" },
  ],

  loadLookups: async (db, tenantId) => ({
    locations: await loadLocations(db, tenantId),
    defaultCurrency: (await loadTenant(db, tenantId)).default_currency,
  }),

  toRaw(cells, { locations, defaultCurrency }, issue) {
    const location = locations.resolve(cells.location ?? "");
    if (typeof location === "string") issue("location", location);
    const currency = (cells.currency || defaultCurrency).toUpperCase();
    return {
      locationId: typeof location === "string" ? undefined : location.id,
      name: cells.name,
      capacity: integerCell(cells.capacity, "capacity", issue),
      features: splitList(cells.features ?? ""),
      costPerDayMinor: moneyCell(cells.cost_per_day, "cost_per_day", currency, issue),
      costPerHourMinor: moneyCell(cells.cost_per_hour, "cost_per_hour", currency, issue),
      currency: cells.currency || undefined,
      setupMinutes: integerCell(cells.setup_minutes, "setup_minutes", issue),
      teardownMinutes: integerCell(cells.teardown_minutes, "teardown_minutes", issue),
      notes: cells.notes || null,
    };
  },

  unique: {
    column: "name",
    key: (input) => roomKey(input.locationId, input.name),
    async existing(db, tenantId) {
      const rows = await entityStore.columns(db, "rooms", tenantId, ["location_id", "name"]);
      return new Set(rows.map((row) => roomKey(row.location_id, row.name)));
    },
    message: "a room with this name at this location",
  },

  toRecord: (room, { locations }) => ({
    location: locations.nameOf(room.locationId),
    name: room.name,
    capacity: String(room.capacity),
    features: joinList(room.features),
    cost_per_day: minorToMajor(room.costPerDayMinor, room.currency),
    cost_per_hour: minorToMajor(room.costPerHourMinor, room.currency),
    currency: room.currency,
    setup_minutes: String(room.setupMinutes),
    teardown_minutes: String(room.teardownMinutes),
    notes: room.notes ?? "",
  }),
};
