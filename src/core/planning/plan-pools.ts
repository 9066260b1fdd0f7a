import type { SolverEvent, SolverModel } from "../solver/model.js";
import type { EquipmentNeed } from "./plan-equipment.js";

/** A run's hours on each of its days, wall-clock "HH:mm" (from its earliest start to its latest end). */
export interface DayWindow {
  start: string;
  end: string;
}

export function runWindow(times: { start: string; end: string }[]): DayWindow {
  const start = times.reduce((min, t) => (t.start < min ? t.start : min), times[0]!.start);
  const end = times.reduce((max, t) => (t.end > max ? t.end : max), times[0]!.end);
  // Hours past midnight: the whole day, so the run still counts against every band.
  return end > start ? { start, end } : { start: "00:00", end: "23:59" };
}

const overlaps = (a: DayWindow, b: DayWindow) => a.start < b.end && b.start < a.end;

interface Taker {
  course: SolverModel["courses"][number];
  events: SolverEvent[];
  need: EquipmentNeed;
  window: DayWindow;
}

/**
 * The solver's pools for a plan. Each equipment pool is split by time of day into bands, at the
 * plan's runs' start and end times, so runs at different hours of a day take from different
 * solver pools (a morning and an afternoon run can both have 6 of 10 laptops) and a run takes from
 * every band its hours cover. A requirement bound to one pool (a draft's line, or the only pool
 * that holds enough) takes from it; one that several pools could meet is a pool choice of its
 * run (the same pool on all its days, preferred first), which the solver makes, so runs split
 * over the pools as their units fit (6, 6 and 5 do not all go into 10 + 8 at once).
 *
 * A band's free units on a day are the most any run that covers it and may have that day sees over
 * its hours: never fewer than a run there could take alone, so the solver never counts a violation
 * the read-back would not find; the read-back checks each run against its own view.
 */
export function planPools(periodDates: string[]) {
  const takers: Taker[] = [];
  /** Per equipment pool, what each run that may take it sees free (hours, days it may have, units). */
  const views = new Map<string, { window: DayWindow; allowed: Set<number>; free: (p: number) => number }[]>();
  return {
    /**
     * A run's course, events (in segment order), needs, hours, and what other sessions leave free
     * of each pool per date. A need for some segments only is taken by those segments' events
     * (their run is an ordered course, so event and segment positions agree).
     */
    add(
      course: SolverModel["courses"][number],
      runEvents: SolverEvent[],
      needs: EquipmentNeed[],
      free: Map<string, Map<string, number>>,
      window: DayWindow,
    ): void {
      for (const need of needs) {
        if (need.pools.length === 0) continue;
        const events = need.segments
          ? need.segments.flatMap((position) => runEvents[position] ?? [])
          : runEvents;
        const allowed = new Set(events.flatMap((event) => event.periods ?? []));
        takers.push({ course, events, need, window });
        for (const { equipmentId, stock } of need.pools) {
          const list = views.get(equipmentId) ?? [];
          list.push({
            window,
            allowed,
            free: (p) => free.get(equipmentId)?.get(periodDates[p]!) ?? stock,
          });
          views.set(equipmentId, list);
        }
      }
    },
    /** Gives the recorded runs their uses and pool choices; the model's pools (one per band). */
    build(): NonNullable<SolverModel["pools"]> {
      const pools: NonNullable<SolverModel["pools"]> = [];
      const bandsOf = new Map<string, { window: DayWindow; pool: number }[]>();
      for (const [equipmentId, list] of views) {
        const times = [...new Set(list.flatMap(({ window }) => [window.start, window.end]))].sort();
        const bands: { window: DayWindow; pool: number }[] = [];
        for (let i = 0; i + 1 < times.length; i++) {
          const band = { start: times[i]!, end: times[i + 1]! };
          const covering = list.filter(
            (view) => view.window.start <= band.start && band.end <= view.window.end,
          );
          if (covering.length === 0) continue;
          bands.push({ window: band, pool: pools.length });
          pools.push({
            id: `${equipmentId}@${band.start}-${band.end}`,
            free: periodDates.map((_, p) =>
              Math.max(0, ...covering.filter((view) => view.allowed.has(p)).map((view) => view.free(p))),
            ),
          });
        }
        bandsOf.set(equipmentId, bands);
      }
      const during = (equipmentId: string, window: DayWindow) =>
        (bandsOf.get(equipmentId) ?? [])
          .filter((band) => overlaps(band.window, window))
          .map((band) => band.pool);
      for (const { course, events, need, window } of takers) {
        // A choice is the whole run's; a line for some segments is a draft's, bound to its pool.
        if (need.pools.length > 1 && !need.segments) {
          const options = need.pools.map((pool) => during(pool.equipmentId, window));
          course.poolChoices = [...(course.poolChoices ?? []), { quantity: need.quantity, options }];
          continue;
        }
        const uses = during(need.pools[0]!.equipmentId, window).map((pool) => ({
          pool,
          quantity: need.quantity,
        }));
        for (const event of events) event.uses = [...(event.uses ?? []), ...uses];
      }
      return pools;
    },
  };
}
