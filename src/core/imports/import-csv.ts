import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import type { Database, Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type { DB, EntityTableName } from "../db/schema.js";
import { constraintViolation } from "../db/sql.js";
import { AppError } from "../errors.js";
import type { Clock } from "../shared/clock.js";
import type { WriteContext } from "../shared/entity-service.js";
import { newId } from "../shared/ids.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import { CsvSyntaxError, csvRecords } from "./csv-reader.js";
import { normalizeHeader } from "./csv-values.js";
import { type AnyCsvFormat, csvFormats, type ImportEntity } from "./formats/index.js";
import type { ImportError, ImportReport } from "./imports.schemas.js";

export interface ImportProgress {
  /** validate: a dry run; import: validating and writing in one pass */
  phase: "validate" | "import";
  done: number;
  total: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

const MAX_REPORTED_ERRORS = 1000;
/** Rows validated, checked against the tenant and written together. */
const CHUNK_ROWS = 2000;

function countLines(text: string): number {
  let lines = 1;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) lines++;
  return lines;
}

/** Thrown inside the import transaction to roll back a file that turned out to have problems. */
class FileHasProblems extends Error {}

/** Maps header cells to canonical column names; reports unknown and missing columns. */
function readHeader(format: AnyCsvFormat, header: string[], errors: ImportError[]): (string | null)[] {
  const known = new Map(format.columns.map((column) => [normalizeHeader(column.header), column.header]));
  const seen = new Set<string>();
  const names = header.map((cell) => {
    const trimmed = cell.trim();
    const name =
      known.get(normalizeHeader(trimmed)) ?? (format.extraColumn?.test(trimmed) ? trimmed : undefined);
    if (!name) {
      errors.push({
        row: 1,
        column: trimmed,
        message: `unknown column; expected ${format.columns.map((c) => c.header).join(", ")}`,
      });
      return null;
    }
    if (seen.has(name)) errors.push({ row: 1, column: trimmed, message: "column appears twice" });
    seen.add(name);
    return name;
  });
  for (const column of format.columns) {
    if (column.required && !seen.has(column.header)) {
      errors.push({ row: 1, column: column.header, message: "required column is missing" });
    }
  }
  return names;
}

/**
 * CSV import. Every row is validated by the entity's own schema and references, and checked for
 * duplicates within the file and against the tenant. Only a file without a single problem is
 * kept: rows are written in chunks as they are validated, inside one transaction that is rolled
 * back if any problem turns up, so memory stays flat on large files and a failure leaves nothing.
 */
export function createImportService(deps: { database: Pick<Database, "db" | "dialect">; clock: Clock }) {
  const { db, dialect } = deps.database;

  interface Run {
    format: AnyCsvFormat;
    records: Generator<{ cells: string[] }>;
    /** data rows read so far */
    rowCount: number;
    /** data rows expected (line breaks counted up front), for progress */
    expected: number;
    columns: (string | null)[];
    lookups: unknown;
    context: WriteContext;
    errors: ImportError[];
    firstRowOfKey: Map<string, number>;
    valid: number;
  }

  /** Validates a chunk of rows and, when `write` and the file is clean so far, inserts them. */
  async function processChunk(
    run: Run,
    executor: Executor,
    chunk: string[][],
    firstRow: number,
    write: boolean,
  ) {
    const { format, columns, errors } = run;
    const { definition, unique } = format;
    const columnOfField = new Map(format.columns.filter((c) => c.field).map((c) => [c.field!, c.header]));
    const now = deps.clock.now();
    const rows: DB[EntityTableName][] = [];
    const qualifications: DB["instructor_qualifications"][] = [];
    const keys: string[] = [];
    const rowNumbers: number[] = [];
    for (let offset = 0; offset < chunk.length; offset++) {
      const cells = chunk[offset]!;
      const row = firstRow + offset;
      if (cells.length > columns.length) {
        errors.push({
          row,
          column: null,
          message: `${cells.length} cells but the header has ${columns.length} columns`,
        });
        continue;
      }
      const record: Record<string, string> = {};
      for (let position = 0; position < columns.length; position++) {
        const name = columns[position];
        if (name) record[name] = (cells[position] ?? "").trim();
      }
      const errorsBefore = errors.length;
      const raw = format.toRaw(record, run.lookups, (column, message) =>
        errors.push({ row, column, message }),
      );
      const parsed = definition.schema.safeParse(raw);
      if (!parsed.success) {
        for (const zodIssue of parsed.error.issues) {
          const [field, ...rest] = zodIssue.path.map(String);
          const column = (field && columnOfField.get(field)) ?? zodIssue.path.join(".");
          errors.push({
            row,
            column,
            message: rest.length > 0 ? `${rest.join(".")}: ${zodIssue.message}` : zodIssue.message,
          });
        }
        continue;
      }
      if (errors.length !== errorsBefore) continue;
      if (unique) {
        const key = unique.key(parsed.data);
        const first = run.firstRowOfKey.get(key);
        if (first !== undefined) {
          errors.push({ row, column: unique.column, message: `duplicate of row ${first}` });
          continue;
        }
        run.firstRowOfKey.set(key, row);
        keys.push(key);
        rowNumbers.push(row);
      }
      const id = newId();
      const owned = definition.toRow(parsed.data, run.context);
      // Object.assign, not spread: the spread form cost ~7 µs a row here (a quarter of the import).
      rows.push(
        Object.assign(owned instanceof Promise ? await owned : owned, {
          tenant_id: run.context.actor.tenantId,
          id,
          created_at: now,
          updated_at: now,
          archived_at: null,
        }) as DB[EntityTableName],
      );
      const children = format.children?.(parsed.data, raw, { tenantId: run.context.actor.tenantId, id, now });
      if (children?.instructor_qualifications) qualifications.push(...children.instructor_qualifications);
    }

    let taken = 0;
    if (unique && keys.length > 0) {
      const existing = await unique.existing(executor, run.context.actor.tenantId, keys);
      keys.forEach((key, index) => {
        if (existing.has(key)) {
          taken++;
          errors.push({
            row: rowNumbers[index]!,
            column: unique.column,
            message: `${unique.message} already exists`,
          });
        }
      });
    }
    run.valid += rows.length - taken;
    if (write && errors.length === 0) {
      await entityStore.insertMany(executor, dialect, definition.table as EntityTableName, rows);
      await entityStore.insertMany(executor, dialect, "instructor_qualifications", qualifications);
    }
  }

  /** Reads the remaining rows in chunks: validated (and written) chunk by chunk. */
  async function processAll(run: Run, executor: Executor, write: boolean, options: ImportOptions) {
    for (;;) {
      const chunk: string[][] = [];
      try {
        for (let next = run.records.next(); !next.done; next = run.records.next()) {
          chunk.push(next.value.cells);
          if (chunk.length === CHUNK_ROWS) break;
        }
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error;
        run.errors.push({ row: error.line, column: null, message: error.message });
      }
      if (chunk.length === 0) return;
      const firstRow = run.rowCount + 2;
      run.rowCount += chunk.length;
      await processChunk(run, executor, chunk, firstRow, write);
      options.onProgress?.({
        phase: write ? "import" : "validate",
        done: run.rowCount,
        total: Math.max(run.expected, run.rowCount),
      });
      if (chunk.length < CHUNK_ROWS) return;
    }
  }

  return {
    async importCsv(
      actor: Actor,
      entity: ImportEntity,
      csv: string | Buffer,
      options: ImportOptions = {},
    ): Promise<ImportReport> {
      authorize(actor, "reference:write");
      const format = csvFormats[entity];
      const dryRun = options.dryRun ?? false;
      const errors: ImportError[] = [];
      const text = typeof csv === "string" ? csv : csv.toString("utf8");
      const records = csvRecords(text);
      let rowCount = 0;
      const report = (valid: number, created: number): ImportReport => {
        errors.sort((a, b) => a.row - b.row);
        return {
          entity,
          dryRun,
          rows: rowCount,
          valid,
          created,
          errorCount: errors.length,
          errors: errors.slice(0, MAX_REPORTED_ERRORS),
        };
      };
      let header: string[] | undefined;
      try {
        header = records.next().value?.cells;
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error;
        errors.push({ row: error.line, column: null, message: error.message });
        return report(0, 0);
      }
      if (!header) {
        errors.push({ row: 1, column: null, message: "the file is empty" });
        return report(0, 0);
      }
      const columns = readHeader(format, header, errors);
      if (errors.length > 0) return report(0, 0);

      const run: Run = {
        format,
        records,
        rowCount: 0,
        expected: countLines(text) - 1,
        columns,
        lookups: await format.loadLookups(db, actor.tenantId),
        context: { db, actor, tenant: await loadTenant(db, actor.tenantId), dialect },
        errors,
        firstRowOfKey: new Map(),
        valid: 0,
      };
      const finish = (valid: number, created: number) => {
        rowCount = run.rowCount;
        return report(valid, created);
      };
      if (dryRun) {
        await processAll(run, db, false, options);
        return finish(run.valid, 0);
      }
      try {
        await db.transaction().execute(async (trx) => {
          await processAll(run, trx, true, options);
          if (errors.length > 0 || run.valid === 0) throw new FileHasProblems();
          await recordAudit(trx, actor, deps.clock.now(), {
            action: "import",
            entityType: format.definition.type,
            entityId: null,
            after: { rows: run.valid },
          });
        });
      } catch (error) {
        if (error instanceof FileHasProblems) return finish(run.valid, 0);
        if (constraintViolation(error)) {
          throw new AppError(
            "conflict",
            "The data changed while the file was being imported; nothing was written. Try again.",
          );
        }
        throw error;
      }
      return finish(run.valid, run.valid);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
