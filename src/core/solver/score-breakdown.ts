import type { CompiledModel } from "./compile-model.js";

/** Every constraint of the model, counted (raw units) and weighted into `hard` and `soft`. */
export interface ScoreBreakdown {
  hard: number;
  soft: number;
  unplaced: number;
  roomClashes: number;
  courseClashes: number;
  groupClashes: number;
  instructorClashes: number;
  /** Events taught by an instructor option in a period it does not allow. */
  instructorBlocked: number;
  /** Events in a room in a period its `roomPeriods` do not allow. */
  roomBlocked: number;
  /** Periods beyond an instructor limit's cap, summed over the limits. */
  instructorLimit: number;
  /** Units given out beyond what a pool has free, summed over pools and periods. */
  poolOver: number;
  /** Neighbouring events of ordered courses out of order (the later one not in a later period). */
  outOfOrder: number;
  /** Seats missing, summed over placed events. */
  roomCapacity: number;
  /** Seats left empty in rooms larger than their event, summed over placed events. */
  roomWaste: number;
  /** Days missing below each course's minimum. */
  minDays: number;
  /** Events alone in their day's run of periods within a compact group (counted per group). */
  compactness: number;
  /** Rooms beyond the first, per course. */
  roomStability: number;
  /** Instructors beyond the first, per course. */
  instructorStability: number;
  /** Options' costs, pay (capped per instructor and period) and day costs (once per instructor and period). */
  instructorCost: number;
  /**
   * Per instructor with events placed by the search (not fixed) in some periods, n(n − 1)/2 where n
   * is those periods plus the instructor's clashes, summed; 0 when the model has neither a workload
   * weight nor teaching-day limits.
   */
  instructorLoad: number;
  periodCost: number;
  /** Steps down courses' pool preferences (the index of each choice's option in its list), summed. */
  poolRank: number;
}

export function weightedSoft(model: CompiledModel, s: Omit<ScoreBreakdown, "hard" | "soft">): number {
  const w = model.weights;
  return (
    w.roomCapacity * s.roomCapacity +
    (w.roomWaste ?? 0) * s.roomWaste +
    w.minDays * s.minDays +
    w.compactness * s.compactness +
    w.roomStability * s.roomStability +
    (w.instructorStability ?? 0) * s.instructorStability +
    w.instructorCost * s.instructorCost +
    (w.instructorLoad ?? 0) * s.instructorLoad +
    w.periodCost * s.periodCost +
    (w.poolRank ?? 0) * s.poolRank
  );
}

/** Every count of a breakdown at zero (nothing scored yet). */
export const zeroScore = (): ScoreBreakdown => ({
  hard: 0,
  soft: 0,
  unplaced: 0,
  roomClashes: 0,
  courseClashes: 0,
  groupClashes: 0,
  instructorClashes: 0,
  instructorBlocked: 0,
  roomBlocked: 0,
  instructorLimit: 0,
  poolOver: 0,
  outOfOrder: 0,
  roomCapacity: 0,
  roomWaste: 0,
  minDays: 0,
  compactness: 0,
  roomStability: 0,
  instructorStability: 0,
  instructorCost: 0,
  instructorLoad: 0,
  periodCost: 0,
  poolRank: 0,
});
