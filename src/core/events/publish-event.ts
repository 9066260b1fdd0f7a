import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { newId } from "../shared/ids.js";
import { toJson } from "../shared/json.js";
import { domainEventRepository } from "./domain-events.repository.js";

/**
 * A fact that happened, named `<entity>.<past-tense verb>` (e.g. `session.rescheduled`,
 * `enrollment.waitlisted`). The payload carries what a consumer needs to act without guessing
 * (ids, before/after times, reasons); consumers may still read current state.
 */
export interface DomainEvent {
  type: string;
  entityType: string;
  entityId: string;
  /** The session the event concerns, when there is one (message logs are queried by it). */
  sessionId?: string | null;
  payload: Record<string, unknown>;
}

/**
 * Appends events inside the caller's transaction: they commit with the change or not at all.
 * This is the only way other modules (communications, webhooks, reports) learn of a change.
 */
export async function publishEvents(
  db: Executor,
  actor: Actor,
  at: number,
  events: DomainEvent[],
): Promise<void> {
  await domainEventRepository.insert(
    db,
    events.map((event) => ({
      tenant_id: actor.tenantId,
      id: newId(),
      type: event.type,
      entity_type: event.entityType,
      entity_id: event.entityId,
      session_id: event.sessionId ?? null,
      payload_json: toJson(event.payload),
      actor_kind: actor.kind,
      actor_id: actor.id,
      request_id: actor.requestId ?? null,
      occurred_at: at,
    })),
  );
}

export const publishEvent = (db: Executor, actor: Actor, at: number, event: DomainEvent) =>
  publishEvents(db, actor, at, [event]);
