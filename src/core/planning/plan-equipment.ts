import type { Executor } from "../db/database.js";
import type { CoursesTable, EquipmentTable } from "../db/schema.js";
import { equipmentRepository } from "../resources/equipment.repository.js";
import { fromJson } from "../shared/json.js";
import type { Explanation } from "./explain.js";

export interface PlannedEquipment {
  equipmentId: string;
  name: string;
  quantity: number;
  /** Positions of the segments it is for (a draft's line for some days only); absent: all. */
  segments?: number[];
}

/** Units a run needs of one kind, and the pools that could give them, preferred first. */
export interface EquipmentNeed {
  quantity: number;
  pools: { equipmentId: string; name: string; stock: number }[];
  /** Positions of the run's segments it is for (a draft's line for some days only); absent: all. */
  segments?: number[];
}

interface Requirement {
  kind: string;
  quantity: number;
  perLearner: boolean;
}

/**
 * The equipment a demand run needs from its course's requirements: for each kind, the units (per
 * learner: times the run's seats) and the pools that hold that many, preferred first: kept at the
 * run's location before mobile, then the smallest that is enough (larger pools stay free for larger
 * needs). Which of them a run takes (one for all its days) is the solver's choice. A run held
 * online needs none. A requirement no pool can meet is an explanation: the run cannot be held as
 * the course needs.
 */
export async function equipmentNeeds(
  db: Executor,
  tenantId: string,
  run: { course: CoursesTable; format: string; locationId: string | null; maxSeats: number },
): Promise<{ needs: EquipmentNeed[]; missing: Explanation[] }> {
  const requirements = fromJson<Requirement[]>(run.course.required_equipment_json, []);
  if (run.format === "vilt" || requirements.length === 0) return { needs: [], missing: [] };
  const pools = await equipmentRepository.poolsFor(
    db,
    tenantId,
    [...new Set(requirements.map((r) => r.kind))],
    run.locationId,
  );
  const needs: EquipmentNeed[] = [];
  const missing: Explanation[] = [];
  for (const requirement of requirements) {
    const quantity = requirement.quantity * (requirement.perLearner ? run.maxSeats : 1);
    const ofKind = pools.filter((pool) => pool.kind === requirement.kind).sort(preferred(run.locationId));
    const enough = ofKind.filter((pool) => pool.quantity >= quantity);
    if (enough.length > 0) {
      needs.push({
        quantity,
        pools: enough.map((pool) => ({ equipmentId: pool.id, name: pool.name, stock: pool.quantity })),
      });
      continue;
    }
    const largest = [...ofKind].sort((a, b) => b.quantity - a.quantity)[0];
    missing.push({
      constraint: "equipment_short",
      message: largest
        ? `The course needs ${quantity} of kind "${requirement.kind}"; the largest pool at the location or mobile, ${largest.name}, holds ${largest.quantity}`
        : `The course needs ${quantity} of kind "${requirement.kind}"; no pool of that kind is kept at the location or mobile`,
      count: 0,
    });
  }
  return { needs, missing };
}

/** Per need, the pools with `quantity` free on every one of `dates` (free: pool → date → units). */
export function poolsFreeOn(
  need: EquipmentNeed,
  dates: string[],
  free: (poolId: string, date: string) => number,
): EquipmentNeed["pools"] {
  return need.pools.filter((pool) => dates.every((date) => free(pool.equipmentId, date) >= need.quantity));
}

/** Pools at the location first, then mobile ones; smaller first; by name for a stable choice. */
const preferred = (locationId: string | null) => (a: EquipmentTable, b: EquipmentTable) =>
  Number(b.location_id === locationId && locationId !== null) -
    Number(a.location_id === locationId && locationId !== null) ||
  a.quantity - b.quantity ||
  a.name.localeCompare(b.name);
