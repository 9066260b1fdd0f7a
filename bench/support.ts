import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

// Shared by the benchmarks: where results go, and how the PostgreSQL target is chosen.

export const pgUrl = process.env.LECTERN_BENCH_PG_URL ?? process.env.LECTERN_TEST_PG_URL;

export function writeResult(name: string, result: unknown): string {
  const directory = join(dirname(fileURLToPath(import.meta.url)), "results");
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** Deterministic PRNG so every run measures the same data. */
export function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface BenchDatabase {
  kind: "sqlite" | "postgres";
  url: string;
  /** The SQLite file ("" on PostgreSQL), for baselines that open it with the driver directly. */
  path: string;
  drop(): Promise<void>;
}

async function onPostgres(statement: string) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** An empty database for one benchmark run: a temporary SQLite file, or a new PostgreSQL schema. */
export async function freshDatabase(kind: "sqlite" | "postgres", name: string): Promise<BenchDatabase> {
  const suffix = `${process.pid}_${randomBytes(3).toString("hex")}`;
  if (kind === "sqlite") {
    const path = join(tmpdir(), `lectern-bench-${name}-${suffix}.db`);
    const drop = async () => {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    };
    return { kind, url: `sqlite:${path}`, path, drop };
  }
  if (!pgUrl) throw new Error("LECTERN_BENCH_PG_URL (or LECTERN_TEST_PG_URL) is not set");
  const schema = `lectern_bench_${name}_${suffix}`;
  await onPostgres(`create schema ${schema}`);
  const url = new URL(pgUrl);
  url.searchParams.set("schema", schema);
  return {
    kind,
    url: url.toString(),
    path: "",
    drop: () => onPostgres(`drop schema if exists ${schema} cascade`),
  };
}
