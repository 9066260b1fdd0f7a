import { z } from "zod";
import { deliveryFormat } from "../catalog/courses.schemas.js";
import { conflictSchema, overrideSchema, sessionSchema } from "../scheduling/sessions.schemas.js";
import { entityId, localDate, localTime, pageQuery, timeZone } from "../shared/schemas.js";

export const planStatuses = [
  "queued",
  "running",
  "done",
  "failed",
  "cancelled",
  "applying",
  "applied",
] as const;
export type PlanStatus = (typeof planStatuses)[number];

const weekday = z.number().int().min(1).max(7);
const windowSchema = z
  .object({ from: localDate, to: localDate })
  .refine((window) => window.from <= window.to, { message: "must not end before it starts", path: ["to"] })
  .meta({ description: "Inclusive local dates (in the location's zone) the runs may use" });

/** So many runs of a course, inside a window, at a location or virtual. */
export const demandSchema = z.object({
  courseId: entityId,
  runs: z.number().int().min(1).max(50).default(1),
  window: windowSchema,
  locationId: entityId
    .nullable()
    .default(null)
    .meta({ description: "Where the runs take place; null: virtual (no room)" }),
  format: deliveryFormat.optional().meta({ description: "Defaults to ilt with a location, vilt without" }),
  timeZone: timeZone.optional().meta({ description: "Defaults to the location's, else the tenant's" }),
  maxSeats: z.number().int().min(1).max(100_000).optional().meta({ description: "Defaults to the course's" }),
  startTime: localTime.optional().meta({ description: "Daily start; defaults to the course's" }),
  endTime: localTime.optional().meta({ description: "Daily end; defaults to the course's" }),
  weekdays: z
    .array(weekday)
    .min(1)
    .max(7)
    .default([1, 2, 3, 4, 5])
    .meta({ description: "ISO weekdays the runs may use (1 = Monday)" }),
  preferredWeekdays: z
    .array(weekday)
    .max(7)
    .default([])
    .meta({ description: "Soft: days of the week to prefer" }),
});

/** A draft (or planned) session to give dates, instructors and rooms. */
export const planSessionSchema = z.object({
  sessionId: entityId,
  window: windowSchema.optional().meta({
    description: "Dates it may move to; default: its current dates, 14 days either side",
  }),
  lock: z
    .object({
      dates: z.boolean().default(false),
      instructors: z.boolean().default(false),
      rooms: z.boolean().default(false),
    })
    .default({ dates: false, instructors: false, rooms: false })
    .meta({ description: "Keep these as they are (locked assignments)" }),
  weekdays: z.array(weekday).min(1).max(7).default([1, 2, 3, 4, 5]),
  preferredWeekdays: z.array(weekday).max(7).default([]),
});

export const planInputSchema = z
  .object({
    demand: z.array(demandSchema).max(100).default([]),
    sessions: z.array(planSessionSchema).max(200).default([]),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    timeLimitSeconds: z.number().min(0.5).max(300).default(20),
    iterations: z.number().int().min(1000).max(50_000_000).optional().meta({
      description:
        "Move budget; the search's cooling follows it, so a seed gives the same plan on any machine (default grows with the plan's size)",
    }),
  })
  .refine((input) => input.demand.length + input.sessions.length > 0, {
    message: "give a demand list or draft sessions to plan",
    path: ["demand"],
  });
export type PlanInput = z.output<typeof planInputSchema>;
export type Demand = z.output<typeof demandSchema>;
export type PlanSession = z.output<typeof planSessionSchema>;

const explanationSchema = z.object({
  constraint: z.string().meta({
    description:
      "What blocked it: a conflict type (instructor_unavailable, instructor_time_off, instructor_double_booked, instructor_unqualified, room_too_small, room_missing_features, learner_double_booked, equipment_short (also when no pool holds what the course needs, or the plan's own items would take a pool short), …), instructor_week_limit / instructor_month_limit (also when the plan's own items would take an instructor over), window, competition",
  }),
  message: z.string(),
  count: z.number().int().meta({ description: "How many (resource, day) pairs it blocked" }),
});

export const planItemSchema = z
  .object({
    key: z.string().meta({ description: "demand.<i>.<run> or sessions.<i>" }),
    kind: z.enum(["demand", "session"]),
    courseId: z.string(),
    courseTitle: z.string(),
    sessionId: z.string().nullable(),
    status: z.enum(["placed", "unplaced"]),
    timeZone: z.string(),
    locationId: z.string().nullable(),
    format: deliveryFormat,
    maxSeats: z.number().int(),
    segments: z.array(
      z.object({
        date: z.string(),
        start: z.string(),
        end: z.string(),
        roomId: z.string().nullable(),
        roomName: z.string().nullable(),
        instructorId: z.string().nullable(),
        instructorName: z.string().nullable(),
      }),
    ),
    equipment: z
      .array(
        z.object({
          equipmentId: z.string(),
          name: z.string(),
          quantity: z.number().int(),
          segments: z.array(z.number().int()).optional().meta({
            description: "Positions of the segments it is for (a draft's line for some days); absent: all",
          }),
        }),
      )
      .default([])
      .meta({
        description:
          "Equipment the run takes: for a demand run, a pool per requirement of its course (booked on apply); for a draft, its own lines",
      }),
    explanation: z.array(explanationSchema),
  })
  .meta({ id: "PlanItem" });
