import type { z } from "zod";
import { validationFailed } from "../errors.js";

/**
 * Parses input the HTTP layer did not validate (a CLI's flags, a merge of stored and patched
 * fields, a body built from a stored plan): a failure is a `validation_failed` AppError naming
 * each field, never a ZodError (which nothing maps to a 422).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: issue.message,
        code: issue.code,
      })),
    );
  return parsed.data;
}
