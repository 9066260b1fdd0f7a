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
  // Hours past midnight (not accepted as input today): the whole day, against every band.
  return end > start ? { start, end } : WHOLE_DAY;
}

const WHOLE_DAY: DayWindow = { start: "00:00", end: "24:00" };

const overlaps = (a: DayWindow, b: DayWindow) => a.start < b.end && b.start < a.end;

/** A need the solver chooses a pool for (one option per pool); any other takes its first pool. */
export const isPoolChoice = (need: EquipmentNeed) => need.pools.length > 1 && !need.segments;

/** Per equipment pool, its bands of hours: the solver pool index of each. */
export type PoolBands = Map<string, { window: DayWindow; pool: number }[]>;

/** The solver pools of an equipment pool's bands that a run's hours overlap. */
export const bandsDuring = (bands: PoolBands, equipmentId: string, window: DayWindow) =>
  (bands.get(equipmentId) ?? []).filter((band) => overlaps(band.window, window)).map((band) => band.pool);

interface Taker {
  course: SolverModel["courses"][number];
  events: SolverEvent[];
  need: EquipmentNeed;
  window: DayWindow;
}

interface View {
  window: DayWindow;
  zone: string;
  allowed: Set<number>;
  free: (p: number) => number;
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
 * A band's free units on a day are the most any run that covers it and may have that day sees
 * over its hours (other sessions' busiest moment then): the band lies within each such run's
 * hours, so each of them is a floor of what the band has free. The read-back (`pool-counter.ts`)
 * counts against the same bands, so the solver and it agree.
 *
 * Wall-clock hours compare only within one time zone: a pool that runs in several zones may take
 * is one band for the whole day, with the least any of them sees (as if they all overlapped).
 */
export function planPools(periodDates: string[]) {
  const takers: Taker[] = [];
  const views = new Map<string, View[]>();
  return {
    /**
     * A run's course, events (in segment order), needs, hours and zone, and what other sessions
     * leave free of each pool per date. A need for some segments only is taken by those
     * segments' events (their run is an ordered course, so event and segment positions agree).
     */
    add(
      course: SolverModel["courses"][number],
      runEvents: SolverEvent[],
      needs: EquipmentNeed[],
      freeByPool: Map<string, Map<string, number>>,
      window: DayWindow,
      zone: string,
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
            zone,
            allowed,
            free: (p) => freeByPool.get(equipmentId)?.get(periodDates[p]!) ?? stock,
          });
          views.set(equipmentId, list);
        }
      }
    },
    /**
     * Gives the recorded runs their uses and pool choices; the model's pools (one per band) and
     * the bands, for the read-back.
     */
    build(): { pools: NonNullable<SolverModel["pools"]>; bands: PoolBands } {
      const pools: NonNullable<SolverModel["pools"]> = [];
      const bands: PoolBands = new Map();
      const addBand = (equipmentId: string, window: DayWindow, free: number[]) => {
        const list = bands.get(equipmentId) ?? [];
        list.push({ window, pool: pools.length });
        bands.set(equipmentId, list);
        pools.push({ id: `${equipmentId}@${window.start}-${window.end}`, free });
      };
      for (const [equipmentId, list] of views) {
        const freeOn = (p: number, among: View[]) =>
          among.filter((view) => view.allowed.has(p)).map((view) => view.free(p));
        if (new Set(list.map((view) => view.zone)).size > 1) {
          addBand(
            equipmentId,
            WHOLE_DAY,
            periodDates.map((_, p) => {
              const seen = freeOn(p, list);
              return seen.length > 0 ? Math.max(0, Math.min(...seen)) : 0;
            }),
          );
          continue;
        }
        const times = [...new Set(list.flatMap(({ window }) => [window.start, window.end]))].sort();
        for (let i = 0; i + 1 < times.length; i++) {
          const band = { start: times[i]!, end: times[i + 1]! };
          const covering = list.filter(
            (view) => view.window.start <= band.start && band.end <= view.window.end,
          );
          if (covering.length === 0) continue;
          addBand(
            equipmentId,
            band,
            periodDates.map((_, p) => Math.max(0, ...freeOn(p, covering))),
          );
        }
      }
      for (const { course, events, need, window } of takers) {
        // A choice is the whole run's; a line for some segments is a draft's, bound to its pool.
        if (isPoolChoice(need)) {
          const options = need.pools.map((pool) => bandsDuring(bands, pool.equipmentId, window));
          course.poolChoices = [...(course.poolChoices ?? []), { quantity: need.quantity, options }];
          continue;
        }
        const uses = bandsDuring(bands, need.pools[0]!.equipmentId, window).map((pool) => ({
          pool,
          quantity: need.quantity,
        }));
        for (const event of events) event.uses = [...(event.uses ?? []), ...uses];
      }
      return { pools, bands };
    },
  };
}
