import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { type FieldError, validationFailed } from "../errors.js";
import { CsvSyntaxError, readCsv } from "../imports/csv-reader.js";
import { clientFilter } from "./client-scope.js";
import { enrollmentRepository } from "./enrollments.repository.js";

/**
 * The learners a CSV names, in file order: a header row with `learnerId` or `email` (either
 * per row). Unknown learners are reported by row and column; nothing is enrolled then.
 */
export async function learnersFromCsv(db: Executor, actor: Actor, csv: string): Promise<string[]> {
  let records: ReturnType<typeof readCsv>;
  try {
    records = readCsv(csv);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw validationFailed([{ path: "body", message: `line ${error.line}: ${error.message}` }]);
    }
    throw error;
  }
  const [header, ...rows] = records;
  const columns = (header?.cells ?? []).map((cell) => cell.trim());
  const idColumn = columns.indexOf("learnerId");
  const emailColumn = columns.indexOf("email");
  if (idColumn < 0 && emailColumn < 0) {
    throw validationFailed([{ path: "body", message: "the header needs a learnerId or an email column" }]);
  }
  const wanted = rows
    .map((row, index) => ({
      row: index + 1,
      id: (idColumn >= 0 ? row.cells[idColumn] : "")?.trim() ?? "",
      email: (emailColumn >= 0 ? row.cells[emailColumn] : "")?.trim().toLowerCase() ?? "",
    }))
    .filter((entry) => entry.id || entry.email);
  if (wanted.length === 0) throw validationFailed([{ path: "body", message: "the file names no learner" }]);
  if (wanted.length > 1000)
    throw validationFailed([{ path: "body", message: "at most 1000 learners per file" }]);
  const ids = wanted.flatMap((entry) => (entry.id ? [entry.id] : []));
  const emails = wanted.flatMap((entry) => (entry.email && !entry.id ? [entry.email] : []));
  // A client contact's file can name only their client's learners (others are "no such learner").
  const ownClient = clientFilter(actor, undefined);
  const found = await enrollmentRepository.learnersByIdOrEmail(db, actor.tenantId, ids, emails, ownClient);
  const byId = new Set(found.map((row) => row.id));
  const byEmail = new Map(found.map((row) => [row.email_normalized, row.id]));
  const errors: FieldError[] = [];
  const learnerIds: string[] = [];
  for (const entry of wanted) {
    const id = entry.id ? (byId.has(entry.id) ? entry.id : undefined) : byEmail.get(entry.email);
    if (id) learnerIds.push(id);
    else {
      const column = entry.id ? "learnerId" : "email";
      errors.push({
        path: column,
        message: `row ${entry.row}: no such learner`,
        row: entry.row,
        column,
      } as FieldError);
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
  return learnerIds;
}
