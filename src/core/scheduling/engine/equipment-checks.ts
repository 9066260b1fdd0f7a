import { type CheckScope, conflict, conflictingBooking, profileOf, segmentInterval } from "./check-scope.js";
import { describeSpan } from "./messages.js";
import type { Conflict, ExistingBooking, Interval } from "./types.js";

/**
 * The most units of a pool in use at any one moment inside `within`. A booking that ends exactly
 * when another starts is not concurrent with it: at equal times, returns count before loans.
 */
export function peakQuantity(bookings: readonly ExistingBooking[], within: Interval): number {
  const events: [time: number, delta: number][] = [];
  for (const booking of bookings) {
    const start = Math.max(booking.start, within.start);
    const end = Math.min(booking.end, within.end);
    if (start < end) events.push([start, booking.quantity], [end, -booking.quantity]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inUse = 0;
  let peak = 0;
  for (const [, delta] of events) {
    inUse += delta;
    peak = Math.max(peak, inUse);
  }
  return peak;
}

/** Per pool and segment: the busiest moment of other sessions plus what this one asks for. */
export function equipmentConflicts(scope: CheckScope): Conflict[] {
  const requested = new Map<string, Map<string, number>>();
  for (const line of scope.proposal.equipment) {
    const perSegment = requested.get(line.equipmentId) ?? new Map<string, number>();
    requested.set(line.equipmentId, perSegment);
    for (const segment of scope.segmentsOf(line.segmentKeys)) {
      perSegment.set(segment.key, (perSegment.get(segment.key) ?? 0) + line.quantity);
    }
  }
  const conflicts: Conflict[] = [];
  for (const [poolId, perSegment] of requested) {
    const pool = profileOf(scope.context.equipment, poolId, "equipment pool");
    for (const segment of scope.segmentsOf([...perSegment.keys()])) {
      const quantity = perSegment.get(segment.key)!;
      if (quantity <= 0) continue;
      const others = scope.bookings.overlapping("equipment", poolId, segment);
      const inUse = peakQuantity(others, segment);
      if (inUse + quantity <= pool.quantity) continue;
      const free = Math.max(0, pool.quantity - inUse);
      const when = describeSpan(segment, scope.proposal.timeZone);
      const taken = `${free === 0 ? "None" : `Only ${free}`} of the ${pool.quantity} ${pool.name}`;
      conflicts.push(
        conflict("equipment_short", {
          message:
            inUse === 0
              ? `There are only ${pool.quantity} ${pool.name}; this session needs ${quantity} on ${when}.`
              : `${taken} ${free === 1 ? "is" : "are"} free on ${when}; this session needs ${quantity}.`,
          resource: { type: "equipment", id: pool.id, name: pool.name },
          segmentKey: segment.key,
          interval: segmentInterval(segment),
          with: others.map(conflictingBooking),
          details: { requested: quantity, inUse, stock: pool.quantity },
        }),
      );
    }
  }
  return conflicts;
}
