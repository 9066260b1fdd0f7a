import type { FastifyReply, FastifyRequest } from "fastify";

// Two cookies carry a browser login: the session secret (HttpOnly, so scripts never see it) and
// the CSRF token (readable, so the web app can echo it in the X-CSRF-Token header).
export const SESSION_COOKIE = "lectern_session";
export const CSRF_COOKIE = "lectern_csrf";
export const CSRF_HEADER = "x-csrf-token";

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function serialize(name: string, value: string, maxAgeSeconds: number, httpOnly: boolean, secure: boolean) {
  return [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    `Max-Age=${maxAgeSeconds}`,
    "SameSite=Lax",
    ...(httpOnly ? ["HttpOnly"] : []),
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function setLoginCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  values: { secret: string; csrfToken: string; maxAgeSeconds: number },
) {
  const secure = request.protocol === "https";
  reply.header("set-cookie", [
    serialize(SESSION_COOKIE, values.secret, values.maxAgeSeconds, true, secure),
    serialize(CSRF_COOKIE, values.csrfToken, values.maxAgeSeconds, false, secure),
  ]);
}

export function clearLoginCookies(request: FastifyRequest, reply: FastifyReply) {
  const secure = request.protocol === "https";
  reply.header("set-cookie", [
    serialize(SESSION_COOKIE, "", 0, true, secure),
    serialize(CSRF_COOKIE, "", 0, false, secure),
  ]);
}
