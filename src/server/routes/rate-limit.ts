import type { FastifyReply, FastifyRequest } from "fastify";
import { problem, sendProblem } from "../errors.js";

/**
 * Fixed windows counted per key (an IP, an account). In memory, per process: with several
 * instances behind a balancer each counts on its own, which still bounds abuse; a shared limiter
 * belongs in the proxy.
 */
export function createLimiter(options: { max: number; windowMs: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  const live = (key: string, now: number) => {
    const window = windows.get(key);
    return window && now - window.start < options.windowMs ? window : undefined;
  };
  return {
    /** Counts one hit; answers the seconds to wait when the key is over its limit, else null. */
    hit(key: string, now = Date.now()): number | null {
      if (windows.size > 10_000) {
        for (const [k, window] of windows) if (now - window.start >= options.windowMs) windows.delete(k);
      }
      const window = live(key, now);
      if (!window) {
        windows.set(key, { start: now, count: 1 });
        return null;
      }
      window.count++;
      return window.count > options.max ? Math.ceil((window.start + options.windowMs - now) / 1000) : null;
    },
    /** The seconds to wait when the key is over its limit already (without counting), else null. */
    blocked(key: string, now = Date.now()): number | null {
      const window = live(key, now);
      return window && window.count >= options.max
        ? Math.ceil((window.start + options.windowMs - now) / 1000)
        : null;
    },
    reset(key: string) {
      windows.delete(key);
    },
  };
}

/** Answers 429 problem+json with Retry-After. */
export function sendRateLimited(
  request: FastifyRequest,
  reply: FastifyReply,
  retryAfter: number,
  detail: string,
) {
  reply.header("retry-after", String(Math.max(1, retryAfter)));
  return sendProblem(reply, request, problem(429, "rate_limited", detail));
}

/** A fixed-window limit per client IP for public endpoints (self-registration, check-in). */
export function rateLimited(options: { max: number; windowMs: number }) {
  const limiter = createLimiter(options);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const retryAfter = limiter.hit(request.ip);
    if (retryAfter !== null)
      return sendRateLimited(request, reply, retryAfter, "Too many requests from this address; retry later");
  };
}
