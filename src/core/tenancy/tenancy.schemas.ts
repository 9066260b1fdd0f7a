import { z } from "zod";
import { currency, text, timeZone } from "../shared/schemas.js";

export const tenantSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    defaultCurrency: z
      .string()
      .meta({ description: "Used when a price, rate or cost is given without currency" }),
    defaultTimeZone: z
      .string()
      .meta({ description: "Used when an instructor has neither zone nor home location" }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Tenant" });

export const tenantPatchSchema = z.object({
  name: text(200).optional(),
  defaultCurrency: currency.optional(),
  defaultTimeZone: timeZone.optional(),
});

export const tenantSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lowercase letters, digits and dashes (max 63)");

export type Tenant = z.infer<typeof tenantSchema>;
export type TenantPatch = z.infer<typeof tenantPatchSchema>;
