import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { candidatesRepository } from "../scheduling/candidates.repository.js";
import { assemblePlanModel } from "./assemble-plan-model.js";
import { explainBlocked, explainRunBlocks } from "./explain.js";
import { loadPlanLookups } from "./load-plan-lookups.js";
import { equipmentNeeds, poolsFreeOn } from "./plan-equipment.js";
import { runWindow } from "./plan-pools.js";
import type { PlanItemOptions, PlanProblem } from "./plan-problem.js";
import { addRunBlock, probeResources, type TeachingLimit } from "./probe-resources.js";
import type { PlanItemDraft } from "./read-plan-items.js";
import { takenAlong } from "./taken-along.js";

const CANDIDATE_LIMIT = 200;

/**
 * Reads what the validated plan items need from the database and turns it into a solver model: one
 * period per candidate day, one course per run (its segments on different days), qualified
 * instructors and fitting rooms as domains, each instructor and room kept to the days its run's
 * probe left free for it.
 */
export async function buildPlanProblem(
  db: Executor,
  actor: Actor,
  items: PlanItemDraft[],
): Promise<PlanProblem> {
  const moving = new Set(items.flatMap((item) => (item.sessionId ? [item.sessionId] : [])));
  // An instructor's or a room's blocks belong to the run probed (its hours, zone and place decide
  // whether they are free), so they stay with it.
  const limits = new Map<string, TeachingLimit>();
  const options: PlanItemOptions[] = [];
  for (const item of items) {
    const needsRoom = item.format !== "vilt";
    const instructorIds =
      item.lockedInstructors ??
      (await candidatesRepository.instructorsFor(
        db,
        actor.tenantId,
        { id: item.course.id, skills: item.requiredSkills },
        CANDIDATE_LIMIT,
      ));
    const roomIds = !needsRoom
      ? []
      : (item.lockedRooms ??
        (await candidatesRepository.roomsAt(db, actor.tenantId, item.locationId, 1, CANDIDATE_LIMIT)));
    const carried = await takenAlong(db, actor.tenantId, item.sessionId);
    // A demand run needs its course's equipment (one of some pools per kind), a draft its own lines.
    const equipment = item.sessionId
      ? { needs: carried.needs, missing: [] }
      : await equipmentNeeds(db, actor.tenantId, item);
    const probe = await probeResources(db, actor.tenantId, {
      course: item.course,
      sessionId: item.sessionId,
      timeZone: item.timeZone,
      locationId: item.locationId,
      format: item.format,
      maxSeats: item.maxSeats,
      dates: item.dates,
      ...runWindow(item.times),
      instructorIds,
      roomIds,
      movingSessionIds: moving,
      learnerIds: carried.learnerIds,
      // A day a draft's pools are short is a day it cannot have (unless the line is for some of its
      // days only: the solver keeps those days off them); a demand run's, below.
      equipment: equipment.needs.flatMap((need) =>
        need.pools.map((pool) => ({
          equipmentId: pool.equipmentId,
          quantity: need.quantity,
          ...(need.segments ? { partial: true } : {}),
        })),
      ),
      equipmentCandidates: item.sessionId === null,
    });
    for (const [id, limit] of probe.limits) {
      const known = limits.get(id);
      if (known) for (const date of limit.taught) known.taught.add(date);
      else limits.set(id, limit);
    }
    // A demand run cannot have a day on which no pool of some kind it needs has enough free.
    const free = (poolId: string, date: string) => probe.equipmentFree.get(poolId)?.get(date) ?? 0;
    if (!item.sessionId)
      for (const date of item.dates)
        for (const need of equipment.needs)
          if (poolsFreeOn(need, [date], free).length === 0)
            for (const pool of need.pools) addRunBlock(probe.runBlocks, date, "equipment_short", pool.name);
    const qualified = instructorIds.filter((id) => !probe.unqualified.has(id));
    const fitting = roomIds.filter((id) => !probe.unfitRooms.has(id));
    options.push({
      item,
      instructorIds: qualified,
      roomIds: fitting,
      allowedDates: [],
      explanation: [],
      blockedReasons: [],
      instructorBlocks: probe.instructorBlocks,
      roomBlocks: probe.roomBlocks,
      teachingHours: probe.teachingHours,
      unqualified: probe.unqualified,
      unfit: probe.unfitRooms,
      runBlocks: probe.runBlocks,
      equipment: equipment.needs,
      equipmentFree: probe.equipmentFree,
    });
    options.at(-1)!.explanation.push(...equipment.missing);
  }

  const lookups = await loadPlanLookups(db, actor.tenantId, options);
  const { names } = lookups;
  for (const option of options) {
    const { item } = option;
    const needsInstructor = item.lockedInstructors === null || item.lockedInstructors.length > 0;
    const freeOn = (date: string) =>
      !option.runBlocks.has(date) &&
      (!needsInstructor || option.instructorIds.some((id) => !option.instructorBlocks.get(id)?.has(date))) &&
      (item.format === "vilt" || option.roomIds.some((id) => !option.roomBlocks.get(id)?.has(date)));
    option.allowedDates = item.dates.filter(freeOn);
    option.blockedReasons = [
      ...explainRunBlocks(item.dates, option.runBlocks),
      ...explainBlocked({
        dates: item.dates,
        instructorIds: option.instructorIds,
        roomIds: option.roomIds,
        instructorBlocks: option.instructorBlocks,
        roomBlocks: option.roomBlocks,
        names,
      }),
    ].sort((a, b) => b.count - a.count || a.constraint.localeCompare(b.constraint));
    if (item.dates.length === 0) {
      option.explanation.push({
        constraint: "window",
        message: "The window has no allowed day (weekdays, dates in the past)",
        count: 0,
      });
    }
    if (needsInstructor && option.instructorIds.length === 0) {
      const unqualified = [...option.unqualified].map((id) => names.get(id) ?? id);
      option.explanation.push({
        constraint: "instructor_unqualified",
        message:
          unqualified.length > 0
            ? `No instructor holds a qualification valid on every day of the window (${unqualified.join(", ")} lack one)`
            : `No active instructor is qualified for ${item.course.code}`,
        count: unqualified.length,
      });
    }
    if (item.format !== "vilt" && option.roomIds.length === 0) {
      const unfit = [...option.unfit].map(
        ([id, types]) => `${names.get(id) ?? id} (${[...types].join(", ")})`,
      );
      option.explanation.push({
        constraint: unfit.some((text) => text.includes("room_missing_features"))
          ? "room_missing_features"
          : "room_too_small",
        message:
          unfit.length > 0
            ? `No room at the location fits ${item.maxSeats} seats and the course's features: ${unfit.join("; ")}`
            : "The location has no active room",
        count: unfit.length,
      });
    }
    // A locked lead or room must fit its own segment: none moves to another day of the run.
    item.lockedLeadsBySegment?.forEach((leads, segment) => {
      if (
        option.instructorIds.length > 0 &&
        leads.length > 0 &&
        !leads.some((id) => option.instructorIds.includes(id))
      )
        option.explanation.push({
          constraint: "instructor_unqualified",
          message: `Day ${segment + 1}'s locked lead (${leads.map((id) => names.get(id) ?? id).join(", ")}) is not qualified on every day of the window`,
          count: leads.length,
        });
    });
    item.lockedRoomBySegment?.forEach((room, segment) => {
      if (
        item.format === "vilt" ||
        room === null ||
        option.roomIds.length === 0 ||
        option.roomIds.includes(room)
      )
        return;
      const types = [...(option.unfit.get(room) ?? [])];
      option.explanation.push({
        constraint: types.includes("room_missing_features") ? "room_missing_features" : "room_too_small",
        message: `Day ${segment + 1}'s locked room ${names.get(room) ?? room} does not fit: ${types.join(", ") || "inactive"}`,
        count: 1,
      });
    });
    if (option.explanation.length === 0 && option.allowedDates.length < item.times.length) {
      option.explanation.push(...option.blockedReasons);
      if (option.explanation.length === 0)
        option.explanation.push({
          constraint: "window",
          message: `The window has ${item.dates.length} allowed days, the course needs ${item.times.length}`,
          count: 0,
        });
    }
  }
  return assemblePlanModel(options, limits, lookups);
}
