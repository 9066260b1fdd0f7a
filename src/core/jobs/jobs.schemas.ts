import { z } from "zod";
import { pageQuery } from "../shared/schemas.js";

export const jobStatuses = ["queued", "running", "done", "dead"] as const;

export const jobSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    status: z.enum(jobStatuses),
    payload: z.record(z.string(), z.unknown()),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: z.iso.datetime(),
    lockedUntil: z.iso.datetime().nullable(),
    lockedBy: z.string().nullable(),
    lastError: z.string().nullable(),
    idempotencyKey: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Job" });
export type JobView = z.infer<typeof jobSchema>;

export const jobQuerySchema = z.object({
  ...pageQuery,
  status: z.enum(jobStatuses).optional(),
  type: z.string().max(100).optional(),
});
export type JobQuery = z.infer<typeof jobQuerySchema>;
