import type { Actor } from "../auth/actor.js";
import { notFound } from "../errors.js";
import { toIso } from "../shared/clock.js";
import { fromJson } from "../shared/json.js";
import { decodeCursor, toPage } from "../shared/pagination.js";
import type { Page } from "../shared/schemas.js";
import {
  assertClientRecord,
  assertSessionOpenTo,
  authorizeOrClient,
  authorizeOrOwn,
  clientFilter,
  isClientContact,
  learnerFilter,
} from "./client-scope.js";
import { type EnrollmentDeps, inTransaction, presentEnrollment } from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { Enrollment, EnrollmentQuery } from "./enrollments.schemas.js";
import { openSession } from "./waitlist.js";

/** Lazily lapses a session's expired offers before it is read, so readers never see a stale offer. */
async function sweepIfDue(deps: EnrollmentDeps, actor: Actor, sessionId: string) {
  const now = deps.clock.now();
  const due = await enrollmentRepository.expiredOffers(deps.database.db, now, {
    tenantId: actor.tenantId,
    sessionId,
  });
  if (due.length > 0) await inTransaction(deps, (trx) => openSession(deps, trx, actor, sessionId, now));
}

export function createEnrollmentQueries(deps: EnrollmentDeps) {
  const { db } = deps.database;
  return {
    async get(actor: Actor, id: string): Promise<Enrollment> {
      authorizeOrOwn(actor, "reference:read");
      const row = await enrollmentRepository.find(db, actor.tenantId, id);
      if (!row) throw notFound("Enrollment", id);
      assertClientRecord(actor, "Enrollment", row);
      return presentEnrollment(row);
    },

    async list(actor: Actor, query: EnrollmentQuery): Promise<Page<Enrollment>> {
      authorizeOrOwn(actor, "reference:read");
      const rows = await enrollmentRepository.list(db, actor.tenantId, {
        ...query,
        clientId: clientFilter(actor, query.clientId),
        learnerId: learnerFilter(actor, query.learnerId),
        afterId: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      return toPage(
        rows.map((row) => presentEnrollment(row)),
        query.limit,
      );
    },

    /** Every registration of a session: seats first, then the waitlist in position order. */
    async listForSession(actor: Actor, sessionId: string) {
      authorizeOrClient(actor, "reference:read");
      const session = await enrollmentRepository.findSession(db, actor.tenantId, sessionId);
      if (!session) throw notFound("Session", sessionId);
      assertSessionOpenTo(actor, session);
      await sweepIfDue(deps, actor, sessionId);
      const rows = await enrollmentRepository.forSession(db, actor.tenantId, sessionId);
      const all = rows.map((row) => presentEnrollment(row));
      // A client contact sees the session's counts (the catalog shows seats left anyway) but
      // only their own client's registrations.
      const items = isClientContact(actor) ? all.filter((item) => item.clientId === actor.clientId) : all;
      const count = (status: string) => all.filter((item) => item.status === status).length;
      return {
        sessionId,
        maxSeats: session.max_seats,
        minSeats: session.min_seats,
        enrolled:
          count("enrolled") + count("attended") + count("completed") + count("failed") + count("no_show"),
        offered: count("offered"),
        waitlisted: count("waitlisted"),
        pendingApproval: count("pending_approval"),
        items,
      };
    },

    async history(actor: Actor, id: string) {
      authorizeOrOwn(actor, "reference:read");
      const row = await enrollmentRepository.find(db, actor.tenantId, id);
      if (!row) throw notFound("Enrollment", id);
      assertClientRecord(actor, "Enrollment", row);
      const events = await enrollmentRepository.events(db, actor.tenantId, id);
      return events.map((event) => ({
        id: event.id,
        occurredAt: toIso(event.occurred_at),
        kind: event.kind,
        fromStatus: event.from_status,
        toStatus: event.to_status,
        reason: event.reason,
        data: fromJson(event.data_json, null),
        actor: { kind: event.actor_kind, id: event.actor_id, label: event.actor_label },
      }));
    },
  };
}
