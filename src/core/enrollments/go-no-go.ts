import { sql } from "kysely";
import { type Actor, authorize } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { toIso } from "../shared/clock.js";
import { SEAT_HOLDING } from "./enrollments.repository.js";

const DAY = 24 * 3600_000;

/**
 * Sessions starting within `days` that are still under their minimum seats: the go/no-go list.
 * Flagged for a coordinator's decision; nothing is ever cancelled automatically.
 */
export async function goNoGoList(db: Executor, actor: Actor, now: number, days: number) {
  authorize(actor, "reference:read");
  const rows = await db
    .selectFrom("sessions as s")
    .innerJoin("courses as c", (join) =>
      join.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"),
    )
    .select([
      "s.id",
      "s.course_id",
      "s.title",
      "c.title as course_title",
      "c.code",
      "s.status",
      "s.starts_at",
      "s.time_zone",
      "s.min_seats",
      "s.max_seats",
      (eb) =>
        eb
          .selectFrom("enrollments as e")
          .select(sql<number>`count(*)`.as("n"))
          .whereRef("e.tenant_id", "=", "s.tenant_id")
          .whereRef("e.session_id", "=", "s.id")
          .where("e.status", "in", SEAT_HOLDING)
          .as("enrolled"),
      (eb) =>
        eb
          .selectFrom("enrollments as w")
          .select(sql<number>`count(*)`.as("n"))
          .whereRef("w.tenant_id", "=", "s.tenant_id")
          .whereRef("w.session_id", "=", "s.id")
          .where("w.status", "=", "waitlisted")
          .as("waitlisted"),
    ])
    .where("s.tenant_id", "=", actor.tenantId)
    .where("s.status", "in", ["draft", "planned", "confirmed"])
    .where("s.starts_at", ">", now)
    .where("s.starts_at", "<=", now + days * DAY)
    .orderBy("s.starts_at")
    .execute();
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
      enrolled: Number(row.enrolled ?? 0),
      waitlisted: Number(row.waitlisted ?? 0),
      shortBy: row.min_seats - Number(row.enrolled ?? 0),
      daysUntilStart: Math.round(((row.starts_at - now) / DAY) * 10) / 10,
    }))
    .filter((item) => item.shortBy > 0);
}
