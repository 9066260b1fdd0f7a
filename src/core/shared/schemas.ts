import { z } from "zod";

// Output schemas are written out beside the input ones, not derived from them: they carry no
// transforms (so responses can be checked against them) and every field is always present.

// Building blocks shared by every module's schemas (and so by the API, CLI and web).

export const entityId = z.uuid({ message: "must be a UUID" });

export const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
};

// Zones are kept as sent once valid (Node 20's Intl would rename Asia/Kolkata to the legacy
// Asia/Calcutta); only the letter case is fixed when it matches a listed zone.
const listedZones = new Map(
  [...Intl.supportedValuesOf("timeZone"), "UTC", "Etc/UTC"].map((zone) => [zone.toLowerCase(), zone]),
);
const tidyTimeZone = (zone: string) =>
  listedZones.has(zone.toLowerCase()) ? listedZones.get(zone.toLowerCase())! : zone;

export const timeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, { message: "must be an IANA time zone such as Europe/Berlin" })
  .transform(tidyTimeZone)
  .meta({ description: "IANA time zone", examples: ["Europe/Berlin"] });

const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

export const currency = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine((value) => knownCurrencies.has(value), { message: "must be an ISO 4217 currency code such as EUR" })
  .meta({ description: "ISO 4217 currency code", examples: ["EUR"] });

/** Amounts are integer minor units (cents): never floats. */
export const minorAmount = z
  .number()
  .int("must be a whole number of minor units (e.g. cents)")
  .min(0)
  .max(Number.MAX_SAFE_INTEGER);

export const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time HH:mm between 00:00 and 24:00")
  .meta({ examples: ["09:00"] });

export const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "is not a valid calendar date")
  .meta({ examples: ["2027-03-29"] });

/** Surrounding blanks (common in pasted addresses) are dropped before the format check. */
export const email = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() : value),
  z.email({ message: "must be an email address" }).max(320),
);

export const text = (max = 200) => z.string().trim().min(1, "must not be empty").max(max);
/** Optional free text: blank becomes null. Defaults stay outermost so patchOf() can drop them. */
export const optionalText = (max = 5000) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .default(null);

/** A de-duplicated list of short labels (tags, features, skills), order kept. */
export const labelList = (max = 100) =>
  z
    .array(z.string().trim().min(1).max(100))
    .max(max)
    .transform((values) => [...new Set(values)])
    .default([]);

/** Skills are identifiers ("pmp", "first-aid"): compared without regard to case, so stored lowercase. */
export const skillName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .transform((value) => value.toLowerCase())
  .meta({ examples: ["pmp"] });

export const skillList = (max = 50) =>
  z
    .array(skillName)
    .max(max)
    .transform((values) => [...new Set(values)])
    .default([]);

export const timestamps = {
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const archivableTimestamps = {
  ...timestamps,
  archivedAt: z.iso.datetime().nullable(),
};

export const archivedFilter = z
  .enum(["exclude", "include", "only"])
  .default("exclude")
  .meta({ description: "Archived records: left out (default), included, or the only ones listed" });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional().meta({ description: "nextCursor from the previous page" }),
};

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as ?cursor= for the next page; null at the end" }),
  });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The PATCH form of a create schema: every field optional and no defaults, so fields the
 * client leaves out keep their stored value instead of falling back to a default.
 */
export function patchOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const withoutDefault =
      field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = withoutDefault.optional();
  }
  return z.object(shape) as unknown as z.ZodObject<{
    [K in keyof Shape]: z.ZodOptional<z.ZodType<z.output<Shape[K]>, z.input<Shape[K]>>>;
  }>;
}

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

const nullableString = z.string().nullable().optional();
export const addressOutputSchema = z
  .object({
    line1: nullableString,
    line2: nullableString,
    city: nullableString,
    postalCode: nullableString,
    region: nullableString,
    country: nullableString,
  })
  .meta({ id: "Address" });
