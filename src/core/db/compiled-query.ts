import { type Compilable, CompiledQuery } from "kysely";
import type { Executor } from "./database.js";

/** A value the query binds: a scalar, or a list for `in (…)`. */
type Bindable = string | number | null | undefined | readonly (string | number)[];

/** Stands in for an argument while the query is compiled, so its parameter positions can be found. */
class Slot {
  constructor(
    readonly arg: number,
    readonly item: number,
  ) {}
}

interface Template {
  sql: string;
  query: CompiledQuery["query"];
  /** Per parameter: a Slot to fill from the arguments, or a constant written in the builder. */
  parameters: readonly unknown[];
}

/** Null-ness and list lengths change the SQL; nothing else may (see cachedQuery). */
const shapeOf = (args: readonly Bindable[]) =>
  args.map((value) => (Array.isArray(value) ? value.length : value == null ? "n" : "v")).join(",");

/**
 * Kysely builds and compiles a query tree on every call, which on SQLite costs as much as running
 * a small indexed query. For the hot, fixed-shape queries of the conflict check this compiles a
 * builder once per shape and dialect, then binds each call's arguments into the same SQL.
 *
 * The builder must use its arguments only as bound values, and may branch only on whether an
 * argument is null and on a list's length (both are part of the cache key). Tests run every
 * cached query on SQLite and PostgreSQL.
 */
export function cachedQuery<Args extends Bindable[], Row>(
  build: (db: Executor, ...args: Args) => Compilable<Row>,
): (db: Executor, ...args: Args) => Promise<Row[]> {
  // Keyed by the dialect adapter (shared by a database and its transactions) so SQLite's `?` and
  // PostgreSQL's `$1` never mix.
  const templates = new WeakMap<object, Map<string, Template>>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let byShape = templates.get(adapter);
    if (!byShape) {
      byShape = new Map();
      templates.set(adapter, byShape);
    }
    const shape = shapeOf(args);
    let template = byShape.get(shape);
    if (!template) {
      // Nulls stay as they are, so a builder's `if (value)` takes the same branch as the call.
      const slots = args.map((value, arg) =>
        Array.isArray(value)
          ? value.map((_, item) => new Slot(arg, item))
          : value == null
            ? value
            : new Slot(arg, -1),
      ) as unknown as Args;
      const compiled = build(db, ...slots).compile();
      // Arithmetic on an argument inside the builder would freeze a wrong value into the template.
      const computed = (p: unknown) =>
        (typeof p === "number" && Number.isNaN(p)) ||
        (typeof p === "string" && p.includes("[object Object]"));
      if (compiled.parameters.some(computed))
        throw new Error("cachedQuery: the builder computed with an argument; pass the result instead");
      template = { sql: compiled.sql, query: compiled.query, parameters: compiled.parameters };
      byShape.set(shape, template);
    }
    const parameters = template.parameters.map((parameter) => {
      if (!(parameter instanceof Slot)) return parameter;
      const value = args[parameter.arg];
      return parameter.item < 0 ? value : (value as readonly unknown[])[parameter.item];
    });
    const result = await db.executeQuery<Row>({
      ...CompiledQuery.raw(template.sql, parameters),
      query: template.query,
    });
    return result.rows;
  };
}
