import { type CheckScope, conflict, conflictingBooking, profileOf, segmentInterval } from "./check-scope.js";
import { describeSpan, quoted } from "./messages.js";
import type { Conflict } from "./types.js";

/** An enrolled learner cannot sit in two sessions at once (relevant when a session moves). */
export function learnerConflicts(scope: CheckScope): Conflict[] {
  const { proposal, context } = scope;
  return [...new Set(proposal.learnerIds)].flatMap((learnerId) => {
    const name = profileOf(context.learnerNames, learnerId, "learner");
    return scope.segmentsOf(null).flatMap((segment) =>
      scope.bookings.overlapping("learner", learnerId, segment).map((booking) =>
        conflict("learner_double_booked", {
          message: `${name} is already enrolled in ${quoted(booking.sessionLabel)} on ${describeSpan(
            booking,
            proposal.timeZone,
            booking.timeZone,
          )}.`,
          resource: { type: "learner", id: learnerId, name },
          segmentKey: segment.key,
          interval: segmentInterval(segment),
          with: [conflictingBooking(booking)],
          details: {},
        }),
      ),
    );
  });
}
