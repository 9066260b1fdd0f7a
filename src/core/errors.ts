/**
 * Domain errors. They carry a code and details, never an HTTP status: the server maps codes to
 * responses in one place (src/server/errors.ts), the CLI maps them to messages and exit codes.
 */
export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "not_found"
  | "conflict"
  | "in_use"
  | "unauthenticated"
  | "forbidden";

export interface FieldError {
  /** Dotted path of the offending field, e.g. `segments.0.start`. */
  path: string;
  /** Where the field is, when not the body. */
  in?: "query" | "path" | "header";
  message: string;
  code?: string;
}

export interface Reference {
  entityType: string;
  count: number;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; references?: Reference[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (label: string, id: string) =>
  new AppError("not_found", `${label} ${id} was not found`);

export function validationFailed(errors: FieldError[], message?: string): AppError {
  const summary = message ?? errors.map((error) => `${error.path}: ${error.message}`).join("; ");
  return new AppError("validation_failed", summary, { errors });
}

export function throwIfErrors(errors: FieldError[]): void {
  if (errors.length > 0) throw validationFailed(errors);
}
