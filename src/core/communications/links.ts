import { createHmac, timingSafeEqual } from "node:crypto";

/** What an accept/decline link carries: signed with the tenant's secret, valid until `exp`. */
export interface AssignmentClaim {
  /** tenant id */
  t: string;
  /** session id */
  s: string;
  /** assignment id */
  a: string;
  r: "accept" | "decline";
  /** expiry, epoch ms */
  exp: number;
}

const mac = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("base64url");

export function signClaim(claim: AssignmentClaim, secret: string): string {
  const body = Buffer.from(JSON.stringify(claim)).toString("base64url");
  return `${body}.${mac(secret, body)}`;
}

/** The claim inside a token, unverified: which tenant's secret to check it with. */
export function peekClaim(token: string): AssignmentClaim | undefined {
  const [body] = token.split(".");
  try {
    const claim = JSON.parse(Buffer.from(body ?? "", "base64url").toString("utf8")) as AssignmentClaim;
    return typeof claim.t === "string" && typeof claim.a === "string" && typeof claim.exp === "number"
      ? claim
      : undefined;
  } catch {
    return undefined;
  }
}

export function verifyClaim(
  token: string,
  secret: string,
  now: number,
): AssignmentClaim | "invalid" | "expired" {
  const [body, signature] = token.split(".");
  if (!body || !signature) return "invalid";
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  const claim = peekClaim(token);
  if (!claim) return "invalid";
  return claim.exp < now ? "expired" : claim;
}
