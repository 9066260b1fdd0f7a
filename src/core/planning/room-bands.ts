import { runWindow } from "./plan-pools.js";
import type { PlanItemOptions } from "./plan-problem.js";

/** A room's setup and teardown, in minutes: the time a booking keeps it busy around its hours. */
export interface RoomBuffers {
  setup: number;
  teardown: number;
}

/** The solver's limit on bands (`SolverModel.roomBands`). */
const MAX_BANDS = 30;
const DAY_MINUTES = 24 * 60;

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(":").map(Number);
  return hours! * 60 + minutes!;
};

/**
 * Splits the plan's days into time bands for rooms, so that two runs whose hours do not meet can
 * share a room on one day (a morning and an afternoon course). The bands are cut at every banded
 * run's start and end, each widened by the largest setup and teardown among its candidate rooms,
 * so runs that share a band would overlap, buffers included, in some room they could both take (in
 * a room with smaller buffers they might not: the bands are on the safe side). A run's hours are
 * its earliest start to its latest end on each of its days, as for equipment.
 *
 * Wall-clock hours compare only within one time zone: a run any of whose rooms another run in
 * another zone could take holds its room for the whole day. With more than 30 cuts the hours are
 * widened to whole hours (at most 24 bands).
 *
 * Returns the number of bands and, per option (same order), the mask of the bands its runs hold
 * a room in; undefined: the whole day (no rooms, online, or zones mixed).
 */
export function roomBands(
  options: PlanItemOptions[],
  buffers: Map<string, RoomBuffers>,
): { count: number; masks: (number | undefined)[] } {
  const zonesOfRoom = new Map<string, Set<string>>();
  for (const { item, roomIds } of options) {
    if (item.format === "vilt") continue;
    for (const id of roomIds) {
      const zones = zonesOfRoom.get(id) ?? new Set<string>();
      zones.add(item.timeZone);
      zonesOfRoom.set(id, zones);
    }
  }
  const windows = options.map(({ item, roomIds }) => {
    if (item.format === "vilt" || roomIds.length === 0) return null;
    if (roomIds.some((id) => zonesOfRoom.get(id)!.size > 1)) return null;
    const { start, end } = runWindow(item.times);
    const setup = Math.max(...roomIds.map((id) => buffers.get(id)?.setup ?? 0));
    const teardown = Math.max(...roomIds.map((id) => buffers.get(id)?.teardown ?? 0));
    return {
      start: Math.max(0, minutesOf(start) - setup),
      end: Math.min(DAY_MINUTES, minutesOf(end) + teardown),
    };
  });
  let cuts = cutsOf(windows);
  if (cuts.length - 1 > MAX_BANDS) {
    for (const window of windows) {
      if (!window) continue;
      window.start = Math.floor(window.start / 60) * 60;
      window.end = Math.ceil(window.end / 60) * 60;
    }
    cuts = cutsOf(windows);
  }
  const count = cuts.length - 1;
  if (count <= 1) return { count: 1, masks: options.map(() => undefined) };
  const masks = windows.map((window) => {
    if (!window) return undefined;
    let mask = 0;
    for (let b = 0; b < count; b++)
      if (cuts[b]! >= window.start && cuts[b + 1]! <= window.end) mask |= 1 << b;
    return mask;
  });
  return { count, masks };
}

const cutsOf = (windows: ({ start: number; end: number } | null)[]) =>
  [...new Set(windows.flatMap((w) => (w ? [w.start, w.end] : [])))].sort((a, b) => a - b);
