import { outsideAvailability } from "./availability.js";
import { type CheckScope, conflict, conflictingBooking, isoText, segmentInterval } from "./check-scope.js";
import { type InstructorWork, instructorResource, instructorWork } from "./instructor-work.js";
import { overlaps } from "./intervals.js";
import { localDatesOf, localDaysSpan } from "./local-days.js";
import { describeSpan, formatMoments, listText, minutesText, quoted } from "./messages.js";
import { qualificationConflicts } from "./qualifications.js";
import { teachingLimitConflicts } from "./teaching-limits.js";
import type { Conflict } from "./types.js";

/** Every instructor conflict of the proposal. */
export const instructorConflicts = (scope: CheckScope): Conflict[] =>
  instructorWork(scope).flatMap((work) => [
    ...doubleBookings(scope, work),
    ...travelConflicts(scope, work),
    ...availabilityConflicts(scope, work),
    ...timeOffConflicts(scope, work),
    ...qualificationConflicts(scope, work),
    ...teachingLimitConflicts(scope, work),
  ]);

function doubleBookings(scope: CheckScope, { profile, segments }: InstructorWork): Conflict[] {
  return segments.flatMap((segment) =>
    scope.bookings.overlapping("instructor", profile.id, segment).map((booking) =>
      conflict("instructor_double_booked", {
        message: `${profile.name} is already teaching ${quoted(booking.sessionLabel)} on ${describeSpan(
          booking,
          scope.proposal.timeZone,
          booking.timeZone,
        )}.`,
        resource: instructorResource(profile),
        segmentKey: segment.key,
        interval: segmentInterval(segment),
        with: [conflictingBooking(booking)],
        details: {},
      }),
    ),
  );
}

/**
 * Another booking at a different location on the same local day (the instructor's day) must
 * leave at least the travel time between the two; overlapping ones are double bookings instead.
 */
function travelConflicts(scope: CheckScope, { profile, segments }: InstructorWork): Conflict[] {
  const { proposal, context } = scope;
  const here = proposal.locationId;
  if (here === null) return [];
  const conflicts: Conflict[] = [];
  for (const segment of segments) {
    const days = localDatesOf(segment, profile.timeZone);
    if (days.length === 0) continue;
    const sameDays = localDaysSpan(days[0]!, days[days.length - 1]!, profile.timeZone);
    for (const booking of scope.bookings.overlapping("instructor", profile.id, sameDays)) {
      const there = booking.locationId;
      if (there === null || there === here || overlaps(booking, segment)) continue;
      const comesFirst = booking.end <= segment.start;
      const [from, to] = comesFirst ? [there, here] : [here, there];
      const travelMinutes = context.travelMinutes(from, to);
      if (travelMinutes === null) continue;
      const gap = comesFirst ? segment.start - booking.end : booking.start - segment.end;
      if (gap >= travelMinutes * 60_000) continue;
      const other = quoted(booking.sessionLabel);
      const [first, second] = comesFirst
        ? formatMoments(booking.end, segment.start, proposal.timeZone)
        : formatMoments(segment.end, booking.start, proposal.timeZone);
      const order = comesFirst
        ? `${other} ends ${first} and this segment starts ${second}`
        : `this segment ends ${first} and ${other} starts ${second}`;
      conflicts.push(
        conflict("instructor_travel_time", {
          message:
            `${profile.name} needs ${travelMinutes} min to travel from ${context.locationName(from)} to ` +
            `${context.locationName(to)}, but ${order} (${proposal.timeZone}), only ${minutesText(gap)} apart.`,
          resource: instructorResource(profile),
          segmentKey: segment.key,
          interval: segmentInterval(segment),
          with: [conflictingBooking(booking)],
          details: {
            fromLocationId: from,
            toLocationId: to,
            travelMinutes,
            gapMinutes: Math.round(gap / 60_000),
          },
        }),
      );
    }
  }
  return conflicts;
}

function availabilityConflicts(scope: CheckScope, { profile, segments }: InstructorWork): Conflict[] {
  if (profile.availability.length === 0) return [];
  return segments.flatMap((segment) => {
    const outside = outsideAvailability(profile.availability, profile.timeZone, segment);
    if (outside.length === 0) return [];
    const spans = outside.map((part) => describeSpan(part, scope.proposal.timeZone, profile.timeZone));
    return [
      conflict("instructor_unavailable", {
        message: `${profile.name} is outside their weekly availability on ${listText(spans)}.`,
        resource: instructorResource(profile),
        segmentKey: segment.key,
        interval: segmentInterval(segment),
        with: [],
        details: {
          instructorTimeZone: profile.timeZone,
          outside: outside.map((part) => ({ startsAt: isoText(part.start), endsAt: isoText(part.end) })),
        },
      }),
    ];
  });
}

function timeOffConflicts(scope: CheckScope, { profile, segments }: InstructorWork): Conflict[] {
  return segments.flatMap((segment) =>
    profile.timeOff
      .filter((entry) => overlaps(entry, segment))
      .map((entry) =>
        conflict("instructor_time_off", {
          message: `${profile.name} has time off${entry.reason ? ` (${entry.reason})` : ""} ${describeSpan(
            entry,
            scope.proposal.timeZone,
            profile.timeZone,
          )}, during this segment.`,
          resource: instructorResource(profile),
          segmentKey: segment.key,
          interval: segmentInterval(segment),
          with: [],
          details: { reason: entry.reason, startsAt: isoText(entry.start), endsAt: isoText(entry.end) },
        }),
      ),
  );
}
