import type { PoolChoice, SolverEvent, SolverModel } from "../solver/model.js";
import type { EquipmentNeed } from "./plan-equipment.js";

/**
 * The solver's pools for a plan, one per equipment pool. A requirement bound to one pool (a draft's
 * line, or the only pool that holds enough) takes from that pool; one that several pools could
 * meet is a pool choice of its run (the same pool on all its days, preferred first), which the
 * solver makes, so runs split over the pools as their units fit (6, 6 and 5 do not all go into
 * 10 + 8 on one day).
 *
 * A pool's free units on a day are the most any run that may have that day sees (their times of
 * day differ): never fewer than a run there could take alone, so the solver never counts a
 * violation the read-back would not find; runs at different times are checked there.
 */
export function planPools(periodDates: string[]) {
  const index = new Map<string, number>();
  const most: number[][] = [];
  const poolOf = (equipmentId: string) => {
    let q = index.get(equipmentId);
    if (q === undefined) {
      q = most.length;
      index.set(equipmentId, q);
      most.push(periodDates.map(() => 0));
    }
    return q;
  };
  return {
    /**
     * A run's events (in segment order) and needs, with what other sessions leave free of each pool
     * per date. A need for some segments only is taken by those segments' events (their run is an
     * ordered course, so event and segment positions agree). Gives the run's pool choices, one per
     * need several pools could meet, in the order of the needs.
     */
    add(
      runEvents: SolverEvent[],
      needs: EquipmentNeed[],
      free: Map<string, Map<string, number>>,
    ): PoolChoice[] {
      const choices: PoolChoice[] = [];
      for (const need of needs) {
        if (need.pools.length === 0) continue;
        const events = need.segments
          ? need.segments.flatMap((position) => runEvents[position] ?? [])
          : runEvents;
        const allowed = new Set(events.flatMap((event) => event.periods ?? []));
        const pools = need.pools.map(({ equipmentId, stock }) => {
          const q = poolOf(equipmentId);
          const days = most[q]!;
          for (const p of allowed)
            days[p] = Math.max(days[p]!, free.get(equipmentId)?.get(periodDates[p]!) ?? stock);
          return q;
        });
        // A choice is the whole run's; a line for some segments is a draft's, bound to its pool.
        if (pools.length > 1 && !need.segments) choices.push({ quantity: need.quantity, pools });
        else
          for (const event of events)
            event.uses = [...(event.uses ?? []), { pool: pools[0]!, quantity: need.quantity }];
      }
      return choices;
    },
    /** The model's pools (their ids are the equipment ids). */
    build(): NonNullable<SolverModel["pools"]> {
      return [...index].map(([equipmentId, q]) => ({
        id: equipmentId,
        free: most[q]!.map((units) => Math.max(0, units)),
      }));
    },
  };
}
