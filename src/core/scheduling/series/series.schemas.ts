import { z } from "zod";
import { entityId, localDate, localTime } from "../../shared/schemas.js";
import { sessionInputSchema } from "../sessions.schemas.js";

export const seriesInputSchema = sessionInputSchema.omit({ segments: true }).extend({
  rrule: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .meta({
      description:
        "RFC 5545 RRULE: FREQ=DAILY|WEEKLY|MONTHLY with INTERVAL, COUNT or UNTIL, BYDAY, BYMONTHDAY",
      examples: ["FREQ=WEEKLY;BYDAY=TU;COUNT=10"],
    }),
  start: localDate.meta({ description: "The first date of the series (local, in timeZone)" }),
  exceptions: z
    .array(localDate)
    .max(366)
    .default([])
    .meta({ description: "Dates to skip, e.g. public holidays" }),
  pattern: z
    .array(
      z.object({
        dayOffset: z
          .number()
          .int()
          .min(0)
          .max(30)
          .default(0)
          .meta({ description: "Days after the occurrence date" }),
        startTime: localTime,
        endTime: localTime,
        roomId: entityId.nullable().default(null),
      }),
    )
    .min(1)
    .max(30)
    .meta({ description: "The segments of each occurrence" }),
  dryRun: z.boolean().default(false).meta({ description: "Check every occurrence, write nothing" }),
});

export const cloneInputSchema = z.object({
  startDate: localDate.meta({
    description: "The new date of the first segment; the others keep their distance",
  }),
  status: z.enum(["draft", "planned"]).default("draft"),
});

export const shiftInputSchema = z.object({
  days: z
    .number()
    .int()
    .min(-366)
    .max(366)
    .refine((days) => days !== 0, "must not be 0"),
  reason: z.string().trim().max(1000).nullable().default(null),
  override: z
    .object({ reason: z.string().trim().min(3).max(1000) })
    .nullable()
    .default(null),
});

export type SeriesInput = z.output<typeof seriesInputSchema>;
export type CloneInput = z.output<typeof cloneInputSchema>;
export type ShiftInput = z.output<typeof shiftInputSchema>;
