import type { z } from "zod";
import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import type { Database, Dialect, Executor } from "../db/database.js";
import { entityStore, type ListQuery } from "../db/entity-store.js";
import type { DB, EntityTableName, TenantsTable } from "../db/schema.js";
import { constraintViolation } from "../db/sql.js";
import { AppError, type FieldError, notFound, type Reference, throwIfErrors } from "../errors.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import type { Clock } from "./clock.js";
import { newId } from "./ids.js";
import { decodeCursor, toPage } from "./pagination.js";
import { parseInput } from "./parse-input.js";
import type { Page } from "./schemas.js";

type Row<T extends EntityTableName> = DB[T];
type OwnColumns<T extends EntityTableName> = Omit<
  Row<T>,
  "tenant_id" | "id" | "created_at" | "updated_at" | "archived_at"
>;

export interface ListParams {
  limit: number;
  cursor?: string;
  archived: "exclude" | "include" | "only";
}

export interface WriteContext {
  db: Executor;
  actor: Actor;
  tenant: TenantsTable;
  dialect: Dialect;
}

/**
 * One reference-data entity (course, room, learner …): how it maps to its table and which
 * rules apply to it. createEntityService() turns it into create/get/list/update/archive/delete
 * with tenancy, validation, audit and referential checks done the same way everywhere.
 */
export interface EntityDefinition<T extends EntityTableName, Entity extends { id: string }, Input, Query> {
  type: string;
  label: string;
  table: T;
  /** The create schema; updates are re-validated against it after merging the patch. */
  schema: z.ZodType<Input>;
  toRow(input: Input, context: WriteContext): OwnColumns<T> | Promise<OwnColumns<T>>;
  fromRow(row: Row<T>): Entity;
  /** Adds child data kept in other tables (e.g. a location's travel times). */
  hydrate?(db: Executor, tenantId: string, entities: Entity[]): Promise<Entity[]>;
  filter?(query: ListQuery<T>, params: Query, dialect: Dialect): ListQuery<T>;
  /** Rules needing the database: references exist in this tenant and are not archived, … */
  check?(context: WriteContext, input: Input, current: Entity | null): Promise<FieldError[]>;
  /** Writes child rows after the entity row exists. */
  afterWrite?(context: WriteContext, id: string, input: Input): Promise<void>;
  /** Rows elsewhere that keep this entity from being deleted. */
  references?(db: Executor, tenantId: string, id: string): Promise<Reference[]>;
  /** Unique constraints (name in the migration, columns after tenant_id) and the field they guard. */
  unique?: { constraint: string; columns: string[]; path: string; message: string }[];
}

export interface EntityService<Entity, Input, Patch, Query> {
  create(actor: Actor, input: Input): Promise<Entity>;
  get(actor: Actor, id: string): Promise<Entity>;
  list(actor: Actor, query: Query & ListParams): Promise<Page<Entity>>;
  update(actor: Actor, id: string, patch: Patch): Promise<Entity>;
  archive(actor: Actor, id: string): Promise<Entity>;
  unarchive(actor: Actor, id: string): Promise<Entity>;
  remove(actor: Actor, id: string): Promise<void>;
}

export interface EntityServiceDeps {
  database: Pick<Database, "db" | "dialect">;
  clock: Clock;
}

export function createEntityService<
  T extends EntityTableName,
  Entity extends { id: string },
  Input,
  Patch extends object,
  Query,
