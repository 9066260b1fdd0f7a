import { createHmac, randomBytes } from "node:crypto";

/** A Standard Webhooks secret: `whsec_` and base64 of 24 random bytes (the key is those bytes). */
export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString("base64")}`;

/**
 * The Standard Webhooks signature: `v1,` + base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>")),
 * where the key is the base64-decoded part of the secret after `whsec_`.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}
