import { z } from "zod";
import { deliveryFormat } from "../catalog/courses.schemas.js";
import {
  currency,
  entityId,
  minorAmount,
  optionalText,
  pageQuery,
  timestamps,
  timeZone,
} from "../shared/schemas.js";
import { parseTimePoint } from "../time/zoned.js";

/** Segments (days or parts of days) a session may have. */
export const MAX_SEGMENTS = 100;

export const sessionStatuses = [
  "draft",
  "planned",
  "confirmed",
  "in_progress",
  "completed",
  "cancelled",
  "postponed",
] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
export const instructorRoles = ["lead", "co", "assistant"] as const;
export const assignmentStatuses = ["requested", "accepted", "declined", "withdrawn"] as const;

const localDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
    "must be a local date-time YYYY-MM-DDTHH:mm (no offset: it is read in the session's time zone)",
  )
  .refine((value) => parseTimePoint(value)?.kind === "local", "is not a real date and time")
  .meta({ examples: ["2027-03-29T09:00"] });

const segmentRefs = z
  .array(z.number().int().min(0))
  .max(100)
  .nullable()
  .default(null)
  .meta({ description: "Positions (0-based) in segments this applies to; null: every segment" });

export const segmentInputSchema = z.object({
  id: entityId
    .optional()
    .meta({ description: "Keep an existing segment's id (and calendar identity) when changing it" }),
  start: localDateTime,
  end: localDateTime,
  roomId: entityId.nullable().default(null),
});

export const assignmentInputSchema = z.object({
  instructorId: entityId,
  role: z.enum(instructorRoles).default("lead"),
  segments: segmentRefs,
  respondBy: z.iso
    .datetime({ offset: true })
    .nullable()
    .default(null)
    .meta({ description: "Deadline for the instructor to accept or decline" }),
});

export const equipmentLineSchema = z.object({
  equipmentId: entityId,
  quantity: z.number().int().min(1).max(100_000),
  segments: segmentRefs,
});

export const overrideSchema = z
  .object({ reason: z.string().trim().min(3).max(1000) })
  .nullable()
  .default(null)
  .meta({
    description:
      "Accept warning conflicts (availability, time off, qualification, limits, room fit) with a reason that is audited. Blocking conflicts (double bookings) can never be overridden.",
  });

/** What a coordinator sends to create a session (and to dry-run one). */
export const sessionInputSchema = z.object({
  courseId: entityId,
  title: optionalText(300).meta({ description: "Overrides the course title" }),
  format: deliveryFormat,
  timeZone: timeZone.meta({ description: "Segment times are wall-clock in this zone" }),
  locationId: entityId.nullable().default(null),
  visibility: z.enum(["public", "private"]).default("public"),
  clientId: entityId
    .nullable()
    .default(null)
    .meta({ description: "Required for private sessions: the client they are for" }),
  minSeats: z.number().int().min(0).max(100_000).optional().meta({ description: "Defaults to the course's" }),
  maxSeats: z.number().int().min(1).max(100_000).optional().meta({ description: "Defaults to the course's" }),
  priceMinor: minorAmount
    .nullable()
    .default(null)
    .meta({ description: "Per learner; null: the course's list price" }),
  currency: currency.nullable().optional(),
  virtualPlatformId: entityId
    .nullable()
    .default(null)
    .meta({ description: "For vilt and hybrid; none given: a Jitsi meeting (no account needed)" }),
  notes: optionalText(),
  status: z
    .enum(["draft", "planned"])
    .default("draft")
    .meta({ description: "Sessions start as drafts or planned" }),
  segments: z.array(segmentInputSchema).min(1).max(MAX_SEGMENTS),
  instructors: z.array(assignmentInputSchema).max(20).default([]),
  equipment: z.array(equipmentLineSchema).max(50).default([]),
  override: overrideSchema,
});

export const sessionCheckSchema = sessionInputSchema.extend({
  sessionId: entityId.optional().meta({ description: "The existing session these values would replace" }),
  suggestions: z
    .boolean()
    .default(true)
    .meta({ description: "Also rank alternatives for the conflicts found" }),
});

/** PATCH: any of the fields; segments, instructors and equipment are replaced as lists. */
export const sessionPatchSchema = z.object({
  title: sessionInputSchema.shape.title.optional(),
  format: deliveryFormat.optional(),
  timeZone: timeZone.optional(),
  locationId: entityId.nullable().optional(),
  visibility: z.enum(["public", "private"]).optional(),
  clientId: entityId.nullable().optional(),
  minSeats: z.number().int().min(0).max(100_000).optional(),
  maxSeats: z.number().int().min(1).max(100_000).optional(),
  priceMinor: minorAmount.nullable().optional(),
  currency: currency.nullable().optional(),
  virtualPlatformId: entityId.nullable().optional(),
  notes: z.string().trim().max(5000).nullable().optional(),
  segments: z.array(segmentInputSchema).min(1).max(MAX_SEGMENTS).optional(),
  instructors: z.array(assignmentInputSchema).max(20).optional(),
  equipment: z.array(equipmentLineSchema).max(50).optional(),
  override: overrideSchema,
  reason: z.string().trim().max(1000).optional().meta({ description: "Why (recorded with a reschedule)" }),
});

