import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../core/auth/actor.js";
import type { AuthService } from "../core/auth/auth.service.js";
import { AppError } from "../core/errors.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** No token needed (health, OpenAPI, docs). */
    public?: boolean;
  }
}

/** Resolves the bearer token of every non-public route in this scope into request.actor. */
export function registerAuthentication(app: FastifyInstance, auth: Pick<AuthService, "authenticate">) {
  app.decorateRequest("actor", null);
  app.addHook("onRequest", async (request) => {
    if (request.routeOptions.config?.public) return;
    if (request.routeOptions.url === undefined) return; // unknown route: let the 404 handler answer
    const header = request.headers.authorization;
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
