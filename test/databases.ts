import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type DatabaseKind = "sqlite" | "postgres";

const pgUrl = process.env.LECTERN_TEST_PG_URL;

/** SQLite always; PostgreSQL too when LECTERN_TEST_PG_URL is set (CI sets it). */
export const databaseKinds: DatabaseKind[] = pgUrl ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: a temporary SQLite file, or a new PostgreSQL schema. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString("hex");
  if (kind === "sqlite") {
    const path = join(tmpdir(), `lectern-test-${suffix}.db`);
    return {
      url: `sqlite:${path}`,
      drop: async () => {
        for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
      },
    };
  }
  if (!pgUrl) throw new Error("LECTERN_TEST_PG_URL is not set");
  const schema = `lectern_test_${suffix}`;
  await withClient((client) => client.query(`create schema ${schema}`));
  const url = new URL(pgUrl);
  url.searchParams.set("schema", schema);
  return {
    url: url.toString(),
    drop: () =>
      withClient((client) => client.query(`drop schema if exists ${schema} cascade`)).then(() => undefined),
  };
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