export type SessionInput = z.output<typeof sessionInputSchema>;
export type SessionCheckInput = z.output<typeof sessionCheckSchema>;
export type SessionPatch = z.output<typeof sessionPatchSchema>;

const instant = z.iso.datetime();

export const segmentSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  start: z.string().meta({ description: "Local wall-clock in the session's zone" }),
  end: z.string(),
  startsAt: instant,
  endsAt: instant,
  roomId: z.string().nullable(),
});

export const assignmentSchema = z
  .object({
    id: z.string(),
    instructorId: z.string(),
    role: z.enum(instructorRoles),
    segmentIds: z.array(z.string()).nullable(),
    status: z.enum(assignmentStatuses),
    respondBy: instant.nullable(),
    respondedAt: instant.nullable(),
    responseNote: z.string().nullable(),
    overrideReason: z.string().nullable(),
  })
  .meta({ id: "InstructorAssignment" });

export const sessionSchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    title: z.string().meta({ description: "The override, else the course title" }),
    titleOverride: z.string().nullable(),
    format: deliveryFormat,
    timeZone: z.string(),
    locationId: z.string().nullable(),
    visibility: z.enum(["public", "private"]),
    clientId: z.string().nullable(),
    minSeats: z.number().int(),
    maxSeats: z.number().int(),
    priceMinor: z.number().int().nullable(),
    currency: z.string(),
    virtualPlatformId: z.string().nullable(),
    joinUrl: z.string().nullable(),
    notes: z.string().nullable(),
    status: z.enum(sessionStatuses),
    seriesId: z.string().nullable(),
    startsAt: instant,
    endsAt: instant,
    segments: z.array(segmentSchema),
    instructors: z.array(assignmentSchema),
    equipment: z.array(
      z.object({
        id: z.string(),
        equipmentId: z.string(),
        quantity: z.number().int(),
        segmentIds: z.array(z.string()).nullable(),
      }),
    ),
    version: z.number().int(),
    ...timestamps,
  })
  .meta({ id: "Session" });

export type Session = z.output<typeof sessionSchema>;

export const conflictSchema = z
  .object({
    type: z.string(),
    severity: z.enum(["blocking", "warning"]),
    message: z.string(),
    resource: z.object({ type: z.string(), id: z.string(), name: z.string() }),
    segment: z.number().int().nullable().meta({ description: "Position of the segment concerned" }),
    interval: z.object({ startsAt: instant, endsAt: instant }).nullable(),
    with: z.array(
      z.object({
        sessionId: z.string(),
        segmentId: z.string(),
        startsAt: instant,
        endsAt: instant,
        label: z.string(),
      }),
    ),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Conflict" });

export type ConflictView = z.output<typeof conflictSchema>;

export const sessionQuerySchema = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: "Sessions ending after this instant" }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: "Sessions starting before this instant" }),
  status: z.enum(sessionStatuses).optional(),
  courseId: z.string().max(100).optional(),
  locationId: z.string().max(100).optional(),
  clientId: z.string().max(100).optional(),
  instructorId: z.string().max(100).optional(),
  roomId: z.string().max(100).optional(),
  seriesId: z.string().max(100).optional(),
  ...pageQuery,
});

export type SessionQuery = z.output<typeof sessionQuerySchema>;

export const impactSchema = z
  .object({
    timesChanged: z.boolean(),
    before: z.unknown(),
    after: z.unknown(),
    instructors: z.array(z.object({ instructorId: z.string(), role: z.string(), status: z.string() })),
    rooms: z.array(z.string()),
    equipment: z.array(z.object({ equipmentId: z.string(), quantity: z.number().int() })),
    learners: z.array(z.string()),
    invoices: z.array(z.string()),
  })
  .meta({
    id: "Impact",
    description: "Who and what a reschedule, postponement or cancellation touches (instants in epoch ms)",
  });

export const suggestionsSchema = z
  .object({
    instructors: z.array(
      z.object({
        replaces: z.string(),
        candidates: z.array(
          z.object({
            instructorId: z.string(),
            name: z.string(),
            dayRateMinor: z.number().int().nullable(),
            hourRateMinor: z.number().int().nullable(),
            currency: z.string(),
            teachingDaysThatMonth: z.number().int(),
          }),
        ),
      }),
    ),
    rooms: z.array(
      z.object({
        replaces: z.string(),
        candidates: z.array(
          z.object({
            roomId: z.string(),
            name: z.string(),
            capacity: z.number().int(),
            costPerDayMinor: z.number().int().nullable(),
            currency: z.string(),
          }),
        ),
      }),
    ),
    slots: z.array(
      z.object({
        shiftDays: z.number().int(),
        segments: z.array(
          z.object({
            start: z.string(),
            end: z.string(),
            startsAt: z.iso.datetime(),
            endsAt: z.iso.datetime(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "Suggestions" });
