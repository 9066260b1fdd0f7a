import type { DeliveryFormat } from "../scheduling/engine/types.js";
import type { SolverModel } from "../solver/model.js";
import type { Explanation } from "./explain.js";
import type { EquipmentNeed } from "./plan-equipment.js";
import type { PoolBands } from "./plan-pools.js";
import type { DayBlocks, RunBlocks } from "./probe-resources.js";
import type { PlanItemDraft } from "./read-plan-items.js";

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

export interface PlanItemOptions {
  item: PlanItemDraft;
  instructorIds: string[];
  roomIds: string[];
  allowedDates: string[];
  explanation: Explanation[];
  blockedReasons: Explanation[];
  /** Hours each instructor already teaches per date of the window (workload, and what those days pay). */
  teachingHours: Map<string, Map<string, number>>;
  /** The days each candidate instructor cannot teach this item (its hours, zone and place). */
  instructorBlocks: DayBlocks;
  /** The days each fitting room cannot hold this item (booked during its hours). */
  roomBlocks: DayBlocks;
  unqualified: Set<string>;
  unfit: Map<string, Set<string>>;
  runBlocks: RunBlocks;
  /** What the run needs from the equipment pools. */
  equipment: EquipmentNeed[];
  equipmentFree: Map<string, Map<string, number>>;
}
