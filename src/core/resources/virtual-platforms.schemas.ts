import { z } from "zod";
import { archivableTimestamps, archivedFilter, optionalText, pageQuery, text } from "../shared/schemas.js";
import { defaultJitsiTemplate, joinUrlPlaceholders, joinUrlTemplateProblems } from "./join-url.js";

export const platformKinds = ["jitsi", "zoom", "teams", "other"] as const;

export const virtualPlatformInputSchema = z
  .object({
    name: text(200),
    kind: z.enum(platformKinds),
    joinUrlTemplate: z
      .string()
      .trim()
      .max(1000)
      .nullable()
      .default(null)
      .meta({
        description: `URL of a session's meeting. Placeholders: ${joinUrlPlaceholders.map((p) => `{${p}}`).join(", ")}. Jitsi needs no account and defaults to ${defaultJitsiTemplate}; other kinds need a template (a fixed meeting URL is fine).`,
      }),
    maxParticipants: z.number().int().min(1).max(1_000_000).nullable().default(null),
    notes: optionalText(),
  })
  .superRefine((input, context) => {
    if (input.joinUrlTemplate === null) {
      if (input.kind !== "jitsi") {
        context.addIssue({
          code: "custom",
          path: ["joinUrlTemplate"],
          message: `is required for ${input.kind}`,
        });
      }
      return;
    }
    for (const message of joinUrlTemplateProblems(input.joinUrlTemplate)) {
      context.addIssue({ code: "custom", path: ["joinUrlTemplate"], message });
    }
  });

export const virtualPlatformSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(platformKinds),
    joinUrlTemplate: z.string().nullable().meta({ description: "As set; null means the Jitsi default" }),
    effectiveJoinUrlTemplate: z.string().meta({ description: "The template sessions will use" }),
    maxParticipants: z.number().int().nullable(),
    notes: z.string().nullable(),
    ...archivableTimestamps,
  })
  .meta({ id: "VirtualPlatform" });

export const virtualPlatformQuerySchema = z.object({
  kind: z.enum(platformKinds).optional(),
  q: z.string().max(200).optional(),
  archived: archivedFilter,
  ...pageQuery,
});

export type VirtualPlatformInput = z.output<typeof virtualPlatformInputSchema>;
export type VirtualPlatform = z.output<typeof virtualPlatformSchema>;
export type VirtualPlatformQuery = z.output<typeof virtualPlatformQuerySchema>;
