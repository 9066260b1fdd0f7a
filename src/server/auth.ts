import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../core/auth/actor.js";
import type { AuthService } from "../core/auth/auth.service.js";
import { AppError } from "../core/errors.js";
import type { WebAuthService, WebSessionAuth } from "../core/web-auth/web-auth.service.js";
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from "./cookies.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    /** Set when the request was authenticated by the web app's session cookie. */
    webSession: WebSessionAuth | null;
  }
  interface FastifyContextConfig {
    /** No token needed (health, OpenAPI, docs). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Resolves every non-public route in this scope to request.actor: a bearer token, or else the
 * web app's session cookie. Cookie-authenticated unsafe methods must echo the session's CSRF
 * token in X-CSRF-Token (a cross-site form or script can send the cookie but cannot read the token).
 */
export function registerAuthentication(
  app: FastifyInstance,
  auth: Pick<AuthService, "authenticate">,
  webAuth?: Pick<WebAuthService, "authenticate" | "csrfMatches">,
) {
  app.decorateRequest("actor", null);
  app.decorateRequest("webSession", null);
  app.addHook("onRequest", async (request) => {
    if (request.routeOptions.config?.public) return;
    if (request.routeOptions.url === undefined) return; // unknown route: let the 404 handler answer
    const header = request.headers.authorization;
    const cookie = webAuth ? readCookie(request, SESSION_COOKIE) : undefined;
    if (!header && cookie && webAuth) {
      const session = await webAuth.authenticate(cookie, String(request.id));
      if (!session) throw new AppError("unauthenticated", "The login session has expired; sign in again");
      if (!SAFE_METHODS.has(request.method)) {
        const token = request.headers[CSRF_HEADER];
        if (!webAuth.csrfMatches(session, typeof token === "string" ? token : undefined)) {
          throw new AppError(
            "forbidden",
            "Missing or wrong X-CSRF-Token header for a cookie-authenticated request",
          );
        }
      }
      request.webSession = session;
      request.actor = session.actor;
      return;
    }
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new AppError("unauthenticated", "Send an API token as 'Authorization: Bearer <token>'");
    const actor = await auth.authenticate(match[1]!, String(request.id));
    if (!actor) throw new AppError("unauthenticated", "The API token is unknown, revoked or expired");
    request.actor = actor;
  });
}

/** The actor of an authenticated route (the hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated", "Authentication required");
  return request.actor;
}
