import type { FastifyReply, FastifyRequest } from "fastify";
import { problem, sendProblem } from "../errors.js";

/**
 * A fixed-window limit per client IP for public endpoints (self-registration, check-in). In
 * memory, per process: with several instances behind a balancer each counts on its own, which
 * still bounds abuse; a shared limiter belongs in the proxy.
 */
export function rateLimited(options: { max: number; windowMs: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const now = Date.now();
    if (windows.size > 10_000) {
      for (const [ip, window] of windows) if (now - window.start >= options.windowMs) windows.delete(ip);
    }
    const window = windows.get(request.ip);
    if (!window || now - window.start >= options.windowMs) {
      windows.set(request.ip, { start: now, count: 1 });
      return;
    }
    window.count++;
    if (window.count > options.max) {
      reply.header("retry-after", String(Math.ceil((window.start + options.windowMs - now) / 1000)));
      return sendProblem(
        reply,
        request,
        problem(429, "rate_limited", "Too many requests from this address; retry later"),
      );
    }
  };
}
