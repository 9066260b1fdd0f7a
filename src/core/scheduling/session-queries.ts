import { type Actor, authorize } from "../auth/actor.js";
import { AppError } from "../errors.js";
import { toIso } from "../shared/clock.js";
import { decodeCursor, toPage } from "../shared/pagination.js";
import type { Page } from "../shared/schemas.js";
import { presentSession } from "./present-session.js";
import { loadRecord, type SchedulingDeps } from "./session-writes.js";
import { sessionRepository } from "./sessions.repository.js";
import type { Session, SessionQuery } from "./sessions.schemas.js";

const MAX_CALENDAR_DAYS = 93;

export interface CalendarQuery {
  from: string;
  to: string;
  instructorId?: string;
  roomId?: string;
  locationId?: string;
  clientId?: string;
}

export function createSessionQueries(deps: SchedulingDeps) {
  const { db } = deps.database;
  return {
    async get(actor: Actor, id: string): Promise<Session> {
      authorize(actor, "reference:read");
      return presentSession(await loadRecord(db, actor.tenantId, id));
    },

    async list(actor: Actor, query: SessionQuery): Promise<Page<Session>> {
      authorize(actor, "reference:read");
      const rows = await sessionRepository.list(db, actor.tenantId, {
        ...query,
        afterId: decodeCursor(query.cursor),
      });
      const records = await sessionRepository.loadRecords(db, actor.tenantId, rows);
      return toPage(records.map(presentSession), query.limit);
    },

    /** Every lifecycle step, reschedule and assignment answer, oldest first. */
    async history(actor: Actor, id: string) {
      authorize(actor, "reference:read");
      await loadRecord(db, actor.tenantId, id);
      const events = await sessionRepository.listEvents(db, actor.tenantId, id);
      return events.map((event) => ({
        id: event.id,
        occurredAt: toIso(event.occurred_at),
        kind: event.kind,
        fromStatus: event.from_status,
        toStatus: event.to_status,
        reason: event.reason,
        data: event.data_json === null ? null : (JSON.parse(event.data_json) as unknown),
        actor: { kind: event.actor_kind, id: event.actor_id, label: event.actor_label },
      }));
    },

    /** Segments in a window with what calendar and resource-timeline views draw. */
    async calendar(actor: Actor, query: CalendarQuery) {
      authorize(actor, "reference:read");
      const from = Date.parse(query.from);
      const to = Date.parse(query.to);
      if (!(to > from) || to - from > MAX_CALENDAR_DAYS * 24 * 3600_000) {
        throw new AppError("bad_request", `to must be after from, at most ${MAX_CALENDAR_DAYS} days later`, {
          errors: [
            { path: "to", in: "query", message: `must be after from and within ${MAX_CALENDAR_DAYS} days` },
          ],
        });
      }
      const rows = await sessionRepository.calendarSegments(db, actor.tenantId, { ...query, from, to });
      const assignments = await sessionRepository.assignmentsOf(
        db,
        actor.tenantId,
        rows.map((row) => row.session_id),
      );
      const assignmentsBySession = new Map<string, typeof assignments>();
      for (const assignment of assignments) {
        const list = assignmentsBySession.get(assignment.session_id) ?? [];
        list.push(assignment);
        assignmentsBySession.set(assignment.session_id, list);
      }
      const covers = (json: string | null, segmentId: string) =>
        json === null || json.includes(`"${segmentId}"`);
      const teaching = (row: (typeof rows)[number]) =>
        (assignmentsBySession.get(row.session_id) ?? []).filter((a) =>
          covers(a.segment_ids_json, row.segment_id),
        );
      // A session matches an instructor filter as a whole; the calendar shows only their segments.
      const shown = query.instructorId
        ? rows.filter((row) => teaching(row).some((a) => a.instructor_id === query.instructorId))
        : rows;
      return {
        from: toIso(from),
        to: toIso(to),
        items: shown.map((row) => ({
          sessionId: row.session_id,
          segmentId: row.segment_id,
          position: row.position,
          courseId: row.course_id,
          courseCode: row.course_code,
          title: row.title ?? row.course_title,
          status: row.status,
          format: row.format,
          timeZone: row.time_zone,
          locationId: row.location_id,
          clientId: row.client_id,
          roomId: row.room_id,
          start: row.start_local,
          end: row.end_local,
          startsAt: toIso(row.starts_at),
          endsAt: toIso(row.ends_at),
          instructors: teaching(row).map((a) => ({
            instructorId: a.instructor_id,
            role: a.role,
            status: a.status,
          })),
        })),
      };
    },
  };
}
