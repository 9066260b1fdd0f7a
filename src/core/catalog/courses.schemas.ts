import { z } from "zod";
import {
  archivableTimestamps,
  archivedFilter,
  currency,
  labelList,
  localTime,
  minorAmount,
  optionalText,
  pageQuery,
  skillList,
  text,
} from "../shared/schemas.js";

export const deliveryFormats = ["ilt", "vilt", "hybrid"] as const;
export const deliveryFormat = z
  .enum(deliveryFormats)
  .meta({ description: "ilt: in a room; vilt: virtual; hybrid: both at once" });

const equipmentRequirement = z.object({
  kind: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .transform((value) => value.toLowerCase())
    .meta({ description: "Matches equipment pools of this kind", examples: ["laptop"] }),
  quantity: z.number().int().min(1).max(10_000).default(1),
  perLearner: z
    .boolean()
    .default(false)
    .meta({ description: "quantity is per enrolled learner, not per session" }),
});

const material = z.object({
  name: text(200),
  quantityPerLearner: z.number().int().min(1).max(1000).default(1),
  unitCostMinor: minorAmount.nullable().default(null),
});

export const courseInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
        "letters, digits and . _ / - only, starting with a letter or digit",
      )
      .meta({ examples: ["PM-101"] }),
    title: text(300),
    description: optionalText(20_000),
    formats: z
      .array(deliveryFormat)
      .min(1)
      .transform((values) => [...new Set(values)])
      .default(["ilt"]),
    durationDays: z.number().int().min(1).max(365).default(1),
    dayStartTime: localTime.default("09:00"),
    dayEndTime: localTime.default("17:00"),
    minSeats: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(1)
      .meta({ description: "Below this a run is at risk" }),
    maxSeats: z.number().int().min(1).max(100_000).default(12),
    requiredQualifications: skillList().meta({
      description:
        "Skills an instructor must hold (valid on the session date). Empty: any instructor may teach it; a qualification for the course itself always counts.",
    }),
    requiredRoomFeatures: labelList(),
    requiredEquipment: z.array(equipmentRequirement).max(50).default([]),
    materials: z.array(material).max(100).default([]).meta({ description: "Handed to each learner" }),
    listPriceMinor: minorAmount.nullable().default(null).meta({ description: "Per learner, in minor units" }),
    currency: currency
      .nullable()
      .optional()
      .meta({ description: "Omitted or null: the tenant's default currency" }),
    certificateValidityMonths: z
      .number()
      .int()
      .min(1)
      .max(600)
      .nullable()
      .default(null)
      .meta({ description: "Certificates expire this long after completion; null: never" }),
    language: z
      .string()
      .trim()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as en or pt-BR")
      .nullable()
      .default(null),
    tags: labelList(),
  })
  .superRefine((course, context) => {
    if (course.minSeats > course.maxSeats) {
      context.addIssue({ code: "custom", path: ["minSeats"], message: "must not exceed maxSeats" });
    }
    if (course.dayStartTime >= course.dayEndTime) {
      context.addIssue({ code: "custom", path: ["dayEndTime"], message: "must be after dayStartTime" });
    }
    const kinds = course.requiredEquipment.map((item) => item.kind);
    kinds.forEach((kind, index) => {
      if (kinds.indexOf(kind) !== index) {
        context.addIssue({
          code: "custom",
          path: ["requiredEquipment", index, "kind"],
          message: "is listed twice",
        });
      }
    });
  });

export const courseSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    formats: z.array(deliveryFormat),
    durationDays: z.number().int(),
    dayStartTime: z.string(),
    dayEndTime: z.string(),
    minSeats: z.number().int(),
    maxSeats: z.number().int(),
    requiredQualifications: z.array(z.string()),
    requiredRoomFeatures: z.array(z.string()),
    requiredEquipment: z.array(
      z.object({ kind: z.string(), quantity: z.number().int(), perLearner: z.boolean() }),
    ),
    materials: z.array(
      z.object({
        name: z.string(),
        quantityPerLearner: z.number().int(),
        unitCostMinor: z.number().int().nullable(),
      }),
    ),
    listPriceMinor: z.number().int().nullable(),
    currency: z.string(),
    certificateValidityMonths: z.number().int().nullable(),
    language: z.string().nullable(),
    tags: z.array(z.string()),
    ...archivableTimestamps,
  })
  .meta({ id: "Course" });

export const courseQuerySchema = z.object({
  q: z.string().max(200).optional().meta({ description: "Matches code or title" }),
  format: deliveryFormat.optional(),
  tag: z.string().max(100).optional(),
  archived: archivedFilter,
  ...pageQuery,
});

export type CourseInput = z.output<typeof courseInputSchema>;
export type Course = z.output<typeof courseSchema>;
export type CourseQuery = z.output<typeof courseQuerySchema>;
