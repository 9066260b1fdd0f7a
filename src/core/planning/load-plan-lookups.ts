import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import { candidatesRepository } from "../scheduling/candidates.repository.js";
import type { PlanItemOptions } from "./plan-problem.js";
import type { RoomBuffers } from "./room-bands.js";
import { loadTravelMinutes } from "./travel-minutes.js";

/** Names, day rates, travel times, room capacities and buffers of every candidate of the plan. */
export async function loadPlanLookups(db: Executor, tenantId: string, options: PlanItemOptions[]) {
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
    buffers: new Map<string, RoomBuffers>(
      rooms.map((row) => [row.id, { setup: row.setup_minutes, teardown: row.teardown_minutes }]),
    ),
  };
}

export type PlanLookups = Awaited<ReturnType<typeof loadPlanLookups>>;
