import { instantToIso } from "../../time/zoned.js";
import type { BookingIndex } from "./intervals.js";
import { severityOf } from "./severity.js";
import type {
  Conflict,
  ConflictContext,
  ConflictingBooking,
  ConflictType,
  ExistingBooking,
  Proposal,
  ProposedSegment,
} from "./types.js";

/** What every check reads: the proposal, the world around it and its bookings, indexed once. */
export interface CheckScope {
  proposal: Proposal;
  context: ConflictContext;
  bookings: BookingIndex;
  /** The proposal's segments for a list of keys (null = all), in time order. */
  segmentsOf(keys: readonly string[] | null): ProposedSegment[];
}

export function createScope(
  proposal: Proposal,
  context: ConflictContext,
  bookings: BookingIndex,
): CheckScope {
  const ordered = [...proposal.segments].sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
  const byKey = new Map(ordered.map((segment) => [segment.key, segment]));
  return {
    proposal,
    context,
    bookings,
    segmentsOf(keys) {
      if (keys === null) return ordered;
      for (const key of keys) if (!byKey.has(key)) throw new Error(`The proposal has no segment ${key}`);
      // Key lists are short (a session's segments): includes beats building a Set.
      return ordered.filter((segment) => keys.includes(segment.key));
    },
  };
}

/** A profile the service guarantees to load; its absence is a programming error, not a conflict. */
export function profileOf<T>(profiles: ReadonlyMap<string, T>, id: string, kind: string): T {
  const profile = profiles.get(id);
  if (profile === undefined) throw new Error(`The conflict context has no ${kind} ${id}`);
  return profile;
}

export const conflict = (type: ConflictType, fields: Omit<Conflict, "type" | "severity">): Conflict => ({
  type,
  severity: severityOf(type),
  ...fields,
});

export const conflictingBooking = (booking: ExistingBooking): ConflictingBooking => ({
  sessionId: booking.sessionId,
  segmentId: booking.segmentId,
  start: booking.start,
  end: booking.end,
  sessionLabel: booking.sessionLabel,
});

export const segmentInterval = (segment: ProposedSegment) => ({ start: segment.start, end: segment.end });

export const isoText = instantToIso;
