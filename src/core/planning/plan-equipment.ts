import type { Executor } from "../db/database.js";
import type { CoursesTable, EquipmentTable } from "../db/schema.js";
import { equipmentRepository } from "../resources/equipment.repository.js";
import { fromJson } from "../shared/json.js";
import type { Explanation } from "./explain.js";

export interface PlannedEquipment {
  equipmentId: string;
  name: string;
  quantity: number;
  /** Units in the pool. */
  stock: number;
}

interface Requirement {
  kind: string;
  quantity: number;
  perLearner: boolean;
}

/**
 * The equipment a demand run takes from its course's requirements: for each kind, the pool that
 * holds enough units (per learner: times the run's seats), one kept at the run's location before a
 * mobile one, the smallest that is enough (larger pools stay free for larger needs). A run held
 * online takes none. A requirement no pool can meet is an
 * explanation: the run cannot be held as the course needs.
 */
export async function chooseEquipment(
  db: Executor,
  tenantId: string,
  run: { course: CoursesTable; format: string; locationId: string | null; maxSeats: number },
): Promise<{ lines: PlannedEquipment[]; missing: Explanation[] }> {
  const requirements = fromJson<Requirement[]>(run.course.required_equipment_json, []);
  if (run.format === "vilt" || requirements.length === 0) return { lines: [], missing: [] };
  const pools = await equipmentRepository.poolsFor(
    db,
    tenantId,
    [...new Set(requirements.map((r) => r.kind))],
    run.locationId,
  );
  const lines: PlannedEquipment[] = [];
  const missing: Explanation[] = [];
  for (const requirement of requirements) {
    const units = requirement.quantity * (requirement.perLearner ? run.maxSeats : 1);
    const ofKind = pools.filter((pool) => pool.kind === requirement.kind).sort(preferred(run.locationId));
    const pool = ofKind.find((candidate) => candidate.quantity >= units);
    if (pool) {
      lines.push({ equipmentId: pool.id, name: pool.name, quantity: units, stock: pool.quantity });
      continue;
    }
    const largest = [...ofKind].sort((a, b) => b.quantity - a.quantity)[0];
    missing.push({
      constraint: "equipment_short",
      message: largest
        ? `The course needs ${units} of kind "${requirement.kind}"; the largest pool at the location or mobile, ${largest.name}, holds ${largest.quantity}`
        : `The course needs ${units} of kind "${requirement.kind}"; no pool of that kind is kept at the location or mobile`,
      count: 0,
    });
  }
  return { lines, missing };
}

/** Pools at the location first, then mobile ones; smaller first; by name for a stable choice. */
const preferred = (locationId: string | null) => (a: EquipmentTable, b: EquipmentTable) =>
  Number(b.location_id === locationId && locationId !== null) -
    Number(a.location_id === locationId && locationId !== null) ||
  a.quantity - b.quantity ||
  a.name.localeCompare(b.name);
