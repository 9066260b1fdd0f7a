import { runWindow } from "./plan-pools.js";
import type { PlanItemOptions } from "./plan-problem.js";

/** A room's setup and teardown, in minutes: the time a booking keeps it busy around its hours. */
export interface RoomBuffers {
  setup: number;
  teardown: number;
}

/** What bands read besides the items: rooms' buffers and travel minutes between sites (0: none). */
export interface BandLookups {
  buffers: Map<string, RoomBuffers>;
  travelBetween: (fromLocationId: string, toLocationId: string) => number;
}

export interface TimeBands {
  /** Bands a day is cut into (1: the whole day, as `SolverModel.timeBands`). */
  count: number;
  /** Per option (same order), the bands its runs hold a room in; undefined: the whole day. */
  roomMasks: (number | undefined)[];
  /** Per option, the bands its runs hold an instructor in; undefined: the whole day. */
  instructorMasks: (number | undefined)[];
}

interface Window {
  start: number;
  end: number;
}

/** The solver's limit on bands (`SolverModel.timeBands`). */
const MAX_BANDS = 30;
const DAY_MINUTES = 24 * 60;

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(":").map(Number);
  return hours! * 60 + minutes!;
};

/**
 * Cuts the plan's days into time bands, so that two runs whose hours do not meet can share a room
 * or an instructor on one day (a morning and an afternoon course). A run's hours are its earliest
 * start to its latest end on each of its days, as for equipment, and are widened so that runs
 * sharing no band can really share the resource:
 * - for rooms, by the largest setup and teardown among the run's candidate rooms (a room with
 *   smaller buffers might have held both: the bands are on the safe side);
 * - for instructors, at a site, on both sides by half the longest journey between it and another
 *   site of the plan (in either direction), so two runs at different sites leave at least the
 *   journey between them; online runs need no journey.
 * Wall-clock hours compare only within one time zone: a run any of whose candidate rooms (or
 * instructors) a run in another zone could take holds it for the whole day. With more than 30
 * bands the hours are widened to whole hours (at most 24).
 */
export function timeBands(options: PlanItemOptions[], lookups: BandLookups): TimeBands {
  const inPerson = (option: PlanItemOptions) => option.item.format !== "vilt";
  const roomZones = zonesOf(options, (option) => (inPerson(option) ? option.roomIds : []));
  const instructorZones = zonesOf(options, (option) => option.instructorIds);
  const sites = [
    ...new Set(options.flatMap((o) => (inPerson(o) && o.item.locationId ? [o.item.locationId] : []))),
  ];
  const journey = (site: string) =>
    Math.max(
      0,
      ...sites.flatMap((other) =>
        other === site ? [] : [lookups.travelBetween(site, other), lookups.travelBetween(other, site)],
      ),
    );
  const hours = (option: PlanItemOptions, before: number, after: number): Window => {
    const { start, end } = runWindow(option.item.times);
    return {
      start: Math.max(0, minutesOf(start) - before),
      end: Math.min(DAY_MINUTES, minutesOf(end) + after),
    };
  };
  const rooms = options.map((option) => {
    const { roomIds } = option;
    if (!inPerson(option) || roomIds.length === 0) return null;
    if (roomIds.some((id) => roomZones.get(id)!.size > 1)) return null;
    const buffer = (side: keyof RoomBuffers) =>
      Math.max(...roomIds.map((id) => lookups.buffers.get(id)?.[side] ?? 0));
    return hours(option, buffer("setup"), buffer("teardown"));
  });
  const instructors = options.map((option) => {
    const { instructorIds, item } = option;
    if (instructorIds.length === 0) return null;
    if (instructorIds.some((id) => instructorZones.get(id)!.size > 1)) return null;
    const half = inPerson(option) && item.locationId ? Math.ceil(journey(item.locationId) / 2) : 0;
    return hours(option, half, half);
  });
  let cuts = cutsOf([...rooms, ...instructors]);
  if (cuts.length - 1 > MAX_BANDS) {
    for (const window of [...rooms, ...instructors]) {
      if (!window) continue;
      window.start = Math.floor(window.start / 60) * 60;
      window.end = Math.ceil(window.end / 60) * 60;
    }
    cuts = cutsOf([...rooms, ...instructors]);
  }
  const count = cuts.length - 1;
  const maskOf = (window: Window | null) => {
    if (!window || count <= 1) return undefined;
    let mask = 0;
    for (let b = 0; b < count; b++)
      if (cuts[b]! >= window.start && cuts[b + 1]! <= window.end) mask |= 1 << b;
    return mask;
  };
  return {
    count: Math.max(count, 1),
    roomMasks: rooms.map(maskOf),
    instructorMasks: instructors.map(maskOf),
  };
}

/** The time zones of the items that could take each resource. */
function zonesOf(options: PlanItemOptions[], resources: (option: PlanItemOptions) => string[]) {
  const zones = new Map<string, Set<string>>();
  for (const option of options)
    for (const id of resources(option)) {
      const set = zones.get(id) ?? new Set<string>();
      set.add(option.item.timeZone);
      zones.set(id, set);
    }
  return zones;
}

const cutsOf = (windows: (Window | null)[]) =>
  [...new Set(windows.flatMap((w) => (w ? [w.start, w.end] : [])))].sort((a, b) => a - b);
