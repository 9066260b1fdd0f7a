import type { SolverModel } from "../solver/model.js";
import type { Explanation } from "./explain.js";
import type { PlannedEquipment } from "./plan-equipment.js";
import { bandsDuring, type DayWindow, isPoolChoice, type PoolBands, runWindow } from "./plan-pools.js";
import type { PlanRun } from "./plan-problem.js";

/** Units of a pool a run takes during its hours on some of the plan's periods. */
export interface PoolTake {
  equipmentId: string;
  quantity: number;
  periods: number[];
  window: DayWindow;
}

/**
 * The plan's own use of equipment pools as runs are accepted, counted on the solver's bands
 * (`plan-pools.ts`), so what the solver found to fit is what is accepted here. `check` gives, per
 * need of a run, the pool the solver chose for it, or else the first of its pools, that has enough
 * left in every band its hours cover on the days it is for, or says which pool would be short;
 * `record` counts what the chosen lines take.
 */
export function poolCounter(
  periodDates: string[],
  pools: NonNullable<SolverModel["pools"]>,
  bands: PoolBands,
) {
  /** Units the accepted runs take, per band (solver pool) and period. */
  const taken = pools.map(() => new Array<number>(periodDates.length).fill(0));
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
      /** This run's earlier lines, per band and period. */
      const own = new Map<string, number>();
      const left = (band: number, p: number) =>
        pools[band]!.free[p]! - taken[band]![p]! - (own.get(`${band}|${p}`) ?? 0);
      /** Whether `quantity` fits on day p; a pool with no band (no run recorded it) by the run's own view. */
      const fits = (equipmentId: string, stock: number, p: number, quantity: number) => {
        const during = bandsDuring(bands, equipmentId, window);
        if (during.length === 0)
          return (run.equipmentFree.get(equipmentId)?.get(periodDates[p]!) ?? stock) >= quantity;
        return during.every((band) => left(band, p) >= quantity);
      };
      let choice = 0;
      for (const need of run.equipment) {
        const days = need.segments ? need.segments.flatMap((position) => periods[position] ?? []) : periods;
        const solverPool = isPoolChoice(need) ? need.pools[chosen[choice++] ?? 0]?.equipmentId : undefined;
        const candidates = [
          ...need.pools.filter((pool) => pool.equipmentId === solverPool),
          ...need.pools.filter((pool) => pool.equipmentId !== solverPool),
        ];
        const pool = candidates.find((candidate) =>
          days.every((p) => fits(candidate.equipmentId, candidate.stock, p, need.quantity)),
        );
        if (pool) {
          lines.push({
            equipmentId: pool.equipmentId,
            name: pool.name,
            quantity: need.quantity,
            ...(need.segments ? { segments: need.segments } : {}),
          });
          takes.push({ equipmentId: pool.equipmentId, quantity: need.quantity, periods: days, window });
          for (const band of bandsDuring(bands, pool.equipmentId, window))
            for (const p of days) own.set(`${band}|${p}`, (own.get(`${band}|${p}`) ?? 0) + need.quantity);
          continue;
        }
        // Named after the preferred pool, on its first day short.
        const first = need.pools[0]!;
        const p = days.find((q) => !fits(first.equipmentId, first.stock, q, need.quantity))!;
        const date = periodDates[p]!;
        const elsewhere = first.stock - (run.equipmentFree.get(first.equipmentId)?.get(date) ?? first.stock);
        const byPlan = Math.max(
          0,
          ...bandsDuring(bands, first.equipmentId, window).map((band) => taken[band]![p]!),
        );
        const rest = need.pools.slice(1).map((pool) => pool.name);
        const others = rest.length > 0 ? ` (nor would ${rest.join(", ")})` : "";
        return {
          lines,
          takes,
          short: {
            constraint: "equipment_short",
            message: `${first.name} would be short on ${date}: ${elsewhere > 0 ? `other sessions take ${elsewhere} and ` : ""}the other items of this plan take ${byPlan} of ${first.stock}, this run needs ${need.quantity}${others}`,
            count: 1,
          },
        };
      }
      return { lines, takes, short: null };
    },
    record(takes: PoolTake[]): void {
      for (const take of takes)
        for (const band of bandsDuring(bands, take.equipmentId, take.window))
          for (const p of take.periods) taken[band]![p]! += take.quantity;
    },
  };
}
