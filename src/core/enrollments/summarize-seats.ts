import { type Actor, authorize } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { validationFailed } from "../errors.js";
import { toIso } from "../shared/clock.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { SeatSummary, SeatSummaryQuery } from "./enrollments.schemas.js";

const DAY = 24 * 3600_000;
const MAX_DAYS = 366;

/**
 * Seats offered and taken in the live sessions starting in a window (the dashboard's fill rate,
 * sessions under their minimum, pending approvals). Counts only: no rule is applied here.
 */
export async function summarizeSeats(
  db: Executor,
  actor: Actor,
  now: number,
  query: SeatSummaryQuery,
): Promise<SeatSummary> {
  authorize(actor, "reference:read");
  const from = query.from ? Date.parse(query.from) : now;
  const to = query.to ? Date.parse(query.to) : from + 28 * DAY;
  if (to <= from) throw validationFailed([{ path: "to", in: "query", message: "must be after from" }]);
  if (to - from > MAX_DAYS * DAY)
    throw validationFailed([{ path: "to", in: "query", message: `at most ${MAX_DAYS} days after from` }]);
  const rows = await enrollmentRepository.seatCountsBetween(db, actor.tenantId, from, to);
  const items = rows.map((row) => ({
    sessionId: row.id,
    title: `${row.code} ${row.title ?? row.course_title}`,
    status: row.status,
    startsAt: toIso(Number(row.starts_at)),
    timeZone: row.time_zone,
    minSeats: row.min_seats,
    maxSeats: row.max_seats,
    seated: Number(row.seated),
    waitlisted: Number(row.waitlisted),
    pendingApproval: Number(row.pending_approval),
  }));
  const sum = (pick: (item: (typeof items)[number]) => number) =>
    items.reduce((total, item) => total + pick(item), 0);
  const seats = sum((i) => i.maxSeats);
  const seated = sum((i) => i.seated);
  return {
    from: toIso(from),
    to: toIso(to),
    totals: {
      sessions: items.length,
      seats,
      seated,
      waitlisted: sum((i) => i.waitlisted),
      pendingApproval: sum((i) => i.pendingApproval),
      underMinimum: items.filter((i) => i.seated < i.minSeats).length,
      fillRate: seats > 0 ? seated / seats : null,
    },
    items,
  };
}
