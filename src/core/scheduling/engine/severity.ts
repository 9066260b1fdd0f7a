import type { ConflictType, Severity } from "./types.js";

/**
 * Blocking conflicts break a hard invariant (one resource, two places; more units than exist);
 * warnings may be accepted with an explicit, audited override.
 */
const SEVERITY: Readonly<Record<ConflictType, Severity>> = {
  instructor_double_booked: "blocking",
  instructor_travel_time: "blocking",
  instructor_unavailable: "warning",
  instructor_time_off: "warning",
  instructor_unqualified: "warning",
  instructor_week_limit: "warning",
  instructor_month_limit: "warning",
  room_double_booked: "blocking",
  room_too_small: "warning",
  room_missing_features: "warning",
  equipment_short: "blocking",
  learner_double_booked: "blocking",
};

export const severityOf = (type: ConflictType): Severity => SEVERITY[type];

/** Every conflict type in reporting order (ties between conflicts on one segment sort by it). */
export const CONFLICT_TYPES = Object.keys(SEVERITY) as ConflictType[];
