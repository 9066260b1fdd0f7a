import { z } from "zod";
import { conflictSchema } from "../scheduling/sessions.schemas.js";
import { email, entityId, optionalText, pageQuery, text } from "../shared/schemas.js";

export const enrollmentStatuses = [
  "pending_approval",
  "enrolled",
  "waitlisted",
  "offered",
  "cancelled",
  "transferred",
  "attended",
  "no_show",
  "completed",
  "failed",
] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

export const attendanceStatuses = ["present", "absent", "late", "excused"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const waitlistPolicies = ["direct", "offer"] as const;

const reason = z.string().trim().max(1000).nullable().default(null);
const override = z
  .object({ reason: text(1000) })
  .nullable()
  .default(null)
  .meta({ description: "Pass a cut-off with an audited reason (coordinators)" });

export const enrollInputSchema = z.object({
  learnerId: entityId,
  priceMinor: z.number().int().min(0).nullable().optional(),
  paymentStatus: z.enum(["unpaid", "paid", "invoiced", "waived"]).default("unpaid"),
  paymentReference: optionalText(200),
});
export type EnrollInput = z.input<typeof enrollInputSchema>;

export const bulkEnrollSchema = z.object({
  learnerIds: z.array(entityId).min(1).max(1000),
});

export const cancelInputSchema = z.object({ reason, override });
export type CancelInput = z.infer<typeof cancelInputSchema>;

export const transferInputSchema = z.object({ toSessionId: entityId, reason, override });
export type TransferInput = z.infer<typeof transferInputSchema>;

export const substituteInputSchema = z.object({ learnerId: entityId, reason });
export const decisionInputSchema = z.object({ reason });
export const reorderInputSchema = z.object({
  position: z.number().int().min(1),
  reason,
});
export const resultInputSchema = z.object({ passed: z.boolean() });

export const attendanceInputSchema = z.object({
  segmentId: entityId,
  records: z
    .array(z.object({ enrollmentId: entityId, status: z.enum(attendanceStatuses) }))
    .min(1)
    .max(1000),
});
export type AttendanceInput = z.infer<typeof attendanceInputSchema>;

export const checkInSchema = z.object({ email });

export const policyInputSchema = z.object({
  waitlistPolicy: z.enum(waitlistPolicies).nullable().optional(),
  offerHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable()
    .optional(),
  cancellationCutoffHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 365)
    .nullable()
    .optional(),
  transferCutoffHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 365)
    .nullable()
    .optional(),
  approvalRequired: z.boolean().nullable().optional(),
  minAttendancePercent: z.number().int().min(0).max(100).nullable().optional(),
  passRequired: z.boolean().nullable().optional(),
});
export type PolicyInput = z.infer<typeof policyInputSchema>;

export const policySchema = z
  .object({
    waitlistPolicy: z.enum(waitlistPolicies),
    offerHours: z.number().int(),
    cancellationCutoffHours: z.number().int(),
    transferCutoffHours: z.number().int(),
    approvalRequired: z.boolean(),
    minAttendancePercent: z.number().int(),
    passRequired: z.boolean(),
  })
  .meta({ id: "EnrollmentPolicy" });
export type Policy = z.infer<typeof policySchema>;

export const quotaInputSchema = z.object({
  quotas: z.array(z.object({ clientId: entityId, seats: z.number().int().min(0).max(100_000) })).max(200),
});

export const enrollmentSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    learnerId: z.string(),
    learnerName: z.string().optional(),
    clientId: z.string().nullable(),
    status: z.enum(enrollmentStatuses),
    waitlistPosition: z.number().int().nullable(),
    offerExpiresAt: z.string().nullable(),
    source: z.string(),
    transferredFromId: z.string().nullable(),
    transferredToId: z.string().nullable(),
    priceMinor: z.number().int().nullable(),
    currency: z.string(),
    paymentStatus: z.string(),
    paymentReference: z.string().nullable(),
    passed: z.boolean().nullable(),
    statusReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Enrollment" });
export type Enrollment = z.infer<typeof enrollmentSchema>;

export const enrollResultSchema = z
  .object({
    id: z.string(),
    status: z.enum(enrollmentStatuses),
    waitlistPosition: z.number().int().optional(),
  })
  .meta({ id: "EnrollResult" });
export type EnrollResult = z.infer<typeof enrollResultSchema>;

export const bulkResultSchema = z.object({
  results: z.array(
    z.object({
      learnerId: z.string(),
      enrollment: enrollResultSchema.nullable(),
      error: z
        .object({ code: z.string(), message: z.string(), conflicts: z.array(conflictSchema).optional() })
        .nullable(),
    }),
  ),
});
export type BulkResult = z.infer<typeof bulkResultSchema>;

export const enrollmentQuerySchema = z.object({
  sessionId: entityId.optional(),
  learnerId: entityId.optional(),
  clientId: entityId.optional(),
  status: z.enum(enrollmentStatuses).optional(),
  ...pageQuery,
});
export type EnrollmentQuery = z.infer<typeof enrollmentQuerySchema>;

export const enrollmentEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.unknown(),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
});

export const goNoGoQuerySchema = z.object({
  days: z.coerce.number().int().min(0).max(365).default(14),
});

export const goNoGoItemSchema = z.object({
  sessionId: z.string(),
  courseId: z.string(),
  title: z.string(),
  status: z.string(),
  startsAt: z.string(),
  timeZone: z.string(),
  minSeats: z.number().int(),
  maxSeats: z.number().int(),
  enrolled: z.number().int(),
  waitlisted: z.number().int(),
  shortBy: z.number().int(),
  daysUntilStart: z.number(),
});

export const attendanceRecordSchema = z
  .object({
    enrollmentId: z.string(),
    segmentId: z.string(),
    status: z.enum(attendanceStatuses),
    method: z.string().meta({ description: "`manual` or `check_in`" }),
    recordedAt: z.string(),
  })
  .meta({ id: "AttendanceRecord" });
export type AttendanceRecord = z.infer<typeof attendanceRecordSchema>;

export const seatSummaryQuerySchema = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: "Sessions starting after this instant (default: now)" }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: "Sessions starting at or before this instant (default: 28 days after `from`)" }),
});
export type SeatSummaryQuery = z.infer<typeof seatSummaryQuerySchema>;

const seatCounts = {
  sessions: z.number().int(),
  seats: z.number().int().meta({ description: "Seats offered (sum of maxSeats)" }),
  seated: z.number().int().meta({ description: "Seats taken (enrolled, offered, attended…)" }),
  waitlisted: z.number().int(),
  pendingApproval: z.number().int(),
  underMinimum: z.number().int().meta({ description: "Sessions with fewer seats taken than minSeats" }),
  fillRate: z.number().nullable().meta({ description: "seated / seats, 0..1; null without seats" }),
};

export const seatSummarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: z.object(seatCounts),
    items: z.array(
      z.object({
        sessionId: z.string(),
        title: z.string(),
        status: z.string(),
        startsAt: z.string(),
        timeZone: z.string(),
        minSeats: z.number().int(),
        maxSeats: z.number().int(),
        seated: z.number().int(),
        waitlisted: z.number().int(),
        pendingApproval: z.number().int(),
      }),
    ),
  })
  .meta({ id: "SeatSummary" });
export type SeatSummary = z.infer<typeof seatSummarySchema>;
