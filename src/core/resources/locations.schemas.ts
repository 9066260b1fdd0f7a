import { z } from "zod";
import {
  archivableTimestamps,
  archivedFilter,
  entityId,
  optionalText,
  pageQuery,
  text,
  timeZone,
} from "../shared/schemas.js";

const addressLine = z.string().trim().max(200).nullable().optional();

export const addressSchema = z.object({
  line1: addressLine,
  line2: addressLine,
  city: addressLine,
  postalCode: z.string().trim().max(20).nullable().optional(),
  region: addressLine,
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "must be a two-letter ISO 3166 country code")
    .transform((value) => value.toUpperCase())
    .nullable()
    .optional(),
});

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

// Output schemas are written out (not derived from the input ones): they carry no transforms,
// so responses can be checked against them, and every field is always present.
const nullableString = z.string().nullable();

export const locationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    code: nullableString,
    address: z.object({
      line1: nullableString.optional(),
      line2: nullableString.optional(),
      city: nullableString.optional(),
      postalCode: nullableString.optional(),
      region: nullableString.optional(),
      country: nullableString.optional(),
    }),
    timeZone: z.string(),
    travelTimes: z.array(z.object({ locationId: z.string(), minutes: z.number().int() })),
    notes: nullableString,
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
