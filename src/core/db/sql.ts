import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Dialect } from "./database.js";

// The only place where SQLite and PostgreSQL are told apart in queries (see ARCHITECTURE.md).

/** Case-insensitive "contains" match, with LIKE wildcards in the needle escaped. */
export function containsText(
  dialect: Dialect,
  column: Expression<unknown>,
  needle: string,
): RawBuilder<SqlBool> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialect === "postgres"
    ? sql<SqlBool>`${column} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

/** True when a JSON-array text column holds the given string element. */
export function jsonArrayContains(
  dialect: Dialect,
  column: Expression<unknown>,
  value: string,
): RawBuilder<SqlBool> {
  return dialect === "postgres"
    ? sql<SqlBool>`(${column})::jsonb ? ${value}`
    : sql<SqlBool>`exists (select 1 from json_each(${column}) where json_each.value = ${value})`;
}

export type ConstraintViolation = { kind: "unique" | "foreign_key" | "exclusion"; constraint?: string };

/** Recognises unique / foreign-key violations from either driver. */
export function constraintViolation(error: unknown): ConstraintViolation | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === "23505") return { kind: "unique", constraint: String(constraint ?? "") };
  if (code === "23503") return { kind: "foreign_key", constraint: String(constraint ?? "") };
  if (code === "23P01") return { kind: "exclusion", constraint: String(constraint ?? "") };
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    // SQLite names columns, not constraints: "UNIQUE constraint failed: courses.tenant_id, courses.code"
    return { kind: "unique", constraint: String(message ?? "").replace(/^.*failed: /, "") };
  }
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") return { kind: "foreign_key" };
  return undefined;
}

/**
 * Row-locking suffix for a claim query: PostgreSQL locks the rows it picks and skips rows that
 * another worker holds; SQLite has one writer (BEGIN IMMEDIATE), so no suffix is needed.
 */
export const skipLocked = (dialect: Dialect): RawBuilder<unknown> =>
  dialect === "postgres" ? sql`for update skip locked` : sql``;

/** Row lock for a read-modify-write inside a transaction (PostgreSQL); SQLite already holds the write lock. */
export const forUpdate = (dialect: Dialect): RawBuilder<unknown> =>
  dialect === "postgres" ? sql`for update` : sql``;
