import type { Actor } from "../auth/actor.js";
import { attendanceSheetPdf } from "./attendance-sheet-pdf.js";
import { cancelEnrollment } from "./cancel-enrollment.js";
import { checkIn, checkInCode } from "./check-in.js";
import { authorizeOrClient } from "./client-scope.js";
import { completeSession } from "./complete-session.js";
import { decideApproval } from "./decide-approval.js";
import { learnersFromCsv } from "./enroll-from-csv.js";
import { enrollLearner, enrollMany } from "./enroll-learner.js";
import { createEnrollmentQueries } from "./enrollment-queries.js";
import type { EnrollmentDeps } from "./enrollment-writes.js";
import type {
  AttendanceInput,
  CancelInput,
  EnrollInput,
  SeatSummaryQuery,
  TransferInput,
} from "./enrollments.schemas.js";
import { expireOffers } from "./expire-offers.js";
import { goNoGoList } from "./go-no-go.js";
import { listAttendance } from "./list-attendance.js";
import { listPortalEnrollments } from "./list-portal-enrollments.js";
import { createPolicyService } from "./manage-policies.js";
import { recordAttendance } from "./record-attendance.js";
import { reorderWaitlist } from "./reorder-waitlist.js";
import { respondToOffer } from "./respond-to-offer.js";
import { confirmRegistration, publicCatalog, requestRegistration } from "./self-registration.js";
import { substituteLearner } from "./substitute-learner.js";
import { summarizeSeats } from "./summarize-seats.js";
import { transferEnrollment } from "./transfer-enrollment.js";

/** The enrollment use cases, one file each, bound to their dependencies. */
export function createEnrollmentService(deps: EnrollmentDeps) {
  return {
    ...createEnrollmentQueries(deps),
    policies: createPolicyService(deps),
    enroll: (actor: Actor, sessionId: string, input: EnrollInput) =>
      enrollLearner(deps, actor, sessionId, input),
    enrollMany: (actor: Actor, sessionId: string, learnerIds: string[]) =>
      enrollMany(deps, actor, sessionId, learnerIds),
    enrollCsv: async (actor: Actor, sessionId: string, csv: string) => {
      authorizeOrClient(actor, "reference:write");
      const learnerIds = await learnersFromCsv(deps.database.db, actor, csv);
      return enrollMany(deps, actor, sessionId, learnerIds);
    },
    cancel: (actor: Actor, id: string, input: CancelInput) => cancelEnrollment(deps, actor, id, input),
    transfer: (actor: Actor, id: string, input: TransferInput) => transferEnrollment(deps, actor, id, input),
    substitute: (actor: Actor, id: string, input: { learnerId: string; reason: string | null }) =>
      substituteLearner(deps, actor, id, input),
    decide: (actor: Actor, id: string, decision: "approve" | "reject", reason: string | null) =>
      decideApproval(deps, actor, id, decision, reason),
    respondToOffer: (actor: Actor, id: string, response: "accept" | "decline") =>
      respondToOffer(deps, actor, id, response),
    reorder: (actor: Actor, id: string, input: { position: number; reason: string | null }) =>
      reorderWaitlist(deps, actor, id, input),
    expireOffers: (now = deps.clock.now()) => expireOffers(deps, now),
    goNoGo: (actor: Actor, days: number) => goNoGoList(deps.database.db, actor, deps.clock.now(), days),
    seatSummary: (actor: Actor, query: SeatSummaryQuery) =>
      summarizeSeats(deps.database.db, actor, deps.clock.now(), query),
    attendance: (actor: Actor, sessionId: string) => listAttendance(deps.database.db, actor, sessionId),
    recordAttendance: (actor: Actor, sessionId: string, input: AttendanceInput) =>
      recordAttendance(deps, actor, sessionId, input),
    checkInCode: (actor: Actor, sessionId: string) => checkInCode(deps, actor, sessionId),
    checkIn: (code: string, email: string) => checkIn(deps, code, email),
    attendanceSheet: (actor: Actor, sessionId: string) =>
      attendanceSheetPdf(deps.database.db, actor, sessionId),
    complete: (actor: Actor, sessionId: string, results: { enrollmentId: string; passed: boolean }[]) =>
      completeSession(deps, actor, sessionId, results),
    catalog: (tenantSlug: string) => publicCatalog(deps, tenantSlug),
    register: (tenantSlug: string, sessionId: string, input: { name: string; email: string }) =>
      requestRegistration(deps, tenantSlug, sessionId, input),
    confirmRegistration: (token: string) => confirmRegistration(deps, token),
    /** The learner's or client contact's portal list (their own scope only). */
    portal: (actor: Actor) => listPortalEnrollments(deps, actor),
  };
}

export type EnrollmentService = ReturnType<typeof createEnrollmentService>;
