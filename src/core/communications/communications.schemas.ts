import { z } from "zod";
import { entityId, pageQuery } from "../shared/schemas.js";
import { templateEvents } from "./templates.js";

export const messageStatuses = ["queued", "sending", "sent", "failed", "bounced"] as const;

export const messageSchema = z
  .object({
    id: z.string(),
    event: z.string(),
    eventId: z.string().nullable(),
    channel: z.string(),
    recipient: z.string(),
    recipientName: z.string().nullable(),
    recipientKind: z.string().nullable(),
    recipientId: z.string().nullable(),
    language: z.string(),
    subject: z.string(),
    status: z.enum(messageStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    sessionId: z.string().nullable(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    messageId: z.string().meta({ description: "The Message-ID header, the same on every send attempt" }),
    hasCalendar: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Message" });
export type Message = z.infer<typeof messageSchema>;

export const messageDetailSchema = messageSchema
  .extend({ text: z.string(), html: z.string(), ics: z.string().nullable() })
  .meta({ id: "MessageDetail" });
export type MessageDetail = z.infer<typeof messageDetailSchema>;

export const messageQuerySchema = z.object({
  ...pageQuery,
  recipient: z.string().trim().toLowerCase().max(320).optional(),
  sessionId: z.string().max(100).optional(),
  status: z.enum(messageStatuses).optional(),
  event: z.string().max(100).optional(),
  entityId: z
    .string()
    .max(100)
    .optional()
    .meta({ description: "Messages about or to this entity (learner, instructor, enrollment, assignment…)" }),
});
export type MessageQuery = z.infer<typeof messageQuerySchema>;

const language = z
  .string()
  .regex(/^[a-z]{2}$/, "a two-letter ISO 639-1 code, e.g. en, de")
  .meta({ description: "ISO 639-1 language code" });

export const templateKeySchema = z.object({
  event: z.enum(templateEvents as [string, ...string[]]),
  language,
});

export const templateInputSchema = z.object({
  subject: z.string().trim().min(1).max(300),
  text: z.string().min(1).max(20_000),
  html: z.string().max(100_000).nullable().default(null),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const templateSchema = z
  .object({
    event: z.string(),
    language: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    builtIn: z.boolean(),
    variables: z.array(z.string()),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "MessageTemplate" });
export type TemplateView = z.infer<typeof templateSchema>;

export const previewInputSchema = z.object({
  event: templateKeySchema.shape.event,
  language: language.default("en"),
  sessionId: entityId.optional().meta({ description: "Fill session variables from this session" }),
  variables: z.record(z.string(), z.string().max(2000)).default({}),
  template: templateInputSchema
    .optional()
    .meta({ description: "Preview this text instead of the stored template" }),
});
export type PreviewInput = z.infer<typeof previewInputSchema>;

export const previewSchema = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  ics: z.string().nullable(),
});

export const feedKinds = ["instructor", "learner", "room", "location"] as const;

export const feedInputSchema = z.object({ kind: z.enum(feedKinds), subjectId: entityId });
export type FeedInput = z.infer<typeof feedInputSchema>;

export const feedSchema = z
  .object({
    id: z.string(),
    kind: z.enum(feedKinds),
    subjectId: z.string(),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "CalendarFeed" });
export type Feed = z.infer<typeof feedSchema>;

export const createdFeedSchema = feedSchema
  .extend({
    token: z.string().meta({ description: "Shown once; only its hash is stored" }),
    url: z.string().meta({ description: "The subscribable iCalendar URL (webcal clients accept it as is)" }),
  })
  .meta({ id: "CreatedCalendarFeed" });

export const feedQuerySchema = z.object({
  kind: z.enum(feedKinds).optional(),
  subjectId: z.string().max(100).optional(),
});
