import { type Actor, authorize } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { toIso } from "../shared/clock.js";
import { enrollmentRepository } from "./enrollments.repository.js";

const DAY = 24 * 3600_000;

/**
 * Sessions starting within `days` that are still under their minimum seats: the go/no-go list.
 * Flagged for a coordinator's decision; nothing is ever cancelled automatically.
 */
export async function goNoGoList(db: Executor, actor: Actor, now: number, days: number) {
  authorize(actor, "reference:read");
  const rows = await enrollmentRepository.seatCountsBetween(db, actor.tenantId, now, now + days * DAY);
  return rows
    .map((row) => ({
      sessionId: row.id,
      courseId: row.course_id,
      title: `${row.code} ${row.title ?? row.course_title}`,
      status: row.status,
      startsAt: toIso(row.starts_at),
      timeZone: row.time_zone,
      minSeats: row.min_seats,
      maxSeats: row.max_seats,
      enrolled: Number(row.seated),
      waitlisted: Number(row.waitlisted),
      shortBy: row.min_seats - Number(row.seated),
      daysUntilStart: Math.round(((row.starts_at - now) / DAY) * 10) / 10,
    }))
    .filter((item) => item.shortBy > 0);
}