>(
  definition: EntityDefinition<T, Entity, Input, Query>,
  deps: EntityServiceDeps,
): EntityService<Entity, Input, Patch, Query> {
  const { db, dialect } = deps.database;
  const { table, label, type } = definition;

  const hydrate = async (executor: Executor, tenantId: string, entities: Entity[]) =>
    definition.hydrate ? definition.hydrate(executor, tenantId, entities) : entities;

  async function load(executor: Executor, tenantId: string, id: string): Promise<Entity> {
    const row = await entityStore.find(executor, table, tenantId, id);
    if (!row) throw notFound(label, id);
    const [entity] = await hydrate(executor, tenantId, [definition.fromRow(row)]);
    return entity!;
  }

  /** Runs a write in one transaction, turning constraint races into the errors a pre-check gives. */
  async function write<R>(actor: Actor, work: (context: WriteContext) => Promise<R>): Promise<R> {
    authorize(actor, "reference:write");
    try {
      return await db.transaction().execute(async (trx) => {
        const tenant = await loadTenant(trx, actor.tenantId);
        return work({ db: trx, actor, tenant, dialect });
      });
    } catch (error) {
      throw translateConstraint(error);
    }
  }

  function translateConstraint(error: unknown): unknown {
    const violation = constraintViolation(error);
    if (violation?.kind === "unique") {
      // PostgreSQL reports the constraint name, SQLite the column list.
      const rule = definition.unique?.find(
        (u) =>
          violation.constraint === u.constraint ||
          violation.constraint ===
            [`${table}.tenant_id`, ...u.columns.map((c) => `${table}.${c}`)].join(", "),
      );
      const errors = rule ? [{ path: rule.path, message: rule.message, code: "duplicate" }] : [];
      return new AppError("conflict", rule ? `${label}: ${rule.message}` : `${label} already exists`, {
        errors,
      });
    }
    if (violation?.kind === "foreign_key") {
      return new AppError(
        "in_use",
        `${label} is referenced by other records and cannot be deleted; archive it instead`,
      );
    }
    return error;
  }

  async function validate(context: WriteContext, input: Input, current: Entity | null) {
    throwIfErrors((await definition.check?.(context, input, current)) ?? []);
  }

  async function setArchived(actor: Actor, id: string, archived: boolean): Promise<Entity> {
    return write(actor, async (context) => {
      const before = await load(context.db, actor.tenantId, id);
      if (((before as { archivedAt?: string | null }).archivedAt != null) === archived) return before;
      const now = deps.clock.now();
      const values = { archived_at: archived ? now : null, updated_at: now } as Partial<Row<T>>;
      await entityStore.update(context.db, table, actor.tenantId, id, values);
      const after = await load(context.db, actor.tenantId, id);
      await recordAudit(context.db, actor, now, {
        action: archived ? "archive" : "unarchive",
        entityType: type,
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  return {
    create: (actor, input) =>
      write(actor, async (context) => {
        await validate(context, input, null);
        const now = deps.clock.now();
        const id = newId();
        const row = {
          ...(await definition.toRow(input, context)),
          tenant_id: actor.tenantId,
          id,
          created_at: now,
          updated_at: now,
          archived_at: null,
        } as unknown as Row<T>;
        await entityStore.insert(context.db, table, row);
        await definition.afterWrite?.(context, id, input);
        const created = await load(context.db, actor.tenantId, id);
        await recordAudit(context.db, actor, now, {
          action: "create",
          entityType: type,
          entityId: id,
          after: created,
        });
        return created;
      }),

    async get(actor, id) {
      authorize(actor, "reference:read");
      return load(db, actor.tenantId, id);
    },

    async list(actor, query) {
      authorize(actor, "reference:read");
      const rows = await entityStore.list(
        db,
        table,
        actor.tenantId,
        { archived: query.archived, afterId: decodeCursor(query.cursor), limit: query.limit + 1 },
        definition.filter && ((builder) => definition.filter!(builder, query, dialect)),
      );
      const entities = await hydrate(db, actor.tenantId, rows.map(definition.fromRow));
      return toPage(entities, query.limit);
    },

    update: (actor, id, patch) =>
      write(actor, async (context) => {
        const before = await load(context.db, actor.tenantId, id);
        const merged = parseInput(definition.schema, { ...before, ...patch });
        await validate(context, merged, before);
        const now = deps.clock.now();
        const values = { ...(await definition.toRow(merged, context)), updated_at: now } as Partial<Row<T>>;
        await entityStore.update(context.db, table, actor.tenantId, id, values);
        await definition.afterWrite?.(context, id, merged);
        const after = await load(context.db, actor.tenantId, id);
        await recordAudit(context.db, actor, now, {
          action: "update",
          entityType: type,
          entityId: id,
          before,
          after,
        });
        return after;
      }),

    archive: (actor, id) => setArchived(actor, id, true),
    unarchive: (actor, id) => setArchived(actor, id, false),

    remove: (actor, id) =>
      write(actor, async (context) => {
        const before = await load(context.db, actor.tenantId, id);
        const references = ((await definition.references?.(context.db, actor.tenantId, id)) ?? []).filter(
          (reference) => reference.count > 0,
        );
        if (references.length > 0) {
          const uses = references
            .map((r) => `${r.count} ${r.entityType}${r.count === 1 ? "" : "s"}`)
            .join(", ");
          throw new AppError("in_use", `${label} ${id} is used by ${uses}; archive it instead of deleting`, {
            references,
          });
        }
        await entityStore.remove(context.db, table, actor.tenantId, id);
        await recordAudit(context.db, actor, deps.clock.now(), {
          action: "delete",
          entityType: type,
          entityId: id,
          before,
        });
      }),
  };
}

export interface ReferenceCheck {
  table: EntityTableName;
  id: string | null | undefined;
  kept?: string | null;
  path: string;
  label: string;
}

/** Rows keyed `table:id`, as loadReferencedRows returns them. */
export type ReferencedRows = Map<string, DB[EntityTableName]>;

/** Every referenced row, kept ones included, with one query per table however many point into it. */
export async function loadReferencedRows(
  db: Executor,
  tenantId: string,
  references: readonly Pick<ReferenceCheck, "table" | "id">[],
): Promise<ReferencedRows> {
  const wanted = references.filter((reference) => reference.id);
  const tables = [...new Set(wanted.map((reference) => reference.table))];
  const found: ReferencedRows = new Map();
  await Promise.all(
    tables.map(async (table) => {
      const ids = [...new Set(wanted.filter((r) => r.table === table).map((r) => r.id!))];
      for (const row of await entityStore.findMany(db, table, tenantId, ids))
        found.set(`${table}:${row.id}`, row);
    }),
  );
  return found;
}

/**
 * Referenced ids must exist in the actor's tenant (another tenant's id looks exactly like a
 * missing one) and not be archived. A reference the update leaves as it was (`kept`) is not
 * judged again: archiving a location must not freeze every record that points at it.
 */
export function judgeReferences(found: ReferencedRows, references: readonly ReferenceCheck[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const reference of references) {
    if (!reference.id || reference.id === reference.kept) continue;
    const row = found.get(`${reference.table}:${reference.id}`);
    if (!row) {
      errors.push({
        path: reference.path,
        message: `no ${reference.label} with id ${reference.id}`,
        code: "not_found",
      });
    } else if (row.archived_at !== null) {
      errors.push({
        path: reference.path,
        message: `${reference.label} ${reference.id} is archived`,
        code: "archived",
      });
    }
  }
  return errors;
}

/** loadReferencedRows + judgeReferences, reading only the references that are to be judged. */
export async function checkReferences(
  db: Executor,
  tenantId: string,
  references: ReferenceCheck[],
): Promise<FieldError[]> {
  const toCheck = references.filter((reference) => reference.id && reference.id !== reference.kept);
  return judgeReferences(await loadReferencedRows(db, tenantId, toCheck), toCheck);
}
