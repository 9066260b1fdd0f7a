// Planner shapes from the server's zod schemas (type-only: nothing of the server is bundled).
import type { z } from "zod";
import type { demandSchema } from "../../../../src/core/planning/plans.schemas.js";

export type {
  ApplyItem,
  AutoStaffResult,
  Plan,
  PlanItem,
  PlanResult,
} from "../../../../src/core/planning/plans.schemas.js";

/** A demand line as the form edits it (strings for inputs, converted on submit). */
export interface DemandLine {
  /** Stable React key. */
  key: number;
  courseId: string | null;
  runs: number;
  locationId: string | null;
  from: string;
  to: string;
  maxSeats: number | "";
  /** Daily hours ("HH:mm"); empty = the course's. */
  startTime: string;
  endTime: string;
}

let nextKey = 0;
export const emptyLine = (): DemandLine => ({
  key: ++nextKey,
  courseId: null,
  runs: 1,
  locationId: null,
  from: "",
  to: "",
  maxSeats: "",
  startTime: "",
  endTime: "",
});

export type DemandBody = z.input<typeof demandSchema>;

export const toDemand = (line: DemandLine): DemandBody => ({
  courseId: line.courseId ?? "",
  runs: line.runs,
  locationId: line.locationId,
  window: { from: line.from, to: line.to },
  ...(line.maxSeats !== "" && { maxSeats: line.maxSeats }),
  ...(line.startTime !== "" && { startTime: line.startTime }),
  ...(line.endTime !== "" && { endTime: line.endTime }),
});