export type PlanItem = z.output<typeof planItemSchema>;

/** The lines of a plan's score, in the order a plan lists them. */
export const PLAN_SCORE_LINES = {
  hard: [
    "instructor_double_booked",
    "instructor_not_free",
    "teaching_day_limit",
    "room_double_booked",
    "room_not_free",
    "same_run_same_day",
    "equipment_pool_shared",
    "segments_out_of_order",
    "not_placed",
  ],
  soft: [
    "instructor_cost",
    "workload_balance",
    "preferred_days",
    "room_fit",
    "room_stability",
    "instructor_stability",
    "spread_over_days",
    "consecutive_days",
    "equipment_pool_preference",
    "room_capacity",
  ],
} as const;
export type PlanScoreLine<K extends "hard" | "soft" = "hard" | "soft"> = (typeof PLAN_SCORE_LINES)[K][number];

export const scoreSchema = z
  .object({
    hard: z.number(),
    soft: z.number(),
    constraints: z.array(
      z.object({
        // A string, not an enum: plans stored by older versions keep the names they had.
        constraint: z.string().meta({
          description: `Hard: ${PLAN_SCORE_LINES.hard.join(", ")}. Soft: ${PLAN_SCORE_LINES.soft.join(", ")} (docs/PLANNER.md)`,
        }),
        kind: z.enum(["hard", "soft"]),
        count: z.number(),
        weight: z.number(),
        cost: z.number(),
      }),
    ),
  })
  .meta({ id: "PlanScore" });

export const planResultSchema = z.object({
  items: z.array(planItemSchema),
  score: scoreSchema,
  placed: z.number().int(),
  unplaced: z.number().int(),
  stats: z.object({
    events: z.number().int(),
    periods: z.number().int(),
    iterations: z.number().int(),
    elapsedMs: z.number(),
    stoppedBy: z.string(),
  }),
});
export type PlanResult = z.output<typeof planResultSchema>;

export const applyItemSchema = z.object({
  key: z.string(),
  status: z.enum(["created", "updated", "already_applied", "conflict", "error", "skipped"]),
  sessionId: z.string().nullable(),
  message: z.string().nullable(),
  conflicts: z.array(conflictSchema),
});
export type ApplyItem = z.output<typeof applyItemSchema>;

export const planSchema = z
  .object({
    id: z.string(),
    status: z.enum(planStatuses),
    input: z.unknown(),
    seed: z.number().int(),
    timeLimitMs: z.number().int(),
    maxIterations: z.number().int().meta({
      description: "The search's move budget; 0 while the plan's model is being built (default budget)",
    }),
    progress: z.number().meta({ description: "0 to 1: share of the move budget spent" }),
    iterations: z.number().int(),
    bestHard: z.number().nullable().meta({ description: "Hard violations of the best plan so far" }),
    bestSoft: z.number().nullable().meta({ description: "Weighted soft cost of the best plan so far" }),
    result: planResultSchema.nullable(),
    applied: z.array(applyItemSchema).nullable(),
    error: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    appliedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Plan" });
export type Plan = z.output<typeof planSchema>;

export const planQuerySchema = z.object({ status: z.enum(planStatuses).optional(), ...pageQuery });
export type PlanQuery = z.output<typeof planQuerySchema>;

export const applyInputSchema = z.object({
  status: z.enum(["draft", "planned"]).default("draft").meta({ description: "Status of new sessions" }),
  override: overrideSchema,
});
export type ApplyInput = z.output<typeof applyInputSchema>;

export const autoStaffInputSchema = z.object({
  role: z.enum(["lead", "co"]).default("lead"),
  assign: z
    .boolean()
    .default(false)
    .meta({ description: "Assign the best candidate (through the normal session update)" }),
  override: overrideSchema.meta({
    description:
      "With assign: accept the session's warning conflicts (say, a room too small accepted before) with an audited reason, as a session update would",
  }),
});
export type AutoStaffInput = z.output<typeof autoStaffInputSchema>;

export const autoStaffResultSchema = z.object({
  candidates: z.array(
    z.object({
      instructorId: z.string(),
      name: z.string(),
      dayRateMinor: z.number().int().nullable(),
      hourRateMinor: z.number().int().nullable(),
      currency: z.string(),
      teachingDays: z.number().int(),
      travelMinutes: z.number().int().meta({
        description:
          "Travel time from the instructor's home location to the session's (0: local, virtual or unknown)",
      }),
      cost: z.number().meta({
        description:
          "The planner's instructor cost for this session (lower is better): pay (hours × hour rate, else the day rate; a day's pay at most the day rate, counting what the day pays already) plus a load penalty per day taught in the month around it and the journey",
      }),
    }),
  ),
  rejected: z.array(
    z.object({ instructorId: z.string(), name: z.string(), constraints: z.array(z.string()) }),
  ),
  assigned: sessionSchema.nullable(),
});
export type AutoStaffResult = z.output<typeof autoStaffResultSchema>;
