import { z } from "zod";
import {
  archivableTimestamps,
  archivedFilter,
  currency,
  entityId,
  minorAmount,
  optionalText,
  pageQuery,
  text,
} from "../shared/schemas.js";

export const equipmentInputSchema = z.object({
  name: text(200),
  kind: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .transform((value) => value.toLowerCase())
    .meta({ description: "What courses ask for, e.g. laptop, projector, vr-headset", examples: ["laptop"] }),
  quantity: z.number().int().min(0).max(1_000_000).meta({ description: "Units in this pool" }),
  locationId: entityId
    .nullable()
    .default(null)
    .meta({ description: "Where the pool is kept; null for a mobile pool" }),
  costPerDayMinor: minorAmount.nullable().default(null),
  currency: currency
    .nullable()
    .optional()
    .meta({ description: "Omitted or null: the tenant's default currency" }),
  notes: optionalText(),
});

export const equipmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    quantity: z.number().int(),
    locationId: z.string().nullable(),
    costPerDayMinor: z.number().int().nullable(),
    currency: z.string(),
    notes: z.string().nullable(),
    ...archivableTimestamps,
  })
  .meta({ id: "Equipment" });

export const equipmentQuerySchema = z.object({
  kind: z.string().max(100).optional(),
  locationId: z.string().max(100).optional(),
  mobile: z
    .stringbool()
    .optional()
    .meta({ description: "true: only mobile pools; false: only located pools" }),
  q: z.string().max(200).optional(),
  archived: archivedFilter,
  ...pageQuery,
});

export type EquipmentInput = z.output<typeof equipmentInputSchema>;
export type Equipment = z.output<typeof equipmentSchema>;
export type EquipmentQuery = z.output<typeof equipmentQuerySchema>;
