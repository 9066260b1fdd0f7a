// The API's shapes come from the same zod schemas the server validates with (type-only imports:
// nothing of the server ends up in the bundle).
export type { Me } from "../../../src/core/auth/auth.schemas.js";
export type { Course } from "../../../src/core/catalog/courses.schemas.js";
export type { Client } from "../../../src/core/clients/clients.schemas.js";
export type { ImportReport } from "../../../src/core/imports/imports.schemas.js";
export type {
  AvailabilityRule,
  Instructor,
  Qualification,
  TimeOff,
} from "../../../src/core/instructors/instructors.schemas.js";
export type { Learner } from "../../../src/core/learners/learners.schemas.js";
export type { Equipment } from "../../../src/core/resources/equipment.schemas.js";
export type { Location } from "../../../src/core/resources/locations.schemas.js";
export type { Room } from "../../../src/core/resources/rooms.schemas.js";
export type { VirtualPlatform } from "../../../src/core/resources/virtual-platforms.schemas.js";
export type {
  ConflictView as Conflict,
  Session,
  SessionInput,
} from "../../../src/core/scheduling/sessions.schemas.js";
export type { LoginInput, User } from "../../../src/core/web-auth/web-auth.schemas.js";

import type { z } from "zod";
import type { suggestionsSchema } from "../../../src/core/scheduling/sessions.schemas.js";

export type Suggestions = z.output<typeof suggestionsSchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CalendarItem {
  sessionId: string;
  segmentId: string;
  position: number;
  courseId: string;
  courseCode: string;
  title: string;
  status: string;
  format: string;
  timeZone: string;
  locationId: string | null;
  clientId: string | null;
  roomId: string | null;
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  instructors: { instructorId: string; role: string; status: string }[];
}
