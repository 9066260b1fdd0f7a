import { z } from "zod";
import { pageQuery } from "../shared/schemas.js";

const eventType = z
  .string()
  .regex(/^(\*|[a-z_]+\.(\*|[a-z_]+))$/, "an event type like session.rescheduled, session.* or *");

export const subscriptionInputSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  eventTypes: z.array(eventType).min(1).max(100),
  description: z.string().trim().max(500).nullable().default(null),
  active: z.boolean().default(true),
});
export type SubscriptionInput = z.infer<typeof subscriptionInputSchema>;

export const subscriptionPatchSchema = subscriptionInputSchema.partial();
export type SubscriptionPatch = z.infer<typeof subscriptionPatchSchema>;

export const subscriptionSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookSubscription" });
export type Subscription = z.infer<typeof subscriptionSchema>;

export const createdSubscriptionSchema = subscriptionSchema
  .extend({ secret: z.string().meta({ description: "whsec_… signing secret; shown once" }) })
  .meta({ id: "CreatedWebhookSubscription" });

export const deliveryStatuses = ["queued", "retrying", "sent", "failed"] as const;

export const deliverySchema = z
  .object({
    id: z.string().meta({ description: "Sent as webhook-id; the same on every attempt" }),
    subscriptionId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    sessionId: z.string().nullable(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "WebhookDelivery" });
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryQuerySchema = z.object({
  ...pageQuery,
  subscriptionId: z.string().max(100).optional(),
  status: z.enum(deliveryStatuses).optional(),
});
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>;
