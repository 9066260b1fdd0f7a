import { stringify } from "csv-stringify/sync";
import { type Actor, authorize } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import { type CsvColumn, csvFormats, type ImportEntity } from "./formats/index.js";

const PAGE = 1000;

/** Writes an entity as CSV in the same format the import reads, so files round-trip. */
export function createExportService(deps: { database: Pick<Database, "db"> }) {
  const { db } = deps.database;
  return {
    async exportCsv(
      actor: Actor,
      entity: ImportEntity,
      options: { archived?: "exclude" | "include" | "only" } = {},
    ): Promise<string> {
      authorize(actor, "reference:read");
      const format = csvFormats[entity];
      const lookups = await format.loadLookups(db, actor.tenantId);
      const records: Record<string, string>[] = [];
      const extraHeaders = new Set<string>();
      let afterId: string | undefined;
      for (;;) {
        const rows = await entityStore.list(db, format.definition.table, actor.tenantId, {
          archived: options.archived ?? "exclude",
          afterId,
          limit: PAGE,
        });
        for (const row of rows) {
          const record = await format.toRecord(format.definition.fromRow(row), lookups, db, actor.tenantId);
          for (const key of Object.keys(record)) if (format.extraColumn?.test(key)) extraHeaders.add(key);
          records.push(record);
        }
        if (rows.length < PAGE) break;
        afterId = rows.at(-1)!.id;
      }
      const columns = [
        ...format.columns.map((column: CsvColumn) => column.header),
        ...[...extraHeaders].sort(),
      ];
      return stringify(records, { header: true, columns, bom: false });
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
