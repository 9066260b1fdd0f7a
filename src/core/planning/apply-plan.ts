import { type Actor, authorize } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { createSession } from "../scheduling/create-session.js";
import { loadRecord, type SchedulingDeps } from "../scheduling/session-writes.js";
import { type SessionInput, sessionInputSchema } from "../scheduling/sessions.schemas.js";
import { updateSession } from "../scheduling/update-session.js";
import { fromJson } from "../shared/json.js";
import { parseInput } from "../shared/parse-input.js";
import { addDays } from "../time/zoned.js";
import type { PlanningDeps } from "./create-plan.js";
import { STALE_AFTER_MS } from "./plan-runner.js";
import { planRepository } from "./plans.repository.js";
import type { ApplyInput, ApplyItem, Plan, PlanInput, PlanItem, PlanResult } from "./plans.schemas.js";
import { presentPlan, readPlanResult } from "./present-plan.js";

type Deps = PlanningDeps & SchedulingDeps;

/** Assignments per instructor, with the segment positions they teach (null: all of them). */
function assignments(item: PlanItem) {
  const byInstructor = new Map<string, number[]>();
  item.segments.forEach((segment, position) => {
    if (!segment.instructorId) return;
    byInstructor.set(segment.instructorId, [...(byInstructor.get(segment.instructorId) ?? []), position]);
  });
  return [...byInstructor].map(([instructorId, positions]) => ({
    instructorId,
    role: "lead" as const,
    segments: positions.length === item.segments.length ? null : positions,
    respondBy: null,
  }));
}

/** A planned segment as local date-times; an end at 24:00 is midnight of the next day. */
function segmentTimes(segment: PlanItem["segments"][number]) {
  return {
    start: `${segment.date}T${segment.start}`,
    end: segment.end === "24:00" ? `${addDays(segment.date, 1)}T00:00` : `${segment.date}T${segment.end}`,
    roomId: segment.roomId,
  };
}

async function applyItem(
  deps: Deps,
  actor: Actor,
  plan: { id: string; createdAt: number; locks: Map<string, PlanInput["sessions"][number]["lock"]> },
  item: PlanItem,
  input: ApplyInput,
  written: (trx: Executor, done: { status: "created" | "updated"; sessionId: string }) => Promise<void>,
) {
  const planId = plan.id;
  if (item.kind === "demand") {
    // A run the session rules refuse (say, more instructors than a session may list) is this
    // item's error in the report, not a failure of the whole apply.
    const body: SessionInput = parseInput(sessionInputSchema, {
      courseId: item.courseId,
      format: item.format,
      timeZone: item.timeZone,
      locationId: item.locationId,
      maxSeats: item.maxSeats,
      status: input.status,
      notes: `Planned by plan ${planId} (${item.key})`,
      segments: item.segments.map(segmentTimes),
      instructors: assignments(item),
      equipment: item.equipment.map(({ equipmentId, quantity }) => ({ equipmentId, quantity })),
      override: input.override,
    });
    await createSession(deps, actor, body, (trx, session) =>
      written(trx, { status: "created", sessionId: session.id }),
    );
    return;
  }
  const record = await loadRecord(deps.database.db, actor.tenantId, item.sessionId!);
  // The plan was made for the session as it was then: one confirmed, re-timed or edited since is
  // not silently rescheduled over those changes.
  if (Number(record.session.updated_at) > plan.createdAt)
    throw new AppError(
      "conflict",
      `Session ${item.sessionId} changed after this plan was made (it is ${record.session.status} now): plan it again`,
    );
  const kept = record.instructors
    .filter((a) => a.role !== "lead")
    .map((a) => ({
      instructorId: a.instructor_id,
      role: a.role as "co" | "assistant",
      segments:
        a.segment_ids_json === null
          ? null
          : fromJson<string[]>(a.segment_ids_json, []).map((id) =>
              record.segments.findIndex((s) => s.id === id),
            ),
      respondBy: a.respond_by === null ? null : new Date(a.respond_by).toISOString(),
    }));
  // Locked instructors keep their assignments exactly (the solver gave each segment one of them).
  const lock = plan.locks.get(item.key);
  await updateSession(
    deps,
    actor,
    item.sessionId!,
    {
      segments: item.segments.map((s, position) => ({
        id: record.segments[position]?.id,
        ...segmentTimes(s),
      })),
      ...(!lock?.instructors && { instructors: [...assignments(item), ...kept] }),
      override: input.override,
      reason: `Planned by plan ${planId}`,
    },
    (trx, session) => written(trx, { status: "updated", sessionId: session.id }),
  );
}

