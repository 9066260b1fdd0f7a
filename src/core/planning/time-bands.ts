import { minutesOfDay, offsetAt } from "../time/zoned.js";
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

/** Minutes on the plan's common clock (may fall before 00:00 or after 24:00 for other zones). */
interface Window {
  start: number;
  end: number;
}

/** The solver's limit on bands (`SolverModel.timeBands`). */
const MAX_BANDS = 30;
const MINUTE = 60_000;

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
 * Runs share a period when their local dates are equal, so hours in other time zones are moved
 * onto the most common zone's clock, each run by the range of its zone's offset from that zone over
 * its candidate dates (exact within a zone; an hour wider where summer time starts on another date).
 * With more than 30 bands the hours are widened to whole hours, then to 2, 4… hours.
 */
export function timeBands(options: PlanItemOptions[], lookups: BandLookups): TimeBands {
  const shift = zoneShifts(options);
  const sites = planSites(options);
  const journey = (site: string) =>
    Math.max(
      0,
      ...sites.flatMap((other) =>
        other === site ? [] : [lookups.travelBetween(site, other), lookups.travelBetween(other, site)],
      ),
    );
  const hours = (option: PlanItemOptions, before: number, after: number): Window => {
    const { start, end } = runWindow(option.item.times);
    const { least, most } = shift(option);
    return { start: minutesOfDay(start) - most - before, end: minutesOfDay(end) - least + after };
  };
  const rooms = options.map((option) => {
    const { roomIds } = option;
    if (!inPerson(option) || roomIds.length === 0) return null;
    const buffer = (side: keyof RoomBuffers) =>
      Math.max(...roomIds.map((id) => lookups.buffers.get(id)?.[side] ?? 0));
    return hours(option, buffer("setup"), buffer("teardown"));
  });
  const instructors = options.map((option) => {
    const { instructorIds, item } = option;
    if (instructorIds.length === 0) return null;
    const half = inPerson(option) && item.locationId ? Math.ceil(journey(item.locationId) / 2) : 0;
    return hours(option, half, half);
  });
  const windows = [...rooms, ...instructors];
  let cuts = cutsOf(windows);
  for (let grid = 60; cuts.length - 1 > MAX_BANDS; grid *= 2) {
    for (const window of windows) {
      if (!window) continue;
      window.start = Math.floor(window.start / grid) * grid;
      window.end = Math.ceil(window.end / grid) * grid;
    }
    cuts = cutsOf(windows);
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

const inPerson = (option: PlanItemOptions) => option.item.format !== "vilt";

/** The sites the plan's runs are held at (in person): instructors' journeys are between these. */
export const planSites = (options: PlanItemOptions[]) => [
  ...new Set(options.flatMap((o) => (inPerson(o) && o.item.locationId ? [o.item.locationId] : []))),
];

/**
 * Per option, the least and most minutes its zone is ahead of the plan's most common zone on its
 * candidate dates (at noon UTC, away from the night's offset changes): 0 and 0 in that zone.
 */
function zoneShifts(options: PlanItemOptions[]) {
  const counts = new Map<string, number>();
  for (const { item } of options) counts.set(item.timeZone, (counts.get(item.timeZone) ?? 0) + 1);
  const reference = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const ahead = new Map<string, number>();
  const aheadOn = (zone: string, date: string) => {
    const key = `${zone}|${date}`;
    let minutes = ahead.get(key);
    if (minutes === undefined) {
      const noon = Date.parse(`${date}T12:00:00Z`);
      minutes = (offsetAt(noon, zone) - offsetAt(noon, reference!)) / MINUTE;
      ahead.set(key, minutes);
    }
    return minutes;
  };
  return ({ item, allowedDates }: PlanItemOptions) => {
    const dates = allowedDates.length > 0 ? allowedDates : item.dates;
    if (item.timeZone === reference || dates.length === 0) return { least: 0, most: 0 };
    const shifts = dates.map((date) => aheadOn(item.timeZone, date));
    return { least: Math.min(...shifts), most: Math.max(...shifts) };
  };
}

const cutsOf = (windows: (Window | null)[]) =>
  [...new Set(windows.flatMap((w) => (w ? [w.start, w.end] : [])))].sort((a, b) => a - b);
