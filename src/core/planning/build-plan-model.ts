import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import { candidatesRepository } from "../scheduling/candidates.repository.js";
import type { DeliveryFormat } from "../scheduling/engine/types.js";
import type { SolverEvent, SolverModel } from "../solver/model.js";
import { dayNumberOf, isoWeekdayOf } from "../time/zoned.js";
import { type Explanation, explainBlocked, explainRunBlocks } from "./explain.js";
import { limitWindows } from "./limit-windows.js";
import { type EquipmentNeed, equipmentNeeds, poolsFreeOn } from "./plan-equipment.js";
import { type PoolBands, planPools, runWindow } from "./plan-pools.js";
import {
  instructorDayCost,
  LATER_DAY_COST,
  planningWeights,
  UNPREFERRED_WEEKDAY_COST,
} from "./planning-costs.js";
import type { PlanInput } from "./plans.schemas.js";
import {
  addBlock,
  addRunBlock,
  type DayBlocks,
  probeResources,
  type RunBlocks,
  type TeachingLimit,
} from "./probe-resources.js";
import { type PlanItemDraft, readPlanItems } from "./read-plan-items.js";
import { takenAlong } from "./taken-along.js";
import { loadTravelMinutes } from "./travel-minutes.js";

const CANDIDATE_LIMIT = 200;

/** One session to place: a run of a demand, or a draft session. */
export interface PlanRun {
  key: string;
  kind: "demand" | "session";
  courseId: string;
  courseTitle: string;
  sessionId: string | null;
  timeZone: string;
  locationId: string | null;
  format: DeliveryFormat;
  maxSeats: number;
  /** Wall-clock times of each segment ("HH:mm"), in order; segment i goes on the i-th day. */
  times: { start: string; end: string }[];
  /** The run's events in the model (one per segment); empty when it cannot be placed. */
  events: number[];
  /** Equipment the run needs: a demand run's per kind of its course, a draft's own lines. */
  equipment: EquipmentNeed[];
  /** Per pool: units other sessions leave free on each candidate date. */
  equipmentFree: Map<string, Map<string, number>>;
  /** Why it cannot be placed (before solving), or what limited it (used if solving fails it). */
  explanation: Explanation[];
  blockedReasons: Explanation[];
}

/** A teaching-day limit in the model (same index as `model.instructorLimits`), for explanations. */
export interface PlanLimit {
  constraint: "instructor_week_limit" | "instructor_month_limit";
  /** ISO week ("2027-W23") or month ("2027-06"). */
  label: string;
  limit: number;
}

export interface PlanProblem {
  model: SolverModel;
  runs: PlanRun[];
  periodDates: string[];
  instructors: { id: string; name: string }[];
  rooms: { id: string; name: string }[];
  limits: PlanLimit[];
  /** The solver pools of each equipment pool's bands of hours (`model.pools`), for the read-back. */
  poolBands: PoolBands;
}

interface ItemOptions {
  item: PlanItemDraft;
  instructorIds: string[];
  roomIds: string[];
  allowedDates: string[];
  explanation: Explanation[];
  blockedReasons: Explanation[];
  teachingDays: Map<string, number>;
  unqualified: Set<string>;
  unfit: Map<string, Set<string>>;
  runBlocks: RunBlocks;
  /** What the run needs from the equipment pools. */
  equipment: EquipmentNeed[];
  equipmentFree: Map<string, Map<string, number>>;
}

/**
 * Reads what the plan needs from the database and turns it into a solver model: one period per
 * candidate day, one course per run (its segments on different days), qualified free instructors
 * and fitting free rooms as domains, and every existing booking, unavailability and time off as a
 * fixed event that holds its instructor or room on that day.
 */