/**
 * Writes a finished plan through the ordinary session use cases, so the conflict engine checks
 * every item against the bookings of this moment. Items refused with conflicts are reported (with
 * the 409's list) and retried in further passes while other items make progress (a draft may wait
 * for another to move out of its way). Idempotent: items already written are never written again,
 * and a plan being applied cannot be applied by a second request at the same time.
 */
export async function applyPlan(deps: Deps, actor: Actor, id: string, input: ApplyInput): Promise<Plan> {
  authorize(actor, "reference:write");
  const { db } = deps.database;
  const row = await planRepository.find(db, actor.tenantId, id);
  if (!row) throw notFound("Plan", id);
  if (row.status === "applied") return presentPlan(row);
  const now = deps.clock.now();
  // An apply that died part-way (its report is stored per item) can be resumed once it is stale.
  const claimed = await planRepository.claimForApply(db, actor.tenantId, id, now, now - STALE_AFTER_MS);
  if (!claimed) {
    throw new AppError("conflict", `Plan ${id} is ${row.status}: only a finished (done) plan can be applied`);
  }
  const result = readPlanResult(row.result_json) ?? ({ items: [] } as unknown as PlanResult);
  const previous = new Map(fromJson<ApplyItem[]>(row.apply_json, []).map((entry) => [entry.key, entry]));
  const report = new Map<string, ApplyItem>();
  const sessionsInput = fromJson<Partial<PlanInput>>(row.input_json, {}).sessions ?? [];
  const plan = {
    id,
    createdAt: Number(row.created_at),
    locks: new Map(sessionsInput.map((entry, i) => [`sessions.${i}`, entry.lock])),
  };
  for (const item of result.items) {
    const before = previous.get(item.key);
    if (
      before &&
      (before.status === "created" || before.status === "updated" || before.status === "already_applied")
    ) {
      report.set(item.key, { ...before, status: "already_applied" });
    } else if (item.status === "unplaced") {
      report.set(item.key, {
        key: item.key,
        status: "skipped",
        sessionId: item.sessionId,
        message: "Not placed by the plan",
        conflicts: [],
      });
    }
  }
  const save = (status?: string, executor: Executor = db) => {
    const now = deps.clock.now();
    return planRepository.update(executor, actor.tenantId, id, {
      apply_json: JSON.stringify(result.items.map((item) => report.get(item.key)).filter(Boolean)),
      updated_at: now,
      ...(status && { status }),
      ...(status === "applied" && { applied_at: now }),
    });
  };
  try {
    let pending = result.items.filter((item) => !report.has(item.key));
    let progressed = true;
    while (pending.length > 0 && progressed) {
      progressed = false;
      const failed: PlanItem[] = [];
      for (const item of pending) {
        try {
          // The report is stored in the session write's own transaction: a resumed apply skips
          // exactly what was written, even after a crash.
          await applyItem(deps, actor, plan, item, input, async (trx, done) => {
            report.set(item.key, { key: item.key, ...done, message: null, conflicts: [] });
            await save(undefined, trx);
          });
          progressed = true;
        } catch (error) {
          // The write rolled back, and the report entry its transaction stored with it.
          report.delete(item.key);
          if (!(error instanceof AppError)) throw error;
          report.set(item.key, {
            key: item.key,
            status: error.code === "conflict" ? "conflict" : "error",
            sessionId: item.sessionId,
            message: error.message,
            conflicts: Array.isArray(error.details.conflicts)
              ? (error.details.conflicts as ApplyItem["conflicts"])
              : [],
          });
          failed.push(item);
          // Also a heartbeat: a long run of refused items must not look like a dead apply.
          await save();
        }
      }
      pending = failed;
    }
    const complete = result.items.every((item) => {
      const status = report.get(item.key)?.status;
      return (
        status === "created" || status === "updated" || status === "already_applied" || status === "skipped"
      );
    });
    await save(complete ? "applied" : "done");
  } catch (error) {
    await save("done");
    throw error;
  }
  return presentPlan((await planRepository.find(db, actor.tenantId, id))!);
}
