import { z } from "zod";
import { conflictSchema } from "../core/scheduling/sessions.schemas.js";

/** RFC 9457 problem details, the body of every error response. */
export const problemSchema = z
  .looseObject({
    type: z.string().meta({ description: "URI identifying the problem type" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().meta({
      description:
        "Stable machine-readable code: validation_failed, bad_request, unauthenticated, forbidden, not_found, conflict, in_use, unsupported_media_type, payload_too_large, internal",
    }),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z
            .string()
            .meta({ description: "Dotted field path, e.g. address.city or travelTimes.0.minutes" }),
          in: z.enum(["body", "query", "path", "header"]).optional(),
          message: z.string(),
          code: z.string().optional(),
          row: z.number().int().optional().meta({ description: "CSV imports: 1-based data row" }),
          column: z.string().optional().meta({ description: "CSV imports: column header" }),
        }),
      )
      .optional(),
    references: z.array(z.object({ entityType: z.string(), count: z.number().int() })).optional(),
    conflicts: z
      .array(conflictSchema)
      .optional()
      .meta({ description: "Scheduling writes refused with 409: every conflict, explained" }),
  })
  .meta({ id: "Problem" });

export type Problem = z.infer<typeof problemSchema>;

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

const descriptions = {
  400: "Malformed request (query or path parameters, JSON syntax)",
  401: "Missing, unknown, revoked or expired API token",
  403: "The token's role does not allow this",
  404: "No such record in this tenant",
  409: "Conflicts with existing data (duplicate, in use)",
  415: "Unsupported content type",
  422: "Validation failed; `errors` lists each field",
  429: "Too many requests; retry later",
} as const;

/** Error responses for a route's OpenAPI entry. */
export function problemResponses(...statuses: (keyof typeof descriptions)[]) {
  return Object.fromEntries(statuses.map((status) => [status, problemResponse(descriptions[status])]));
}
