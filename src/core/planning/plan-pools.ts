import type { SolverEvent, SolverModel } from "../solver/model.js";
import type { EquipmentNeed } from "./plan-equipment.js";

/**
 * The solver's pools for a plan. A requirement bound to one pool (a draft's line, or the only pool
 * that holds enough) takes from that pool; one that several pools could meet takes from the set of
 * them, whose free units are the sum of theirs. Every requirement also counts in each larger set
 * its pools belong to, so the solver keeps the plan's runs within what the pools have free
 * together. That is necessary, not sufficient, for a set (6 + 6 do not go into 10 + 2): which pool
 * each run takes is still settled when the result is read back.
 *
 * A pool's free units on a day are the most any run that may have that day sees (their times of
 * day differ): never fewer than a run there could take alone, so the solver never counts a
 * violation the read-back would not find; runs at different times are checked there.
 */
export function planPools(periodDates: string[]) {
  const most = new Map<string, number[]>();
  const sets = new Map<string, string[]>();
  const takers: { events: SolverEvent[]; ids: string[]; quantity: number }[] = [];
  return {
    /**
     * A run's events (in segment order) and needs, with what other sessions leave free of each pool
     * per date. A need for some segments only is taken by those segments' events (their run is an
     * ordered course, so event and segment positions agree).
     */
    add(runEvents: SolverEvent[], needs: EquipmentNeed[], free: Map<string, Map<string, number>>): void {
      for (const need of needs) {
        if (need.pools.length === 0) continue;
        const events = need.segments
          ? need.segments.flatMap((position) => runEvents[position] ?? [])
          : runEvents;
        const allowed = new Set(events.flatMap((event) => event.periods ?? []));
        const ids = need.pools.map((pool) => pool.equipmentId).sort();
        sets.set(ids.join(","), ids);
        takers.push({ events, ids, quantity: need.quantity });
        for (const { equipmentId, stock } of need.pools) {
          const days = most.get(equipmentId) ?? periodDates.map(() => 0);
          for (const p of allowed)
            days[p] = Math.max(days[p]!, free.get(equipmentId)?.get(periodDates[p]!) ?? stock);
          most.set(equipmentId, days);
        }
      }
    },
    /** Gives the recorded events their uses; the model's pools. */
    build(): NonNullable<SolverModel["pools"]> {
      const all = [...sets.values()];
      for (const { events, ids, quantity } of takers) {
        const uses = all.flatMap((set, pool) =>
          ids.every((id) => set.includes(id)) ? [{ pool, quantity }] : [],
        );
        for (const event of events) event.uses = [...(event.uses ?? []), ...uses];
      }
      return all.map((ids) => ({
        id: ids.join(","),
        free: periodDates.map((_, p) => ids.reduce((sum, id) => sum + Math.max(0, most.get(id)![p]!), 0)),
      }));
    },
  };
}
