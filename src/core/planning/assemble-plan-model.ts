import type { SolverEvent, SolverModel } from "../solver/model.js";
import { dayNumberOf, isoWeekdayOf } from "../time/zoned.js";
import { limitWindows } from "./limit-windows.js";
import type { PlanLookups } from "./load-plan-lookups.js";
import { planPools, runWindow } from "./plan-pools.js";
import type { PlanItemOptions, PlanProblem, PlanRun } from "./plan-problem.js";
import {
  dayPayCap,
  hoursBetween,
  instructorDayCost,
  LATER_DAY_COST,
  planningWeights,
  teachingPay,
  UNPREFERRED_WEEKDAY_COST,
} from "./planning-costs.js";
import type { TeachingLimit } from "./probe-resources.js";
import { timeBands } from "./time-bands.js";

/**
 * Turns the candidates of every plan item into the solver model: one period per candidate day, one
 * course per run (its segments on different days, costed by instructor, lateness and weekday),
 * each instructor and room allowed only on the days its item's probe left free for it.
 */
export function assemblePlanModel(
  options: PlanItemOptions[],
  limits: Map<string, TeachingLimit>,
  lookups: PlanLookups,
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
  // What each instructor is paid for a segment of these hours: capped per day in the solver.
  const withPay = (instructorOptions: NonNullable<SolverEvent["instructors"]>, hours: number) =>
    instructorOptions.map((o) => {
      const pay = teachingPay(lookups.rates.get(instructorIds[o.instructor]!), hours);
      return pay > 0 ? { ...o, pay } : o;
    });
  // Runs whose hours do not meet may share a room or an instructor on one day: the bands of each.
  const bands = timeBands(options, lookups);

  options.forEach((option, optionIndex) => {
    const { item } = option;
    // What every run of the item shares (an item with an explanation has no runs to place).
    const template =
      option.explanation.length > 0
        ? null
        : runTemplate(option, periodDates, instructorIndex, roomIndex, lookups);
    const roomMask = bands.roomMasks[optionIndex];
    const instructorMask = bands.instructorMasks[optionIndex];
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
      if (!template) continue;
      const course = courses.length;
      courses.push({ id: key, minDays: item.times.length, ...(template.ordered ? { ordered: true } : {}) });
      // A multi-day run is a compact group: a day of it with no other day of it next to it costs.
      if (item.times.length > 1) groups.push({ id: `run:${key}`, courses: [course], compact: true });
      const { instructorOptions, periodCosts, roomOptions, roomPeriods } = template;
      item.times.forEach((time, segment) => {
        const allowed = item.lockedDates ? [item.lockedDates[segment]!] : option.allowedDates;
        // Locked instructors or rooms stay with their own segments (build-plan-model checked they fit).
        const leads = item.lockedLeadsBySegment?.[segment];
        const room = item.lockedRoomBySegment?.[segment];
        planRun.events.push(events.length);
        events.push({
          id: `${key}#${segment}`,
          course,
          size: item.maxSeats,
          periods: allowed.filter((date) => periodOf.has(date)).map((date) => periodOf.get(date)!),
          rooms:
            room === undefined || item.format === "vilt"
              ? roomOptions
              : room === null
                ? []
                : [roomIndex.get(room)!],
          ...(roomPeriods.length > 0 && room !== null
            ? {
                roomPeriods:
                  room === undefined
                    ? roomPeriods
                    : roomPeriods.filter((x) => x.room === roomIndex.get(room)),
              }
            : {}),
          ...(roomMask !== undefined && room !== null ? { roomBands: roomMask } : {}),
          ...(instructorMask !== undefined ? { instructorBands: instructorMask } : {}),
          instructors: withPay(
            leads
              ? instructorOptions.filter((o) => leads.includes(instructorIds[o.instructor]!))
              : instructorOptions,
            hoursBetween(time.start, time.end),
          ),
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
  });
  const { pools: solverPools, bands: poolBands } = pools.build();
  const teachingLimits = limitWindows(options, limits, periodOf, instructorIndex);
  return {
    model: {
      instructorLimits: teachingLimits.map(({ window }) => window),
      periodDay: periodDates.map((_, p) => p),
      // Each period is its own day (spread), adjacent to the previous one when consecutive in the calendar.
      periodAdjacent: periodDates.map((date, p) => p > 0 && dayDistance(periodDates[p - 1]!, date) === 1),
      rooms: roomIds.map((id) => ({ id, capacity: lookups.capacities.get(id) ?? 0 })),
      instructors: instructorIds.map((id) => instructorPay(id, options, periodDates, lookups)),
      courses,
      groups,
      events,
      ...(bands.count > 1 ? { timeBands: bands.count } : {}),
      pools: solverPools,
      weights: planningWeights,
    },
    runs,
    periodDates,
    instructors: instructorIds.map((id) => ({ id, name: names.get(id) ?? id })),
    rooms: roomIds.map((id) => ({ id, name: names.get(id) ?? id })),
    limits: teachingLimits.map(({ limit }) => limit),
    poolBands,
  };
}

/**
 * An instructor's day rate as the solver's cap on a day's pay, and what each plan date pays them
 * already for what they teach that day (a morning session booked: its hours, or the day rate).
 */
function instructorPay(
  id: string,
  options: PlanItemOptions[],
  periodDates: string[],
  lookups: PlanLookups,
): SolverModel["instructors"][number] {
  const rates = lookups.rates.get(id);
  const payCap = dayPayCap(rates);
  if (payCap === undefined) return { id };
  const hours = new Map<string, number>();
  for (const option of options)
    for (const [date, taught] of option.teachingHours.get(id) ?? []) hours.set(date, taught);
  const paid = periodDates.map((date) => Math.min(payCap, teachingPay(rates, hours.get(date) ?? 0)));
  return { id, payCap, ...(paid.some((amount) => amount > 0) ? { paid } : {}) };
}

const dayDistance = (from: string, to: string) => dayNumberOf(to) - dayNumberOf(from);

/**
 * The parts of a run's events that every run of an item shares: whether its segments are ordered,
 * its instructor options and rooms (each kept to the days its probe left free), and day costs.
 */
function runTemplate(
  option: PlanItemOptions,
  periodDates: string[],
  instructorIndex: Map<string, number>,
  roomIndex: Map<string, number>,
  lookups: PlanLookups,
) {
  const { item } = option;
  // A line for some of a draft's days, or a lead or room locked to a day, ties those segments
  // to their place in the run: ordered.
  const ordered =
    option.equipment.some((need) => need.segments) ||
    item.lockedLeadsBySegment !== null ||
    item.lockedRoomBySegment !== null;
  const windowStart = item.dates[0]!;
  const freePeriods = (blocked: Map<string, Set<string>> | undefined) =>
    blocked ? periodDates.flatMap((date, p) => (blocked.has(date) ? [] : [p])) : null;
  const instructorOptions: NonNullable<SolverEvent["instructors"]> =
    item.lockedInstructors?.length === 0
      ? []
      : option.instructorIds.map((id) => {
          // Booked, away, outside their hours or too far on a day of this item: not that day.
          const free = freePeriods(option.instructorBlocks.get(id));
          // The journey and the load are a day's: charged once however many runs share the day.
          const dayCost = instructorDayCost(
            option.teachingHours.get(id)?.size ?? 0,
            lookups.travelMinutes(id, item.format === "vilt" ? null : item.locationId),
          );
          return {
            instructor: instructorIndex.get(id)!,
            cost: 0,
            ...(dayCost > 0 ? { dayCost } : {}),
            ...(free && free.length < periodDates.length ? { periods: free } : {}),
          };
        });
  const periodCosts = periodDates.map((date) => {
    const later = LATER_DAY_COST * Math.max(0, dayDistance(windowStart, date));
    const weekday = isoWeekdayOf(date);
    const unpreferred =
      item.preferredWeekdays.length > 0 && !item.preferredWeekdays.includes(weekday)
        ? UNPREFERRED_WEEKDAY_COST
        : 0;
    return later + unpreferred;
  });
  const roomOptions = item.format === "vilt" ? [] : option.roomIds.map((id) => roomIndex.get(id)!);
  // Booked during this item's hours on some days: not those days (another item's hours may fit).
  const roomPeriods: NonNullable<SolverEvent["roomPeriods"]> = [];
  if (item.format !== "vilt")
    for (const id of option.roomIds) {
      const free = freePeriods(option.roomBlocks.get(id));
      if (free && free.length < periodDates.length)
        roomPeriods.push({ room: roomIndex.get(id)!, periods: free });
    }
  return { ordered, instructorOptions, periodCosts, roomOptions, roomPeriods };
}
