import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, type ErrorCode } from "../core/errors.js";
import type { Problem } from "./problem.js";

// The one place where domain errors become HTTP responses.

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  not_found: 404,
  conflict: 409,
  in_use: 409,
  unauthenticated: 401,
  forbidden: 403,
};

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Authentication required",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Validation failed",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

const PROBLEM_BASE = "https://lectern.dev/problems/";

export function problem(status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `${PROBLEM_BASE}${code}`, title: titles[status] ?? "Error", status, code, detail, ...extra };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, body: Problem) {
  if (body.status === 401) reply.header("www-authenticate", 'Bearer realm="lectern"');
  return reply
    .code(body.status)
    .type("application/problem+json")
    .send({ ...body, instance: request.url, requestId: String(request.id) });
}

const locationName = { body: "body", querystring: "query", params: "path", headers: "header" } as const;

export function errorHandler(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) {
    const status = statusByCode[error.code];
    const { errors, references, ...rest } = error.details;
    return sendProblem(
      reply,
      request,
      problem(status, error.code, error.message, { errors, references, ...rest }),
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where =
      locationName[(error as FastifyError).validationContext as keyof typeof locationName] ?? "body";
    const errors = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, "").replaceAll("/", "."),
      in: where,
      message: issue.message ?? "is invalid",
      code: issue.keyword,
    }));
    // A well-formed body with wrong fields is 422; broken query or path parameters are 400.
    const status = where === "body" ? 422 : 400;
    const summary = errors.map((e) => `${e.path || where}: ${e.message}`).join("; ");
    return sendProblem(
      reply,
      request,
      problem(status, status === 422 ? "validation_failed" : "bad_request", summary, { errors }),
    );
  }
  if (isResponseSerializationError(error as FastifyError)) {
    request.log.error(
      { err: error, cause: (error as FastifyError).cause },
      "response did not match its schema",
    );
    return sendProblem(reply, request, problem(500, "internal", "The server produced an invalid response"));
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    const code =
      status === 415
        ? "unsupported_media_type"
        : status === 413
          ? "payload_too_large"
          : status === 429
            ? "rate_limited"
            : "bad_request";
    return sendProblem(reply, request, problem(status, code, error.message));
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(
    reply,
    request,
    problem(500, "internal", "Something went wrong; the request id identifies it in the logs"),
  );
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(
    reply,
    request,
    problem(404, "not_found", `No route ${request.method} ${request.url.split("?")[0]}`),
  );
}
