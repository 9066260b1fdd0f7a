import { z } from "zod";
import {
  archivableTimestamps,
  archivedFilter,
  currency,
  email,
  entityId,
  labelList,
  localDate,
  localTime,
  minorAmount,
  optionalText,
  pageQuery,
  skillName,
  text,
  timestamps,
  timeZone,
} from "../shared/schemas.js";

export const instructorKinds = ["internal", "contractor"] as const;

export const instructorInputSchema = z.object({
  name: text(200),
  email: email.meta({ description: "Unique per tenant, compared case-insensitively" }),
  phone: optionalText(50),
  kind: z.enum(instructorKinds).default("internal"),
  homeLocationId: entityId.nullable().default(null),
  timeZone: timeZone.nullable().optional().meta({
    description:
      "Availability rules are in this zone. Omitted or null: the home location's, else the tenant's",
  }),
  dayRateMinor: minorAmount.nullable().default(null),
  hourRateMinor: minorAmount.nullable().default(null),
  currency: currency
    .nullable()
    .optional()
    .meta({ description: "Omitted or null: the tenant's default currency" }),
  maxDaysPerWeek: z.number().int().min(1).max(7).nullable().default(null),
  maxDaysPerMonth: z.number().int().min(1).max(31).nullable().default(null),
  languages: labelList(20).meta({ description: "Languages the instructor teaches in, e.g. en, de" }),
  tags: labelList(),
  notes: optionalText(),
});

export const instructorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    kind: z.enum(instructorKinds),
    homeLocationId: z.string().nullable(),
    timeZone: z.string(),
    dayRateMinor: z.number().int().nullable(),
    hourRateMinor: z.number().int().nullable(),
    currency: z.string(),
    maxDaysPerWeek: z.number().int().nullable(),
    maxDaysPerMonth: z.number().int().nullable(),
    languages: z.array(z.string()),
    tags: z.array(z.string()),
    notes: z.string().nullable(),
    ...archivableTimestamps,
  })
  .meta({ id: "Instructor" });

export const instructorQuerySchema = z.object({
  q: z.string().max(200).optional().meta({ description: "Matches name or email" }),
  kind: z.enum(instructorKinds).optional(),
  homeLocationId: z.string().max(100).optional(),
  skill: z
    .string()
    .max(100)
    .optional()
    .meta({ description: "Holds a qualification for this skill (any validity)" }),
  courseId: z
    .string()
    .max(100)
    .optional()
    .meta({ description: "Holds a qualification for this course (any validity)" }),
  tag: z.string().max(100).optional(),
  archived: archivedFilter,
  ...pageQuery,
});

export type InstructorInput = z.output<typeof instructorInputSchema>;
export type Instructor = z.output<typeof instructorSchema>;
export type InstructorQuery = z.output<typeof instructorQuerySchema>;

// ── qualifications ───────────────────────────────────────────────────────────

export const qualificationInputSchema = z
  .object({
    courseId: entityId.nullable().default(null).meta({ description: "Qualified to teach this course" }),
    skill: skillName.nullable().default(null).meta({ description: "Or holds this skill (stored lowercase)" }),
    level: z
      .string()
      .trim()
      .max(50)
      .nullable()
      .default(null)
      .meta({ examples: ["lead", "certified trainer"] }),
    validFrom: localDate.nullable().default(null),
    validUntil: localDate.nullable().default(null).meta({ description: "Last day it is valid (inclusive)" }),
    notes: optionalText(),
  })
  .superRefine((input, context) => {
    if ((input.courseId === null) === (input.skill === null)) {
      context.addIssue({
        code: "custom",
        path: ["courseId"],
        message: "give exactly one of courseId or skill",
      });
    }
    if (input.validFrom && input.validUntil && input.validFrom > input.validUntil) {
      context.addIssue({ code: "custom", path: ["validUntil"], message: "must not be before validFrom" });
    }
  });

export const qualificationSchema = z
  .object({
    id: z.string(),
    instructorId: z.string(),
    courseId: z.string().nullable(),
    skill: z.string().nullable(),
    level: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    notes: z.string().nullable(),
    ...timestamps,
  })
  .meta({ id: "Qualification" });

export type QualificationInput = z.output<typeof qualificationInputSchema>;
export type Qualification = z.output<typeof qualificationSchema>;

// ── weekly availability ──────────────────────────────────────────────────────

export const availabilityRuleSchema = z
  .object({
    weekday: z.number().int().min(1).max(7).meta({ description: "ISO weekday: 1 = Monday … 7 = Sunday" }),
    startTime: localTime,
    endTime: localTime,
    validFrom: localDate.nullable().default(null),
    validUntil: localDate.nullable().default(null),
  })
  .superRefine((rule, context) => {
    if (rule.startTime >= rule.endTime) {
      context.addIssue({ code: "custom", path: ["endTime"], message: "must be after startTime" });
    }
    if (rule.validFrom && rule.validUntil && rule.validFrom > rule.validUntil) {
      context.addIssue({ code: "custom", path: ["validUntil"], message: "must not be before validFrom" });
    }
  });

export const availabilityInputSchema = z.object({
  rules: z.array(availabilityRuleSchema).max(200),
});

export const availabilitySchema = z
  .object({
    instructorId: z.string(),
    timeZone: z.string().meta({ description: "The zone the rules are in (the instructor's)" }),
    rules: z.array(
      z.object({
        weekday: z.number().int(),
        startTime: z.string(),
        endTime: z.string(),
        validFrom: z.string().nullable(),
        validUntil: z.string().nullable(),
      }),
    ),
  })
  .meta({
    id: "WeeklyAvailability",
    description:
      "Weekly windows in which the instructor can teach. No rules at all means available at any time.",
  });

export type AvailabilityRule = z.output<typeof availabilityRuleSchema>;
export type AvailabilityInput = z.output<typeof availabilityInputSchema>;
export type Availability = z.output<typeof availabilitySchema>;

// ── time off ─────────────────────────────────────────────────────────────────

const timePoint = z
  .string()
  .trim()
  .max(40)
  .meta({
    description:
      "A date (whole days, end inclusive), a local date-time in the instructor's zone, or an instant with offset",
    examples: ["2027-07-01", "2027-07-01T13:00", "2027-07-01T11:00:00Z"],
  });

export const timeOffInputSchema = z.object({
  start: timePoint,
  end: timePoint,
  reason: optionalText(500),
});

export const timeOffSchema = z
  .object({
    id: z.string(),
    instructorId: z.string(),
    allDay: z.boolean(),
    start: z.string().meta({ description: "As entered: local date or date-time in timeZone" }),
    end: z.string(),
    timeZone: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime().meta({ description: "Exclusive" }),
    reason: z.string().nullable(),
    ...timestamps,
  })
  .meta({ id: "TimeOff" });

export const timeOffQuerySchema = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: "Only time off ending after this instant" }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: "Only time off starting before this instant" }),
});

export type TimeOffInput = z.output<typeof timeOffInputSchema>;
export type TimeOff = z.output<typeof timeOffSchema>;
export type TimeOffQuery = z.output<typeof timeOffQuerySchema>;
