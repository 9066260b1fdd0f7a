// The API's shapes come from the same zod schemas the server validates with (type-only imports:
// nothing of the server ends up in the bundle).
export type { Me } from "../../../src/core/auth/auth.schemas.js";
export type { Course } from "../../../src/core/catalog/courses.schemas.js";
export type { Client } from "../../../src/core/clients/clients.schemas.js";
export type { Enrollment, EnrollResult } from "../../../src/core/enrollments/enrollments.schemas.js";
export type { PortalEnrollment } from "../../../src/core/enrollments/list-portal-enrollments.js";
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
export type { LoginInput, User, UserPatch } from "../../../src/core/web-auth/web-auth.schemas.js";

import type { z } from "zod";
import type { certificateSchema } from "../../../src/core/certificates/certificates.service.js";
import type { complianceReportSchema } from "../../../src/core/compliance/compliance.schemas.js";
import type { suggestionsSchema } from "../../../src/core/scheduling/sessions.schemas.js";

export type Suggestions = z.output<typeof suggestionsSchema>;
export type Certificate = z.output<typeof certificateSchema>;
export type ComplianceReport = z.output<typeof complianceReportSchema>;

/** One session of the public catalog (GET /public/{tenant}/sessions). */
export interface CatalogSession {
  sessionId: string;
  courseCode: string;
  title: string;
  description: string | null;
  language: string | null;
  format: string;
  timeZone: string;
  location: string | null;
  startsAt: string;
  endsAt: string;
  priceMinor: number | null;
  currency: string;
  seatsLeft: number;
}

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
