import type { Database, Executor } from "../db/database.js";
import type { DomainEventsTable } from "../db/schema.js";
import { domainEventRepository, eventConsumerRepository } from "../events/domain-events.repository.js";
import type { Clock } from "../shared/clock.js";
import { enqueueJobs, type JobRequest } from "./enqueue-job.js";

/** Turns one event into jobs (and may write rows of its own in the same transaction). */
export type EventRoute = (trx: Executor, event: DomainEventsTable) => Promise<JobRequest[]>;

/** The smallest UUIDv7 of a millisecond: events with ids below it were created before it. */
export function idBoundary(ms: number): string {
  const time = Math.max(0, ms).toString(16).padStart(12, "0");
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7000-0000-000000000000`;
}

export interface DispatchOptions {
  limit?: number;
  /**
   * Only events created at least this long ago are read. A transaction that got its event id
   * earlier but commits later than a newer one would otherwise be skipped by the cursor; the
   * window must exceed the longest write transaction that publishes events.
   */
  settleMs?: number;
}

/**
 * Reads the next events after the consumer's cursor (across tenants, by id), turns each into
 * jobs with `route`, and advances the cursor — all in one transaction, with the cursor row
 * locked, so concurrent dispatchers take turns and an event becomes jobs exactly once even if a
 * dispatcher dies half-way (its transaction rolls back; the next one starts from the same cursor).
 */
export async function dispatchEvents(
  deps: { database: Pick<Database, "db" | "dialect">; clock: Clock },
  consumer: string,
  route: EventRoute,
  options: DispatchOptions = {},
): Promise<number> {
  const { db, dialect } = deps.database;
  const limit = options.limit ?? 200;
  const settleMs = options.settleMs ?? (dialect === "postgres" ? 2000 : 0);
  await eventConsumerRepository.ensure(db, consumer, deps.clock.now());
  const boundary = idBoundary(Date.now() - settleMs);
  // A read first: with nothing new, no write transaction (SQLite's lock) is taken.
  const seen = await eventConsumerRepository.cursorOf(db, consumer);
  if (!(await domainEventRepository.anyAfter(db, seen, boundary))) return 0;
  return db.transaction().execute(async (trx) => {
    const cursor = await eventConsumerRepository.cursorOf(trx, consumer, dialect);
    const events = await domainEventRepository.after(trx, cursor, limit, boundary);
    if (events.length === 0) return 0;
    const now = deps.clock.now();
    for (const event of events) {
      const jobs = await route(trx, event);
      await enqueueJobs(trx, event.tenant_id, now, jobs);
    }
    await eventConsumerRepository.advance(trx, consumer, events.at(-1)!.id, now);
    return events.length;
  });
}
