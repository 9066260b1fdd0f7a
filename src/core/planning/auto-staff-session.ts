import { type Actor, authorize } from "../auth/actor.js";
import { candidatesRepository } from "../scheduling/candidates.repository.js";
import { courseProfile, loadConflictContext } from "../scheduling/conflict-context.js";
import { findConflicts } from "../scheduling/engine/find-conflicts.js";
import type { Proposal } from "../scheduling/engine/types.js";
import { prepareSession } from "../scheduling/prepare-session.js";
import { inputFromRecord } from "../scheduling/session-input.js";
import { loadRecord, type SchedulingDeps } from "../scheduling/session-writes.js";
import { updateSession } from "../scheduling/update-session.js";
import { instantToLocalDate } from "../time/zoned.js";
import { addedPay, instructorDayCost, teachingPay } from "./planning-costs.js";
import type { AutoStaffInput, AutoStaffResult } from "./plans.schemas.js";
import { loadTravelMinutes } from "./travel-minutes.js";

const CANDIDATE_LIMIT = 200;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Ranks the instructors who could take a role on one session: qualified, and free by the same
 * conflict engine that guards writes (bookings, availability, time off, travel, limits); cheapest
 * first by the planner's instructor cost (pay: hours × hour rate or the day rate, a day's pay
 * capped at the day rate counting what that day pays already; plus load in the month around the
 * session and the journey from their home location).
 * With `assign`, the best one replaces the role's current holders through the normal update.
 */
export async function autoStaffSession(
  deps: SchedulingDeps,
  actor: Actor,
  sessionId: string,
  input: AutoStaffInput,
): Promise<AutoStaffResult> {
  authorize(actor, "reference:write");
  const { db } = deps.database;
  const record = await loadRecord(db, actor.tenantId, sessionId);
  const prepared = await prepareSession(db, actor, null, inputFromRecord(record), record, deps.clock.now());
  const { course, proposal } = prepared;
  const others = proposal.instructors.filter((i) => i.role !== input.role);
  const taken = new Set(others.map((i) => i.instructorId));
  const candidates = (
    await candidatesRepository.instructorsFor(
      db,
      actor.tenantId,
      { id: course.id, skills: courseProfile(course).requiredQualifications },
      CANDIDATE_LIMIT,
    )
  ).filter((id) => !taken.has(id));
  const context = await loadConflictContext(db, actor.tenantId, {
    course,
    proposal,
    extraInstructorIds: candidates,
    // Load a month either side: the workload count looks at the weeks around the session.
    marginMs: 31 * DAY_MS,
  });
  const days = new Set(proposal.segments.map((s) => s.startLocal.slice(0, 10))).size;
  const costRows = await candidatesRepository.costs(db, actor.tenantId, candidates);
  const rows = new Map(costRows.map((r) => [r.id, r]));
  const travelMinutes = await loadTravelMinutes(db, actor.tenantId, costRows);
  const site = proposal.format === "vilt" ? null : proposal.locationId;
  const first = Math.min(...proposal.segments.map((s) => s.start));
  const month = { from: first - 31 * DAY_MS, to: first + 31 * DAY_MS };

  const free: AutoStaffResult["candidates"] = [];
  const rejected: AutoStaffResult["rejected"] = [];
  for (const instructorId of candidates) {
    const row = rows.get(instructorId);
    if (!row) continue;
    const variant: Proposal = {
      ...proposal,
      instructors: [...others, { instructorId, role: input.role, segmentKeys: null }],
    };
    const own = findConflicts(variant, context).filter(
      (c) => c.resource.type === "instructor" && c.resource.id === instructorId,
    );
    if (own.length > 0) {
      rejected.push({ instructorId, name: row.name, constraints: [...new Set(own.map((c) => c.type))] });
      continue;
    }
    const zone = context.instructors.get(instructorId)?.timeZone ?? proposal.timeZone;
    // Hours already taught per local date of the month around the session.
    const taught = new Map<string, number>();
    for (const b of context.bookings) {
      if (b.resourceType !== "instructor" || b.resourceId !== instructorId) continue;
      if (b.start < month.from || b.start >= month.to) continue;
      const date = instantToLocalDate(b.start, zone);
      taught.set(date, (taught.get(date) ?? 0) + (b.end - b.start) / HOUR_MS);
    }
    const teachingDays = taught.size;
    const travel = travelMinutes(instructorId, site);
    const rates = { dayRateMinor: row.day_rate_minor, hourRateMinor: row.hour_rate_minor };
    // Pay per local date of the session, on top of what that date pays already (capped per day).
    let pay = 0;
    for (const [date, hours] of sessionHours(proposal.segments, zone))
      pay += addedPay(rates, teachingPay(rates, taught.get(date) ?? 0), teachingPay(rates, hours));
    free.push({
      instructorId,
      name: row.name,
      dayRateMinor: row.day_rate_minor,
      hourRateMinor: row.hour_rate_minor,
      currency: row.currency,
      teachingDays,
      travelMinutes: travel,
      cost: pay + instructorDayCost(teachingDays, travel) * days,
    });
  }
  free.sort(
    (a, b) => a.cost - b.cost || a.name.localeCompare(b.name) || a.instructorId.localeCompare(b.instructorId),
  );
  const best = free[0];
  let assigned: AutoStaffResult["assigned"] = null;
  if (input.assign && best) {
    const current = inputFromRecord(record);
    const { session } = await updateSession(deps, actor, sessionId, {
      instructors: [
        ...current.instructors.filter((a) => a.role !== input.role),
        { instructorId: best.instructorId, role: input.role, segments: null, respondBy: null },
      ],
      override: input.override,
    });
    assigned = session;
  }
  return { candidates: free, rejected, assigned };
}

/** Hours of the session's segments per local date of the instructor's zone. */
function sessionHours(segments: { start: number; end: number }[], zone: string): Map<string, number> {
  const hours = new Map<string, number>();
  for (const segment of segments) {
    const date = instantToLocalDate(segment.start, zone);
    hours.set(date, (hours.get(date) ?? 0) + (segment.end - segment.start) / HOUR_MS);
  }
  return hours;
}
