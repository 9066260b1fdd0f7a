import { z } from "zod";
import { importEntities } from "./formats/format.js";

export const importEntitySchema = z.enum(importEntities);

export const importQuerySchema = z.object({
  dryRun: z.stringbool().default(false).meta({ description: "Validate and report without writing anything" }),
});

export const importErrorSchema = z.object({
  row: z.number().int().meta({ description: "Spreadsheet row: 1 is the header, 2 the first data row" }),
  column: z.string().nullable(),
  message: z.string(),
});

export const importReportSchema = z
  .object({
    entity: importEntitySchema,
    dryRun: z.boolean(),
    rows: z.number().int().meta({ description: "Data rows read" }),
    valid: z.number().int(),
    created: z.number().int().meta({ description: "0 unless the whole file was valid and written" }),
    errorCount: z.number().int(),
    errors: z.array(importErrorSchema).meta({ description: "The first 1000 problems" }),
  })
  .meta({ id: "ImportReport" });

export const exportQuerySchema = z.object({
  archived: z.enum(["exclude", "include", "only"]).default("exclude"),
});

export type ImportError = z.output<typeof importErrorSchema>;
export type ImportReport = z.output<typeof importReportSchema>;
