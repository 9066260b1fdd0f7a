import { z } from "zod";
import {
  addressOutputSchema,
  addressSchema,
  archivableTimestamps,
  archivedFilter,
  currency,
  email,
  labelList,
  optionalText,
  pageQuery,
  text,
} from "../shared/schemas.js";

const contactSchema = z.object({
  name: text(200),
  email: email.nullable().default(null),
  phone: z.string().trim().max(50).nullable().default(null),
  role: z
    .string()
    .trim()
    .max(100)
    .nullable()
    .default(null)
    .meta({ examples: ["Training manager"] }),
  isPrimary: z.boolean().default(false),
});

const billingSchema = z.object({
  email: email.nullable().default(null).meta({ description: "Where invoices go" }),
  address: addressSchema.default({}),
  taxId: z.string().trim().max(50).nullable().default(null).meta({ description: "VAT / tax number" }),
  paymentTermsDays: z.number().int().min(0).max(365).default(30),
  purchaseOrderRequired: z.boolean().default(false),
});

export const clientInputSchema = z
  .object({
    name: text(200),
    code: optionalText(50),
    contacts: z.array(contactSchema).max(100).default([]),
    billing: billingSchema.default({
      email: null,
      address: {},
      taxId: null,
      paymentTermsDays: 30,
      purchaseOrderRequired: false,
    }),
    currency: currency
      .nullable()
      .optional()
      .meta({ description: "Invoicing currency; omitted or null: the tenant's default" }),
    tags: labelList(),
    notes: optionalText(),
  })
  .superRefine((client, context) => {
    if (client.contacts.filter((contact) => contact.isPrimary).length > 1) {
      context.addIssue({ code: "custom", path: ["contacts"], message: "only one contact can be primary" });
    }
  });

export const clientSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    code: z.string().nullable(),
    contacts: z.array(
      z.object({
        name: z.string(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        role: z.string().nullable(),
        isPrimary: z.boolean(),
      }),
    ),
    billing: z.object({
      email: z.string().nullable(),
      address: addressOutputSchema,
      taxId: z.string().nullable(),
      paymentTermsDays: z.number().int(),
      purchaseOrderRequired: z.boolean(),
    }),
    currency: z.string(),
    tags: z.array(z.string()),
    notes: z.string().nullable(),
    ...archivableTimestamps,
  })
  .meta({ id: "Client" });

export const clientQuerySchema = z.object({
  q: z.string().max(200).optional().meta({ description: "Matches name or code" }),
  tag: z.string().max(100).optional(),
  archived: archivedFilter,
  ...pageQuery,
});

export type ClientInput = z.output<typeof clientInputSchema>;
export type Client = z.output<typeof clientSchema>;
export type ClientQuery = z.output<typeof clientQuerySchema>;
