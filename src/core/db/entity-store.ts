import { CompiledQuery, type Kysely, type SelectQueryBuilder } from "kysely";
import { cachedQuery } from "./compiled-query.js";
import type { Dialect, Executor } from "./database.js";
import type { DB, EntityTableName } from "./schema.js";

// Generic SQL for the archivable reference-data tables. Module repositories add their own
// filters and reference counts; rules stay in services.

/** The query builder a module's list filter receives for its own table. */
export type ListQuery<T extends EntityTableName> = SelectQueryBuilder<DB, T, DB[T]>;

export interface ListOptions {
  archived: "exclude" | "include" | "only";
  afterId?: string;
  limit: number;
}

// Table names are a type parameter here; Kysely cannot check columns through that, so the
// builder is widened once, in this file only.
// biome-ignore lint/suspicious/noExplicitAny: see above
const loose = (db: Executor) => db as unknown as Kysely<any>;

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

const placeholderCache = new Map<string, string>();

/** "(?,?),(?,?)" or "($1,$2),($3,$4)"; cached, since bulk writes repeat the same shapes. */
function valuesPlaceholders(dialect: Dialect, rowCount: number, columnCount: number): string {
  const key = `${dialect}:${rowCount}:${columnCount}`;
  let text = placeholderCache.get(key);
  if (text === undefined) {
    const groups: string[] = [];
    for (let row = 0; row < rowCount; row++) {
      const marks: string[] = [];
      for (let column = 1; column <= columnCount; column++) {
        marks.push(dialect === "postgres" ? `$${row * columnCount + column}` : "?");
      }
      groups.push(`(${marks.join(",")})`);
    }
    text = groups.join(",");
    if (placeholderCache.size > 50) placeholderCache.clear();
    placeholderCache.set(key, text);
  }
  return text;
}

/** findMany is on the hot path of every conflict check: one compiled query per table. */
const findManyQueries = new Map<
  EntityTableName,
  (db: Executor, tenantId: string, ids: string[]) => Promise<unknown[]>
>();
function findManyQuery(table: EntityTableName) {
  let query = findManyQueries.get(table);
  if (!query) {
    query = cachedQuery((db: Executor, tenantId: string, ids: string[]) =>
      loose(db).selectFrom(table).selectAll().where("tenant_id", "=", tenantId).where("id", "in", ids),
    );
    findManyQueries.set(table, query);
  }
  return query;
}

export const entityStore = {
  async find<T extends EntityTableName>(
    db: Executor,
    table: T,
    tenantId: string,
    id: string,
  ): Promise<DB[T] | undefined> {
    return loose(db)
      .selectFrom(table)
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst() as Promise<DB[T] | undefined>;
  },

  async findMany<T extends EntityTableName>(
    db: Executor,
    table: T,
    tenantId: string,
    ids: string[],
  ): Promise<DB[T][]> {
    if (ids.length === 0) return [];
    return findManyQuery(table)(db, tenantId, ids) as Promise<DB[T][]>;
  },

  async list<T extends EntityTableName>(
    db: Executor,
    table: T,
    tenantId: string,
    options: ListOptions,
    filter: (query: ListQuery<T>) => ListQuery<T> = (query) => query,
  ): Promise<DB[T][]> {
    let query = loose(db).selectFrom(table).selectAll().where("tenant_id", "=", tenantId);
    if (options.archived === "exclude") query = query.where("archived_at", "is", null);
    if (options.archived === "only") query = query.where("archived_at", "is not", null);
    if (options.afterId) query = query.where("id", ">", options.afterId);
    query = filter(query as unknown as ListQuery<T>) as unknown as typeof query;
    return query.orderBy("id").limit(options.limit).execute() as Promise<DB[T][]>;
  },

  async insert<T extends EntityTableName>(db: Executor, table: T, row: DB[T]): Promise<void> {
    await loose(db).insertInto(table).values(row).execute();
  },

  /**
   * Multi-row INSERTs in chunks under both engines' bound-parameter limits. Built as plain SQL
   * text rather than through the query builder, whose per-value work dominated 100k-row imports.
   */
  async insertMany<T extends keyof DB>(
    db: Executor,
    dialect: Dialect,
    table: T,
    rows: DB[T][],
    onChunk?: (inserted: number) => void,
  ): Promise<void> {
    const first = rows[0];
    if (!first) return;
    const columns = Object.keys(first) as (keyof DB[T])[];
    const perChunk = Math.max(1, Math.floor(30_000 / columns.length));
    const prefix = `insert into ${quoteIdentifier(table)} (${columns.map((c) => quoteIdentifier(String(c))).join(", ")}) values `;
    for (let start = 0; start < rows.length; start += perChunk) {
      const chunk = rows.slice(start, start + perChunk);
      const sqlText = prefix + valuesPlaceholders(dialect, chunk.length, columns.length);
      const parameters: unknown[] = [];
      for (const row of chunk) for (const column of columns) parameters.push(row[column]);
      await db.executeQuery(CompiledQuery.raw(sqlText, parameters));
      onChunk?.(chunk.length);
    }
  },

  async update<T extends EntityTableName>(
    db: Executor,
    table: T,
    tenantId: string,
    id: string,
    values: Partial<DB[T]>,
  ): Promise<void> {
    await loose(db)
      .updateTable(table as string)
      .set(values as Record<string, unknown>)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .execute();
  },

  async remove(db: Executor, table: EntityTableName, tenantId: string, id: string): Promise<void> {
    await loose(db).deleteFrom(table).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
  },

  /** Selected columns of every row of the tenant (small tables only: name lookups for CSV). */
  async columns<T extends EntityTableName, C extends keyof DB[T] & string>(
    db: Executor,
    table: T,
    tenantId: string,
    columns: C[],
  ): Promise<Pick<DB[T], C>[]> {
    return loose(db)
      .selectFrom(table as string)
      .select(columns as string[])
      .where("tenant_id", "=", tenantId)
      .execute() as Promise<Pick<DB[T], C>[]>;
  },

  /** Which of `values` already occur in `column` (for duplicate checks before bulk writes). */
  async existingValues(
    db: Executor,
    table: EntityTableName,
    column: string,
    tenantId: string,
    values: string[],
  ): Promise<Set<string>> {
    const found = new Set<string>();
    for (let start = 0; start < values.length; start += 5000) {
      const rows = await loose(db)
        .selectFrom(table)
        .select(column)
        .where("tenant_id", "=", tenantId)
        .where(column, "in", values.slice(start, start + 5000))
        .execute();
      for (const row of rows) found.add(String(row[column]));
    }
    return found;
  },

  /** How many rows of `table` point at `id` through `column`. */
  async countReferencing(
    db: Executor,
    table: keyof DB,
    column: string,
    tenantId: string,
    id: string,
  ): Promise<number> {
    const row = await loose(db)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("tenant_id", "=", tenantId)
      .where(column, "=", id)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },
};
