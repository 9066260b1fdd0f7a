import { z } from "zod";
import {
  archivableTimestamps,
  archivedFilter,
  currency,
  entityId,
  labelList,
  minorAmount,
  optionalText,
  pageQuery,
  text,
} from "../shared/schemas.js";

const minutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

export const roomInputSchema = z.object({
  locationId: entityId,
  name: text(200),
  capacity: z.number().int().min(1).max(100_000).meta({ description: "Seats" }),
  features: labelList().meta({ description: "e.g. projector, whiteboard, wheelchair-access" }),
  costPerDayMinor: minorAmount.nullable().default(null),
  costPerHourMinor: minorAmount.nullable().default(null),
  currency: currency
    .nullable()
    .optional()
    .meta({ description: "Omitted or null: the tenant's default currency" }),
  setupMinutes: minutes.default(0).meta({ description: "Kept free before each session" }),
  teardownMinutes: minutes.default(0).meta({ description: "Kept free after each session" }),
  notes: optionalText(),
});

export const roomSchema = z
  .object({
    id: z.string(),
    locationId: z.string(),
    name: z.string(),
    capacity: z.number().int(),
    features: z.array(z.string()),
    costPerDayMinor: z.number().int().nullable(),
    costPerHourMinor: z.number().int().nullable(),
    currency: z.string(),
    setupMinutes: z.number().int(),
    teardownMinutes: z.number().int(),
    notes: z.string().nullable(),
    ...archivableTimestamps,
  })
  .meta({ id: "Room" });

export const roomQuerySchema = z.object({
  locationId: z.string().max(100).optional(),
  minCapacity: z.coerce.number().int().min(0).optional(),
  feature: z.string().max(100).optional().meta({ description: "Only rooms with this feature" }),
  q: z.string().max(200).optional().meta({ description: "Matches the name" }),
  archived: archivedFilter,
  ...pageQuery,
});

export type RoomInput = z.output<typeof roomInputSchema>;
export type Room = z.output<typeof roomSchema>;
export type RoomQuery = z.output<typeof roomQuerySchema>;