export async function buildPlanProblem(
  db: Executor,
  actor: Actor,
  input: PlanInput,
  now: number,
): Promise<PlanProblem> {
  const items = await readPlanItems(db, actor, input, now);
  const moving = new Set(items.flatMap((item) => (item.sessionId ? [item.sessionId] : [])));
  const instructorBlocks: DayBlocks = new Map();
  const roomBlocks: DayBlocks = new Map();
  const limits = new Map<string, TeachingLimit>();
  const options: ItemOptions[] = [];
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
    for (const [id, days] of probe.instructorBlocks)
      for (const [date, types] of days) for (const type of types) addBlock(instructorBlocks, id, date, type);
    for (const [id, days] of probe.roomBlocks)
      for (const [date, types] of days) for (const type of types) addBlock(roomBlocks, id, date, type);
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
      teachingDays: probe.teachingDays,
      unqualified: probe.unqualified,
      unfit: probe.unfitRooms,
      runBlocks: probe.runBlocks,
      equipment: equipment.needs,
      equipmentFree: probe.equipmentFree,
    });
    options.at(-1)!.explanation.push(...equipment.missing);
  }

  const lookups = await loadNames(db, actor.tenantId, options);
  const { names } = lookups;
  for (const option of options) {
    const { item } = option;
    const needsInstructor = item.lockedInstructors === null || item.lockedInstructors.length > 0;
    const freeOn = (date: string) =>
      !option.runBlocks.has(date) &&
      (!needsInstructor || option.instructorIds.some((id) => !instructorBlocks.get(id)?.has(date))) &&
      (item.format === "vilt" || option.roomIds.some((id) => !roomBlocks.get(id)?.has(date)));
    option.allowedDates = item.dates.filter(freeOn);
    option.blockedReasons = [
      ...explainRunBlocks(item.dates, option.runBlocks),
      ...explainBlocked({
        dates: item.dates,
        instructorIds: option.instructorIds,
        roomIds: option.roomIds,
        instructorBlocks,
        roomBlocks,
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
  return assembleModel(options, instructorBlocks, roomBlocks, limits, lookups);
}

async function loadNames(db: Executor, tenantId: string, options: ItemOptions[]) {
  const instructorIds = [...new Set(options.flatMap((o) => [...o.instructorIds, ...o.unqualified]))];
  const roomIds = [...new Set(options.flatMap((o) => [...o.roomIds, ...o.unfit.keys()]))];
  const [instructors, rooms] = await Promise.all([
    candidatesRepository.costs(db, tenantId, instructorIds),
    entityStore.findMany(db, "rooms", tenantId, roomIds),
  ]);
  const travelMinutes = await loadTravelMinutes(db, tenantId, instructors);
  const names = new Map<string, string>();
  for (const row of instructors) names.set(row.id, row.name);
  for (const row of rooms) names.set(row.id, row.name);
  return {
    names,
    rates: new Map(instructors.map((row) => [row.id, row.day_rate_minor])),
    travelMinutes,
    capacities: new Map(rooms.map((row) => [row.id, row.capacity])),
  };
}

function assembleModel(
  options: ItemOptions[],
  instructorBlocks: DayBlocks,
  roomBlocks: DayBlocks,
  limits: Map<string, TeachingLimit>,
  lookups: Awaited<ReturnType<typeof loadNames>>,
): PlanProblem {
  const { names } = lookups;
  const periodDates = [...new Set(options.flatMap((o) => o.allowedDates))].sort();
  const periodOf = new Map(periodDates.map((date, p) => [date, p]));
  const instructorIds = [...new Set(options.flatMap((o) => o.instructorIds))].sort();
  const roomIds = [...new Set(options.flatMap((o) => o.roomIds))].sort();
  const instructorIndex = new Map(instructorIds.map((id, i) => [id, i]));
  const roomIndex = new Map(roomIds.map((id, r) => [id, r]));
  const courses: SolverModel["courses"] = [];
  const groups: SolverModel["groups"] = [];
  const events: SolverEvent[] = [];
  const runs: PlanRun[] = [];
  const pools = planPools(periodDates);

  for (const option of options) {
    const { item } = option;
    for (let run = 0; run < item.runs; run++) {
      const key = item.kind === "demand" ? `${item.key}.${run}` : item.key;
      const planRun: PlanRun = {
        key,
        kind: item.kind,
        courseId: item.course.id,
        courseTitle: item.course.title,
        sessionId: item.sessionId,
        timeZone: item.timeZone,
        locationId: item.locationId,
        format: item.format,
        maxSeats: item.maxSeats,
        times: item.times,
        equipment: option.equipment,
        equipmentFree: option.equipmentFree,
        events: [],
        explanation: option.explanation,
        blockedReasons: option.blockedReasons,
      };
      runs.push(planRun);
      if (option.explanation.length > 0) continue;
      const course = courses.length;
      // A line for some of a draft's days ties those segments to their place in the run: ordered.
      const ordered = option.equipment.some((need) => need.segments);
      courses.push({ id: key, minDays: item.times.length, ...(ordered ? { ordered } : {}) });
      // A multi-day run is a compact group: a day of it with no other day of it next to it costs.
      if (item.times.length > 1) groups.push({ id: `run:${key}`, courses: [course], compact: true });
      const windowStart = item.dates[0]!;
      const instructorOptions =
        item.lockedInstructors?.length === 0
          ? []
          : option.instructorIds.map((id) => ({
              instructor: instructorIndex.get(id)!,
              cost: instructorDayCost(
                lookups.rates.get(id) ?? null,
                option.teachingDays.get(id) ?? 0,
                lookups.travelMinutes(id, item.format === "vilt" ? null : item.locationId),
              ),
            }));
      const periodCosts = periodDates.map((date) => {
        const later = LATER_DAY_COST * Math.max(0, dayDistance(windowStart, date));
        const weekday = isoWeekdayOf(date);
        const unpreferred =
          item.preferredWeekdays.length > 0 && !item.preferredWeekdays.includes(weekday)
            ? UNPREFERRED_WEEKDAY_COST
            : 0;
        return later + unpreferred;
      });
      item.times.forEach((_, segment) => {
        const allowed = item.lockedDates ? [item.lockedDates[segment]!] : option.allowedDates;
        planRun.events.push(events.length);
        events.push({
          id: `${key}#${segment}`,
          course,
          size: item.maxSeats,
          periods: allowed.filter((date) => periodOf.has(date)).map((date) => periodOf.get(date)!),
          rooms: item.format === "vilt" ? [] : option.roomIds.map((id) => roomIndex.get(id)!),
          instructors: instructorOptions,
          periodCosts,
        });
      });
      pools.add(
        courses[course]!,
        planRun.events.map((e) => events[e]!),
        option.equipment,
        option.equipmentFree,
        runWindow(item.times),
        item.timeZone,
      );
    }
  }
  // Existing bookings, unavailability and time off: fixed events holding the resource that day.
  const holdBlockedDays = (
    ids: string[],
    blocks: DayBlocks,
    holder: (index: number, period: number) => Pick<SolverEvent, "rooms" | "instructors" | "fixed">,
  ) =>
    ids.forEach((id, index) => {
      const blocked = [...(blocks.get(id)?.keys() ?? [])].filter((date) => periodOf.has(date));
      if (blocked.length === 0) return;
      const course = courses.length;
      courses.push({ id: `busy:${id}`, minDays: 0 });
      for (const date of blocked) {
        const period = periodOf.get(date)!;
        events.push({
          id: `busy:${id}:${date}`,
          course,
          size: 0,
          periods: [period],
          ...holder(index, period),
        });
      }
    });
  holdBlockedDays(instructorIds, instructorBlocks, (i, period) => ({
    rooms: [],
    instructors: [{ instructor: i, cost: 0 }],
    fixed: { period, room: -1, instructor: i },
  }));
  holdBlockedDays(roomIds, roomBlocks, (r, period) => ({ rooms: [r], fixed: { period, room: r } }));
  const { pools: solverPools, bands } = pools.build();
  const teachingLimits = limitWindows(options, limits, periodOf, instructorIndex);
  return {
    model: {
      instructorLimits: teachingLimits.map(({ window }) => window),
      periodDay: periodDates.map((_, p) => p),
      // Each period is its own day (spread), adjacent to the previous one when consecutive in the calendar.
      periodAdjacent: periodDates.map((date, p) => p > 0 && dayDistance(periodDates[p - 1]!, date) === 1),
      rooms: roomIds.map((id) => ({ id, capacity: lookups.capacities.get(id) ?? 0 })),
      instructors: instructorIds.map((id) => ({ id })),
      courses,
      groups,
      events,
      pools: solverPools,
      weights: planningWeights,
    },
    runs,
    periodDates,
    instructors: instructorIds.map((id) => ({ id, name: names.get(id) ?? id })),
    rooms: roomIds.map((id) => ({ id, name: names.get(id) ?? id })),
    limits: teachingLimits.map(({ limit }) => limit),
    poolBands: bands,
  };
}

const dayDistance = (from: string, to: string) => dayNumberOf(to) - dayNumberOf(from);
