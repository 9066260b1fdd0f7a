import { createScope } from "./check-scope.js";
import { equipmentConflicts } from "./equipment-checks.js";
import { instructorConflicts } from "./instructor-checks.js";
import { instructorWork } from "./instructor-work.js";
import { type BookingIndex, createBookingIndex } from "./intervals.js";
import { learnerConflicts } from "./learner-checks.js";
import { roomConflicts } from "./room-checks.js";
import { CONFLICT_TYPES } from "./severity.js";
import { type TeachingLimitType, teachingLimitsPerSegment } from "./teaching-limits.js";
import type { Conflict, ConflictContext, ExistingBooking, Proposal } from "./types.js";

// Suggestions run the engine hundreds of times against one context: its bookings are indexed once.
const indexes = new WeakMap<readonly ExistingBooking[], Map<string | null, BookingIndex>>();

function bookingIndexOf(bookings: readonly ExistingBooking[], sessionId: string | null): BookingIndex {
  const bySession = indexes.get(bookings) ?? new Map<string | null, BookingIndex>();
  indexes.set(bookings, bySession);
  let index = bySession.get(sessionId);
  if (!index) {
    index = createBookingIndex(bookings, sessionId);
    bySession.set(sessionId, index);
  }
  return index;
}

const TYPE_RANK = new Map(CONFLICT_TYPES.map((type, rank) => [type, rank]));

const compare = <T extends number | string>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every conflict the proposal would have with the world in `context`, each with a sentence a
 * coordinator understands. Pure and deterministic: ordered by segment start (whole-session
 * conflicts last), then type, then resource name, then the other booking's start; remaining ties
 * keep the order the checks produce (proposal order; weeks and months in time order). Bookings
 * are grouped and sorted per resource once, so each check is a binary search, not a scan.
 *
 * Throws when the proposal names an instructor, room, equipment pool, learner or segment that
 * the context does not hold: the service must load them, so that is a bug, not a conflict.
 */
export function findConflicts(proposal: Proposal, context: ConflictContext): Conflict[] {
  const scope = createScope(proposal, context, bookingIndexOf(context.bookings, proposal.sessionId));
  const conflicts = [
    ...instructorConflicts(scope),
    ...roomConflicts(scope),
    ...equipmentConflicts(scope),
    ...learnerConflicts(scope),
  ];
  const segmentStart = new Map(proposal.segments.map((segment) => [segment.key, segment.start]));
  const startOf = (c: Conflict) =>
    c.segmentKey === null ? Number.POSITIVE_INFINITY : segmentStart.get(c.segmentKey)!;
  return conflicts.sort(
    (a, b) =>
      compare(startOf(a), startOf(b)) ||
      compare(TYPE_RANK.get(a.type)!, TYPE_RANK.get(b.type)!) ||
      compare(a.resource.name, b.resource.name) ||
      compare(a.resource.id, b.resource.id) ||
      compare(a.segmentKey ?? "", b.segmentKey ?? "") ||
      compare(a.with[0]?.start ?? 0, b.with[0]?.start ?? 0),
  );
}

/**
 * Per instructor of the proposal, per segment: the teaching-day limits a proposal of that segment
 * alone would break (the `instructor_week_limit` and `instructor_month_limit` conflicts
 * `findConflicts` reports for it), for every segment at once.
 */
export function teachingLimitsBySegment(
  proposal: Proposal,
  context: ConflictContext,
): Map<string, Map<string, TeachingLimitType[]>> {
  const scope = createScope(proposal, context, bookingIndexOf(context.bookings, proposal.sessionId));
  return new Map(
    instructorWork(scope).map((work) => [work.profile.id, teachingLimitsPerSegment(scope, work)]),
  );
}
