import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import { locationRepository } from "../resources/locations.repository.js";
import { candidatesRepository } from "../scheduling/candidates.repository.js";
import type { PlanItemOptions } from "./plan-problem.js";
import type { InstructorRates } from "./planning-costs.js";
import { planSites, type RoomBuffers } from "./time-bands.js";
import { loadTravelMinutes } from "./travel-minutes.js";

/**
 * Names, day and hour rates, travel times (from instructors' homes, and between the plan's sites), room
 * capacities and buffers of every candidate of the plan.
 */
export async function loadPlanLookups(db: Executor, tenantId: string, options: PlanItemOptions[]) {
  const instructorIds = [...new Set(options.flatMap((o) => [...o.instructorIds, ...o.unqualified]))];
  const roomIds = [...new Set(options.flatMap((o) => [...o.roomIds, ...o.unfit.keys()]))];
  const [instructors, rooms] = await Promise.all([
    candidatesRepository.costs(db, tenantId, instructorIds),
    entityStore.findMany(db, "rooms", tenantId, roomIds),
  ]);
  const [travelMinutes, siteTravel] = await Promise.all([
    loadTravelMinutes(db, tenantId, instructors),
    locationRepository.travelTimesFrom(db, tenantId, planSites(options)),
  ]);
  const journeys = new Map(
    siteTravel.map((row) => [`${row.from_location_id} ${row.to_location_id}`, row.minutes]),
  );
  const names = new Map<string, string>();
  for (const row of instructors) names.set(row.id, row.name);
  for (const row of rooms) names.set(row.id, row.name);
  return {
    names,
    rates: new Map<string, InstructorRates>(
      instructors.map((row) => [
        row.id,
        { dayRateMinor: row.day_rate_minor, hourRateMinor: row.hour_rate_minor },
      ]),
    ),
    travelMinutes,
    capacities: new Map(rooms.map((row) => [row.id, row.capacity])),
    buffers: new Map<string, RoomBuffers>(
      rooms.map((row) => [row.id, { setup: row.setup_minutes, teardown: row.teardown_minutes }]),
    ),
    travelBetween: (from: string, to: string) => journeys.get(`${from} ${to}`) ?? 0,
  };
}

export type PlanLookups = Awaited<ReturnType<typeof loadPlanLookups>>;
