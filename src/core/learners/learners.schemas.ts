import { z } from "zod";
import {
  archivableTimestamps,
  archivedFilter,
  email,
  entityId,
  labelList,
  optionalText,
  pageQuery,
  text,
  timeZone,
} from "../shared/schemas.js";

export const customFieldValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const learnerInputSchema = z.object({
  name: text(200),
  email: email.meta({ description: "Unique per tenant, compared case-insensitively" }),
  clientId: entityId
    .nullable()
    .default(null)
    .meta({ description: "The organisation the learner belongs to" }),
  managerEmail: email
    .nullable()
    .default(null)
    .meta({ description: "Approves registrations when a policy asks for it" }),
  phone: optionalText(50),
  language: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as en or pt-BR")
    .nullable()
    .default(null),
  timeZone: timeZone.nullable().default(null),
  externalId: optionalText(100).meta({ description: "Id in an HR system or LMS" }),
  customFields: z
    .record(z.string().trim().min(1).max(100), customFieldValue)
    .refine((fields) => Object.keys(fields).length <= 50, "at most 50 custom fields")
    .default({}),
  tags: labelList(),
  notes: optionalText(),
});

export const learnerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    clientId: z.string().nullable(),
    managerEmail: z.string().nullable(),
    phone: z.string().nullable(),
    language: z.string().nullable(),
    timeZone: z.string().nullable(),
    externalId: z.string().nullable(),
    customFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    tags: z.array(z.string()),
    notes: z.string().nullable(),
    ...archivableTimestamps,
  })
  .meta({ id: "Learner" });

export const learnerQuerySchema = z.object({
  q: z.string().max(200).optional().meta({ description: "Matches name or email" }),
  email: z.string().max(320).optional().meta({ description: "Exact email (case-insensitive)" }),
  clientId: z.string().max(100).optional(),
  externalId: z.string().max(100).optional(),
  tag: z.string().max(100).optional(),
  archived: archivedFilter,
  ...pageQuery,
});

export type LearnerInput = z.output<typeof learnerInputSchema>;
export type Learner = z.output<typeof learnerSchema>;
export type LearnerQuery = z.output<typeof learnerQuerySchema>;
