// The conflict engine's public API: pure functions over the vocabulary in types.ts.
export { availabilityWindows, outsideAvailability } from "./availability.js";
export { peakQuantity } from "./equipment-checks.js";
export { findConflicts, teachingLimitsBySegment } from "./find-conflicts.js";
export { type InstructorBusy, instructorFreeBusy, type RoomBusy, roomFreeBusy } from "./free-busy.js";
export {
  type BookingIndex,
  busySpan,
  clipIntervals,
  createBookingIndex,
  mergeIntervals,
  overlaps,
  subtractIntervals,
} from "./intervals.js";
export { type MissingSkill, missingSkills } from "./qualifications.js";
export { CONFLICT_TYPES, severityOf } from "./severity.js";
export type * from "./types.js";
