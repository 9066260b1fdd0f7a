import type { Executor } from "../../db/database.js";
import type { EntityTableName, InstructorQualificationsTable } from "../../db/schema.js";
import type { EntityDefinition } from "../../shared/entity-service.js";
import type { CellIssue } from "../csv-values.js";

export const importEntities = ["courses", "rooms", "instructors", "learners"] as const;
export type ImportEntity = (typeof importEntities)[number];

export interface CsvColumn {
  header: string;
  /** The input field this column fills; validation errors on that field point at this column. */
  field?: string;
  required?: boolean;
  description: string;
  example?: string;
}

export interface ChildRows {
  instructor_qualifications?: InstructorQualificationsTable[];
}

/**
 * How one entity is written as CSV and read back. Imports go through the entity's own schema
 * and row mapping (its EntityDefinition), so a CSV row obeys exactly the rules of an API call.
 */
export interface CsvFormat<T extends EntityTableName, Entity extends { id: string }, Input, Lookups> {
  entity: ImportEntity;
  definition: EntityDefinition<T, Entity, Input, unknown>;
  columns: CsvColumn[];
  /** Extra columns allowed beyond `columns` (e.g. learners' custom.<field>). */
  extraColumn?: RegExp;
  /** Name → id maps and the like, loaded once per import or export. */
  loadLookups(db: Executor, tenantId: string): Promise<Lookups>;
  /** Cells → the raw object the entity's create schema parses. */
  toRaw(cells: Record<string, string>, lookups: Lookups, issue: CellIssue): Record<string, unknown>;
  /** A value that must be unique within the file and the tenant. */
  unique?: {
    column: string;
    key(input: Input): string;
    existing(db: Executor, tenantId: string, keys: string[]): Promise<Set<string>>;
    message: string;
  };
  /** Rows of child tables created with the entity (e.g. instructors' qualifications). */
  children?(
    input: Input,
    raw: Record<string, unknown>,
    entity: { tenantId: string; id: string; now: number },
  ): ChildRows;
  /** Entity → cells, for export (lookups turn ids back into names). */
  toRecord(
    entity: Entity,
    lookups: Lookups,
    db: Executor,
    tenantId: string,
  ): Promise<Record<string, string>> | Record<string, string>;
}
