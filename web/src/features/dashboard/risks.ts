import type { Session } from "../../api/types";
import type { SeatSummary } from "../enrollments/api";

export interface Risk {
  session: Session;
  reasons: string[];
}

const active = (session: Session) =>
  session.instructors.filter((a) => a.status === "requested" || a.status === "accepted");

/** What can be told from a session alone: nobody teaching, or instructors who have not said yes. */
export function staffingRisks(session: Session): string[] {
  if (session.status === "cancelled" || session.status === "completed" || session.status === "postponed")
    return [];
  const assigned = active(session);
  const reasons: string[] = [];
  if (assigned.length === 0) reasons.push("unstaffed");
  const waiting = assigned.filter((a) => a.status === "requested").length;
  if (waiting > 0) reasons.push(`${waiting} instructor${waiting > 1 ? "s" : ""} not confirmed`);
  return reasons;
}

/** What the seat counts tell: too few learners to run, registrations nobody has decided on. */
export function enrollmentRisks(seats: SeatSummary["items"][number] | undefined): string[] {
  if (!seats) return [];
  const reasons: string[] = [];
  if (seats.seated < seats.minSeats) reasons.push(`under minimum (${seats.seated} of ${seats.minSeats})`);
  if (seats.pendingApproval > 0)
    reasons.push(`${seats.pendingApproval} pending approval${seats.pendingApproval > 1 ? "s" : ""}`);
  return reasons;
}
