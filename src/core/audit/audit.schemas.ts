import { z } from "zod";
import { pageQuery } from "../shared/schemas.js";

export const auditEventSchema = z
  .object({
    id: z.string(),
    occurredAt: z.iso.datetime(),
    actor: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
    action: z.string().meta({ examples: ["create", "update", "archive", "delete", "import"] }),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: "AuditEvent" });

export const auditQuerySchema = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  ...pageQuery,
});

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;
