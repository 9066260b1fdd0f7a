import { type Actor, authorize } from "../auth/actor.js";
import type { Database, Executor } from "../db/database.js";
import type { Clock } from "../shared/clock.js";
import { toIso } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { fromJson, toJson } from "../shared/json.js";
import { decodeCursor, toPage } from "../shared/pagination.js";
import type { Page } from "../shared/schemas.js";
import { auditRepository } from "./audit.repository.js";
import type { AuditEvent, AuditQuery } from "./audit.schemas.js";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit event inside the caller's transaction, so it commits with the change. */
export async function recordAudit(db: Executor, actor: Actor, at: number, entry: AuditEntry): Promise<void> {
  await auditRepository.insert(db, {
    tenant_id: actor.tenantId,
    id: newId(),
    occurred_at: at,
    actor_kind: actor.kind,
    actor_id: actor.id,
    actor_label: actor.label,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before_json: entry.before === undefined ? null : toJson(entry.before),
    after_json: entry.after === undefined ? null : toJson(entry.after),
    request_id: actor.requestId ?? null,
  });
}

export function createAuditService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  return {
    /** Newest first. */
    async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEvent>> {
      authorize(actor, "audit:read");
      const rows = await auditRepository.list(deps.database.db, actor.tenantId, {
        entityType: query.entityType,
        entityId: query.entityId,
        after: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      const events = rows.map((row) => ({
        id: row.id,
        occurredAt: toIso(row.occurred_at),
        actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        before: fromJson(row.before_json, null),
        after: fromJson(row.after_json, null),
        requestId: row.request_id,
      }));
      return toPage(events, query.limit);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
