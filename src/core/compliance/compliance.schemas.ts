import { z } from "zod";
import { entityId, text } from "../shared/schemas.js";

export const complianceStatuses = ["compliant", "due_soon", "overdue", "never"] as const;

export const requirementInputSchema = z.object({
  name: text(200),
  clientId: entityId
    .nullable()
    .default(null)
    .meta({ description: "Applies to this client's learners (null: every client)" }),
  learnerTag: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(100)
    .nullable()
    .default(null)
    .meta({ description: "Applies to learners with this tag (null: any)" }),
  courseId: entityId.meta({ description: "The course whose certification is required" }),
  renewMonths: z
    .number()
    .int()
    .min(1)
    .max(600)
    .nullable()
    .default(null)
    .meta({ description: "Renew every N months (null: the certificate's own expiry)" }),
  dueSoonDays: z.number().int().min(0).max(3650).default(60),
});
export type RequirementInput = z.infer<typeof requirementInputSchema>;

export const requirementSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    clientId: z.string().nullable(),
    learnerTag: z.string().nullable(),
    courseId: z.string(),
    renewMonths: z.number().int().nullable(),
    dueSoonDays: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "ComplianceRequirement" });

export const complianceQuerySchema = z.object({
  clientId: entityId.optional(),
  learnerId: entityId.optional(),
  requirementId: entityId.optional(),
});

export const learnerComplianceSchema = z.object({
  learnerId: z.string(),
  learnerName: z.string(),
  clientId: z.string().nullable(),
  requirementId: z.string(),
  courseId: z.string(),
  status: z.enum(complianceStatuses),
  certificateId: z.string().nullable(),
  dueOn: z.string().nullable(),
});

export const complianceReportSchema = z
  .object({
    items: z.array(learnerComplianceSchema),
    byClient: z.array(
      z.object({
        clientId: z.string().nullable(),
        compliant: z.number().int(),
        dueSoon: z.number().int(),
        overdue: z.number().int(),
        never: z.number().int(),
      }),
    ),
  })
  .meta({ id: "ComplianceReport" });
