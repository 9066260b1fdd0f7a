import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import { AppError } from "../../core/errors.js";
import {
  exportQuerySchema,
  importEntitySchema,
  importQuerySchema,
  importReportSchema,
} from "../../core/imports/imports.schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";

const entityParams = z.object({ entity: importEntitySchema });
const CSV_LIMIT = 100 * 1024 * 1024;

export function registerImportRoutes(app: FastifyInstance, core: Pick<Core, "imports" | "exports">) {
  app.addContentTypeParser(
    ["text/csv", "application/csv"],
    { parseAs: "string", bodyLimit: CSV_LIMIT },
    (_request, body, done) => done(null, body),
  );
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post("/imports/:entity", {
    bodyLimit: CSV_LIMIT,
    schema: {
      tags: ["Import and export"],
      summary: "Import a CSV file",
      description:
        "Send the file as the body with Content-Type: text/csv. Every row is validated first; with ?dryRun=true nothing is written and the report lists each problem by row and column. Otherwise the file is written only if it has no problem at all, in one transaction (201), else 422 with the same list. Column formats: docs/CSV.md.",
      consumes: ["text/csv"],
      params: entityParams,
      querystring: importQuerySchema,
      body: z.string().meta({ description: "CSV with a header row" }),
      response: {
        200: importReportSchema,
        201: importReportSchema,
        ...problemResponses(401, 403, 409, 415, 422),
      },
    },
    handler: async (request, reply) => {
      const report = await core.imports.importCsv(actorOf(request), request.params.entity, request.body, {
        dryRun: request.query.dryRun,
      });
      if (!report.dryRun && report.errorCount > 0) {
        throw new AppError(
          "validation_failed",
          `${report.errorCount} problem(s) in the file; nothing was imported`,
          {
            errors: report.errors.map((error) => ({
              path: error.column ?? "",
              ...error,
              column: error.column ?? undefined,
            })),
            report,
          },
        );
      }
      return reply.code(report.created > 0 ? 201 : 200).send(report);
    },
  });

  api.get("/exports/:entity", {
    schema: {
      tags: ["Import and export"],
      summary: "Export as CSV",
      description: "The same columns the import reads, so an export can be edited and imported elsewhere.",
      params: entityParams,
      querystring: exportQuerySchema,
      produces: ["text/csv"],
      response: {
        200: { description: "CSV with a header row", content: { "text/csv": { schema: z.string() } } },
        ...problemResponses(400, 401, 403),
      },
    },
    handler: async (request, reply) => {
      const csv = await core.exports.exportCsv(actorOf(request), request.params.entity, request.query);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${request.params.entity}.csv"`)
        .send(csv);
    },
  });
}
