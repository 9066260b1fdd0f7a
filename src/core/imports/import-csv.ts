import { CsvError, parse } from "csv-parse/sync";
import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type { DB, EntityTableName } from "../db/schema.js";
import { constraintViolation } from "../db/sql.js";
import { AppError } from "../errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import { normalizeHeader } from "./csv-values.js";
import { type AnyCsvFormat, csvFormats, type ImportEntity } from "./formats/index.js";
import type { ImportError, ImportReport } from "./imports.schemas.js";

export interface ImportProgress {
  phase: "validate" | "write";
  done: number;
  total: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

const MAX_REPORTED_ERRORS = 1000;
const PROGRESS_EVERY = 2000;

interface ValidRow {
  row: number;
  input: unknown;
  raw: Record<string, unknown>;
}

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

function parseCsv(csv: string | Buffer, errors: ImportError[]): string[][] {
  try {
    return parse(csv, { bom: true, skip_empty_lines: true, relax_quotes: false });
  } catch (error) {
    if (error instanceof CsvError) {
      errors.push({
        row: (error as CsvError & { lines?: number }).lines ?? 0,
        column: null,
        message: error.message,
      });
      return [];
    }
    throw error;
  }
}

/**
 * CSV import: every row is validated by the entity's own schema and references, the whole file
 * is checked for duplicates (within itself and against the tenant), and only a file without a
 * single problem is written — in one transaction, so a failure leaves nothing behind.
 */
export function createImportService(deps: { database: Pick<Database, "db" | "dialect">; clock: Clock }) {
  const { db, dialect } = deps.database;

  async function validate(actor: Actor, format: AnyCsvFormat, csv: string | Buffer, options: ImportOptions) {
    const errors: ImportError[] = [];
    const records = parseCsv(csv, errors);
    const [header, ...rows] = records;
    if (!header) {
      if (errors.length === 0) errors.push({ row: 1, column: null, message: "the file is empty" });
      return { errors, valid: [], rowCount: 0 };
    }
    const columns = readHeader(format, header, errors);
    if (errors.length > 0) return { errors, valid: [], rowCount: rows.length };

    const lookups = await format.loadLookups(db, actor.tenantId);
    const columnOfField = new Map(format.columns.filter((c) => c.field).map((c) => [c.field!, c.header]));
    const schema = format.definition.schema;
    const firstRowOfKey = new Map<string, number>();
    const valid: ValidRow[] = [];

    rows.forEach((cells, index) => {
      const row = index + 2;
      const record: Record<string, string> = {};
      columns.forEach((name, position) => {
        if (name) record[name] = (cells[position] ?? "").trim();
      });
      let ok = true;
      const issue = (column: string, message: string) => {
        ok = false;
        errors.push({ row, column, message });
      };
      const raw = format.toRaw(record, lookups, issue);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        ok = false;
        for (const zodIssue of parsed.error.issues) {
          const [field, ...rest] = zodIssue.path.map(String);
          const column = (field && columnOfField.get(field)) ?? zodIssue.path.join(".");
          errors.push({
            row,
            column,
            message: rest.length > 0 ? `${rest.join(".")}: ${zodIssue.message}` : zodIssue.message,
          });
        }
      }
      if (ok && format.unique) {
        const key = format.unique.key(parsed.data);
        const first = firstRowOfKey.get(key);
        if (first !== undefined) {
          errors.push({ row, column: format.unique.column, message: `duplicate of row ${first}` });
          ok = false;
        } else firstRowOfKey.set(key, row);
      }
      if (ok) valid.push({ row, input: parsed.data, raw });
      if ((index + 1) % PROGRESS_EVERY === 0)
        options.onProgress?.({ phase: "validate", done: index + 1, total: rows.length });
    });
    options.onProgress?.({ phase: "validate", done: rows.length, total: rows.length });

    if (format.unique && valid.length > 0) {
      const unique = format.unique;
      const keys = valid.map((item) => unique.key(item.input));
      const existing = await unique.existing(db, actor.tenantId, keys);
      if (existing.size > 0) {
        valid.forEach((item, index) => {
          if (existing.has(keys[index]!)) {
            errors.push({
              row: item.row,
              column: unique.column,
              message: `${unique.message} already exists`,
            });
          }
        });
      }
    }
    errors.sort((a, b) => a.row - b.row);
    return { errors, valid, rowCount: rows.length };
  }

  async function write(actor: Actor, format: AnyCsvFormat, valid: ValidRow[], options: ImportOptions) {
    const { definition } = format;
    const table = definition.table as EntityTableName;
    try {
      await db.transaction().execute(async (trx) => {
        const tenant = await loadTenant(trx, actor.tenantId);
        const context = { db: trx, actor, tenant, dialect };
        const now = deps.clock.now();
        const rows: DB[EntityTableName][] = [];
        const qualifications: DB["instructor_qualifications"][] = [];
        for (const item of valid) {
          const id = newId();
          const columns = await definition.toRow(item.input, context);
          rows.push({
            ...columns,
            tenant_id: actor.tenantId,
            id,
            created_at: now,
            updated_at: now,
            archived_at: null,
          } as DB[EntityTableName]);
          const children = format.children?.(item.input, item.raw, { tenantId: actor.tenantId, id, now });
          if (children?.instructor_qualifications) qualifications.push(...children.instructor_qualifications);
        }
        let done = 0;
        await entityStore.insertMany(trx, table, rows, (inserted) => {
          done += inserted;
          options.onProgress?.({ phase: "write", done, total: rows.length });
        });
        await entityStore.insertMany(trx, "instructor_qualifications", qualifications);
        await recordAudit(trx, actor, now, {
          action: "import",
          entityType: definition.type,
          entityId: null,
          after: { rows: rows.length, qualifications: qualifications.length || undefined },
        });
      });
    } catch (error) {
      if (constraintViolation(error)) {
        throw new AppError(
          "conflict",
          "The data changed while the file was being imported; nothing was written. Try again.",
        );
      }
      throw error;
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
      const { errors, valid, rowCount } = await validate(actor, format, csv, options);
      const dryRun = options.dryRun ?? false;
      const report: ImportReport = {
        entity,
        dryRun,
        rows: rowCount,
        valid: valid.length,
        created: 0,
        errorCount: errors.length,
        errors: errors.slice(0, MAX_REPORTED_ERRORS),
      };
      if (dryRun || errors.length > 0 || valid.length === 0) return report;
      await write(actor, format, valid, options);
      return { ...report, created: valid.length };
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
