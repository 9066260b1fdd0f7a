import type { PlanRun } from "./build-plan-model.js";
import type { Explanation } from "./explain.js";
import type { PlannedEquipment } from "./plan-equipment.js";
import { type DayWindow, runWindow } from "./plan-pools.js";

/** Units of a pool a run takes during its hours on some of the plan's periods. */
export interface PoolTake {
  equipmentId: string;
  quantity: number;
  periods: number[];
  window: DayWindow;
}

/**
 * The plan's own use of equipment pools as runs are accepted, by day and hour. `check` gives, per
 * need of a run, the pool the solver chose for it, or else the first of its pools, with enough free
 * on the days it is for (what other sessions leave at their busiest in the run's hours, less the
 * most that runs recorded before take at once during those hours), or says which pool would be
 * short; `record` counts what the chosen lines take.
 */
export function poolCounter(periodDates: string[]) {
  const recorded = new Map<string, { window: DayWindow; quantity: number }[]>();
  /** The most that `takes` hold at once during `window`. */
  const peak = (takes: { window: DayWindow; quantity: number }[], window: DayWindow) => {
    const during = takes.filter((take) => take.window.start < window.end && window.start < take.window.end);
    const moments = [
      window.start,
      ...during.map((take) => take.window.start).filter((t) => t > window.start),
    ];
    return Math.max(
      0,
      ...moments.map((t) =>
        during.reduce(
          (sum, take) => sum + (take.window.start <= t && t < take.window.end ? take.quantity : 0),
          0,
        ),
      ),
    );
  };
  const taken = (poolId: string, p: number, window: DayWindow) =>
    peak(recorded.get(`${poolId}|${p}`) ?? [], window);
  return {
    /**
     * `periods`: the run's periods in date order, so position i is its segment i; `chosen`: the
     * solver's option (an index into the need's pools) for each need several pools could meet, in
     * need order.
     */
    check(
      run: PlanRun,
      periods: number[],
      chosen: number[],
    ): { lines: PlannedEquipment[]; takes: PoolTake[]; short: Explanation | null } {
      const lines: PlannedEquipment[] = [];
      const takes: PoolTake[] = [];
      const window = runWindow(run.times);
      // What other sessions leave, less what earlier runs and this run's earlier lines take at once.
      const free = (poolId: string, p: number, stock: number) =>
        (run.equipmentFree.get(poolId)?.get(periodDates[p]!) ?? stock) -
        peak(
          [
            ...(recorded.get(`${poolId}|${p}`) ?? []),
            ...takes.filter((take) => take.equipmentId === poolId && take.periods.includes(p)),
          ],
          window,
        );
      let choice = 0;
      for (const need of run.equipment) {
        const days = need.segments ? need.segments.flatMap((position) => periods[position] ?? []) : periods;
        const solverPool =
          need.pools.length > 1 && !need.segments
            ? need.pools[chosen[choice++] ?? 0]?.equipmentId
            : undefined;
        const candidates = [
          ...need.pools.filter((pool) => pool.equipmentId === solverPool),
          ...need.pools.filter((pool) => pool.equipmentId !== solverPool),
        ];
        const pool = candidates.find((candidate) =>
          days.every((p) => free(candidate.equipmentId, p, candidate.stock) >= need.quantity),
        );
        if (pool) {
          lines.push({
            equipmentId: pool.equipmentId,
            name: pool.name,
            quantity: need.quantity,
            ...(need.segments ? { segments: need.segments } : {}),
          });
          takes.push({ equipmentId: pool.equipmentId, quantity: need.quantity, periods: days, window });
          continue;
        }
        // Named after the preferred pool, on its first day short.
        const first = need.pools[0]!;
        const p = days.find((q) => free(first.equipmentId, q, first.stock) < need.quantity)!;
        const date = periodDates[p]!;
        const elsewhere = first.stock - (run.equipmentFree.get(first.equipmentId)?.get(date) ?? first.stock);
        const rest = need.pools.slice(1).map((pool) => pool.name);
        const others = rest.length > 0 ? ` (nor would ${rest.join(", ")})` : "";
        return {
          lines,
          takes,
          short: {
            constraint: "equipment_short",
            message: `${first.name} would be short on ${date}: ${elsewhere > 0 ? `other sessions take ${elsewhere} and ` : ""}the other items of this plan take ${taken(first.equipmentId, p, window)} of ${first.stock}, this run needs ${need.quantity}${others}`,
            count: 1,
          },
        };
      }
      return { lines, takes, short: null };
    },
    record(takes: PoolTake[]): void {
      for (const take of takes)
        for (const p of take.periods) {
          const key = `${take.equipmentId}|${p}`;
          recorded.set(key, [...(recorded.get(key) ?? []), { window: take.window, quantity: take.quantity }]);
        }
    },
  };
}
