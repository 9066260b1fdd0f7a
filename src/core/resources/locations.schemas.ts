import { z } from "zod";
import {
  addressOutputSchema,
  addressSchema,
  archivableTimestamps,
  archivedFilter,
  entityId,
  optionalText,
  pageQuery,
  text,
  timeZone,
} from "../shared/schemas.js";

export const travelTimeSchema = z.object({
  locationId: entityId,
  minutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .meta({ description: "Travel buffer between the two locations" }),
});

export const locationInputSchema = z.object({
  name: text(200),
  code: optionalText(50),
  address: addressSchema.default({}),
  timeZone,
  travelTimes: z.array(travelTimeSchema).max(500).default([]).meta({
    description: "Minutes to allow between sessions here and at each other location (kept symmetric)",
  }),
  notes: optionalText(),
});

export const locationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    code: z.string().nullable(),
    address: addressOutputSchema,
    timeZone: z.string(),
    travelTimes: z.array(z.object({ locationId: z.string(), minutes: z.number().int() })),
    notes: z.string().nullable(),
    ...archivableTimestamps,
  })
  .meta({ id: "Location" });

export const locationQuerySchema = z.object({
  q: z.string().max(200).optional().meta({ description: "Matches name or code" }),
  archived: archivedFilter,
  ...pageQuery,
});

export type LocationInput = z.output<typeof locationInputSchema>;
export type Location = z.output<typeof locationSchema>;
export type LocationQuery = z.output<typeof locationQuerySchema>;
