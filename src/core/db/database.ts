import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  type CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type Transaction,
} from "kysely";
import pg from "pg";
import type { DB } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Human-readable target without credentials, for logs and health. */
  description: string;
  /** PostgreSQL: the schema from `?schema=` (tests and benchmarks use one each). */
  schema?: string;
  ping(): Promise<number>;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  poolMax?: number;
}

/**
 * SQLite allows one writer. A plain BEGIN takes the write lock lazily and can fail with
 * SQLITE_BUSY when it upgrades; BEGIN IMMEDIATE takes it up front, so concurrent writers
 * (another process, the CLI while the server runs) queue on busy_timeout instead of failing.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: Parameters<SqliteDriver["beginTransaction"]>[0]) {
    await connection.executeQuery({ sql: "begin immediate", parameters: [] } as unknown as CompiledQuery);
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly driverConfig: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(driverConfig);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.driverConfig);
  }
}

export function parseDatabaseUrl(url: string): { dialect: Dialect; target: string; schema?: string } {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length).replace(/^\/\//, "");
    if (!path) throw new Error("DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/lectern.db");
    return { dialect: "sqlite", target: path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    return { dialect: "postgres", target: parsed.toString(), schema };
  }
  throw new Error(`Unsupported DATABASE_URL "${url}": use sqlite:<path> or postgres://…`);
}

export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const { dialect, target, schema } = parseDatabaseUrl(url);
  return dialect === "sqlite" ? openSqlite(target) : openPostgres(target, schema, options.poolMax ?? 10);
}

function openSqlite(path: string): Database {
  const inMemory = path === ":memory:";
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const connection = new SqliteDatabase(inMemory ? ":memory:" : path);
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("foreign_keys = ON");
  connection.pragma("busy_timeout = 10000");
  // 64 MiB of page cache (default 2 MiB) keeps the indexes of big tables in memory during bulk writes.
  connection.pragma("cache_size = -65536");
  // Reads through a memory map skip a system call and a copy per page: the conflict check's
  // lookups touch scattered pages of the big bookings and sessions tables.
  if (!inMemory) connection.pragma(`mmap_size = ${256 * 1024 * 1024}`);
  const db = new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: cachingStatements(connection) }),
  });
  return {
    db,
    dialect: "sqlite",
    description: `sqlite:${inMemory ? path : resolve(path)}`,
    ping: () => timed(() => sql`select 1`.execute(db)),
    destroy: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query afresh; preparing costs as much as running a small query, so keep
 * the most recent statements. Safe because Kysely runs each statement to completion (all/run)
 * before the next, on SQLite's single connection.
 */
function cachingStatements(connection: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => connection.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (!statement) {
        statement = connection.prepare(sqlText);
        if (statements.size >= 500) statements.delete(statements.keys().next().value!);
        statements.set(sqlText, statement);
      }
      return statement;
    },
  };
}

// BIGINT (epoch milliseconds, counts) comes back as a JS number: every value we store fits in 2^53.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

function openPostgres(connectionString: string, schema: string | undefined, max: number): Database {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: pgTypes,
    options: schema ? `-c search_path=${schema}` : undefined,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(connectionString);
  safe.password = "";
  return {
    db,
    dialect: "postgres",
    schema,
    description: `${safe.toString()}${schema ? ` (schema ${schema})` : ""}`,
    ping: () => timed(() => sql`select 1`.execute(db)),
    destroy: () => db.destroy(),
  };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
