import Database from "better-sqlite3";
import pg from "pg";
import { createCore } from "../src/core/app.js";
import { systemActor } from "../src/core/auth/actor.js";
import { newId } from "../src/core/shared/ids.js";
import { freshDatabase, mulberry32, pgUrl, round, writeResult } from "./support.js";

const ROWS = Number(process.env.ROWS ?? 100_000);
/** Raw and import runs alternate this many times; medians are reported (machines are noisy). */
const RUNS = Number(process.env.RUNS ?? 3);
const FIRST = [
  "Ada",
  "Grace",
  "Linus",
  "Margaret",
  "Alan",
  "Hedy",
  "Tim",
  "Barbara",
  "Dennis",
  "Frances",
  "Wei",
  "Aiko",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Torvalds",
  "Hamilton",
  "Turing",
  "Lamarr",
  "Berners-Lee",
  "Liskov",
  "Ritchie",
  "Allen",
];

interface LearnerRecord {
  name: string;
  email: string;
  client: string;
  managerEmail: string;
  department: string;
}

function generate(rows: number): LearnerRecord[] {
  const random = mulberry32(42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: rows }, (_, index) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const client = `Client ${1 + (index % 10)}`;
    return {
      name: `${first} ${last}`,
      email: `${first}.${last}.${index}@client${1 + (index % 10)}.example`.toLowerCase(),
      client,
      managerEmail: `manager${index % 50}@client${1 + (index % 10)}.example`,
      department: pick(["Sales", "Engineering", "Finance", "Operations"]),
    };
  });
}

const toCsv = (records: LearnerRecord[]) =>
  [
    "name,email,client,manager_email,tags,custom.department",
    ...records.map((r) => `${r.name},${r.email},${r.client},${r.managerEmail},new-hire,${r.department}`),
  ].join("\n");

/** The row a learner becomes, built without any validation: what the raw baseline inserts. */
function rawRows(records: LearnerRecord[], tenantId: string, clientIds: Map<string, string>) {
  const now = Date.now();
  return records.map((r) => [
    tenantId,
    newId(),
    now,
    now,
    null,
    r.name,
    r.email,
    r.email,
    clientIds.get(r.client)!,
    r.managerEmail,
    null,
    null,
    null,
    null,
    JSON.stringify({ department: r.department }),
    '["new-hire"]',
    null,
  ]);
}

const COLUMNS =
  "tenant_id,id,created_at,updated_at,archived_at,name,email,email_normalized,client_id,manager_email,phone,language,time_zone,external_id,custom_fields_json,tags_json,notes";
const CHUNK = 1000;

async function rawInsertSqlite(path: string, rows: unknown[][]) {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const placeholders = (count: number) =>
    Array.from({ length: count }, () => `(${Array.from({ length: 17 }, () => "?").join(",")})`).join(",");
  const full = db.prepare(`insert into learners (${COLUMNS}) values ${placeholders(CHUNK)}`);
  const started = performance.now();
  db.transaction(() => {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const statement =
        chunk.length === CHUNK
          ? full
          : db.prepare(`insert into learners (${COLUMNS}) values ${placeholders(chunk.length)}`);
      statement.run(chunk.flat());
    }
  })();
  const ms = performance.now() - started;
  db.close();
  return ms;
}

async function rawInsertPostgres(url: string, rows: unknown[][]) {
  const schema = new URL(url).searchParams.get("schema");
  const connection = new URL(url);
  connection.searchParams.delete("schema");
  const client = new pg.Client({
    connectionString: connection.toString(),
    options: `-c search_path=${schema}`,
  });
  await client.connect();
  const started = performance.now();
  await client.query("begin");
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const values = chunk.map(
      (_, row) => `(${Array.from({ length: 17 }, (_, col) => `$${row * 17 + col + 1}`).join(",")})`,
    );
    await client.query(`insert into learners (${COLUMNS}) values ${values.join(",")}`, chunk.flat());
  }
  await client.query("commit");
  const ms = performance.now() - started;
  await client.end();
  return ms;
}

/** A migrated database with one tenant and the ten clients the file refers to. */
async function prepare(kind: "sqlite" | "postgres", label: string) {
  const database = await freshDatabase(kind, label);
  const core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 4 });
  const { tenant } = await core.tenancy.ensureTenant("bench");
  const actor = systemActor(tenant.id, "bench");
  const clientIds = new Map<string, string>();
  for (let index = 1; index <= 10; index++) {
    const client = await core.clients.create(actor, {
      name: `Client ${index}`,
      code: null,
      contacts: [],
      billing: { email: null, address: {}, taxId: null, paymentTermsDays: 30, purchaseOrderRequired: false },
      tags: [],
      notes: null,
    });
    clientIds.set(client.name, client.id);
  }
  return { database, core, actor, clientIds };
}

async function measureRaw(kind: "sqlite" | "postgres", records: LearnerRecord[]) {
  const raw = await prepare(kind, "raw");
  const rows = rawRows(records, raw.actor.tenantId, raw.clientIds);
  await raw.core.close();
  const ms =
    kind === "sqlite"
      ? await rawInsertSqlite(raw.database.path, rows)
      : await rawInsertPostgres(raw.database.url, rows);
  await raw.database.drop();
  return ms;
}

async function measureImport(kind: "sqlite" | "postgres", records: LearnerRecord[], csv: string) {
  const target = await prepare(kind, "import");
  const started = performance.now();
  const report = await target.core.imports.importCsv(target.actor, "learners", csv);
  const ms = performance.now() - started;
  if (report.created !== records.length) {
    throw new Error(
      `import created ${report.created} of ${records.length}: ${JSON.stringify(report.errors.slice(0, 3))}`,
    );
  }
  await target.core.close();
  await target.database.drop();
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function run(kind: "sqlite" | "postgres", records: LearnerRecord[], csv: string) {
  const rawRuns: number[] = [];
  const importRuns: number[] = [];
  for (let attempt = 0; attempt < RUNS; attempt++) {
    rawRuns.push(await measureRaw(kind, records));
    importRuns.push(await measureImport(kind, records, csv));
  }
  const rawMs = median(rawRuns);
  const importMs = median(importRuns);
  return {
    database: kind,
    rows: records.length,
    runs: RUNS,
    rawInsertMs: round(rawMs),
    rawRowsPerSecond: Math.round(records.length / (rawMs / 1000)),
    importMs: round(importMs),
    importRowsPerSecond: Math.round(records.length / (importMs / 1000)),
    importVsRaw: round(rawMs / importMs, 2),
  };
}

const records = generate(ROWS);
const csv = toCsv(records);
const results = [];
for (const kind of pgUrl ? (["sqlite", "postgres"] as const) : (["sqlite"] as const)) {
  results.push(await run(kind, records, csv));
}
console.table(results);
for (const result of results) {
  const verdict = result.importVsRaw >= 0.5 ? "meets" : "MISSES";
  console.log(
    `${result.database}: import runs at ${Math.round(result.importVsRaw * 100)}% of raw batched INSERT (${verdict} the ≥ 50% goal)`,
  );
}
console.log(
  `written to ${writeResult("import-learners", { date: new Date().toISOString(), node: process.version, results })}`,
);
