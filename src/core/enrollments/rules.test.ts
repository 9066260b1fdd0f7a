import { describe, expect, it } from "vitest";
import { addMonths } from "../certificates/issue-certificate.js";
import { complianceStatus, dueOn } from "../compliance/compliance.service.js";
import type { EnrollmentPoliciesTable } from "../db/schema.js";
import { localToInstant } from "../time/zoned.js";
import { outcomeOf } from "./complete-session.js";
import { assertTransition, transitions } from "./enrollment-writes.js";
import { enrollmentStatuses } from "./enrollments.schemas.js";
import { assertBeforeCutoff, cutoffInstant, DEFAULT_POLICY, mergePolicies } from "./policies.js";

const policyRow = (
  scope: "course" | "session",
  values: Partial<EnrollmentPoliciesTable>,
): EnrollmentPoliciesTable => ({
  tenant_id: "t",
  scope_type: scope,
  scope_id: "x",
  waitlist_policy: null,
  offer_hours: null,
  cancellation_cutoff_hours: null,
  transfer_cutoff_hours: null,
  approval_required: null,
  min_attendance_percent: null,
  pass_required: null,
  updated_at: 0,
  ...values,
});

describe("policies", () => {
  it("defaults, then the course, then the session; null inherits", () => {
    expect(mergePolicies([])).toEqual(DEFAULT_POLICY);
    const merged = mergePolicies([
      policyRow("session", { offer_hours: 6, approval_required: 0 }),
      policyRow("course", {
        waitlist_policy: "offer",
        offer_hours: 24,
        approval_required: 1,
        pass_required: 1,
      }),
    ]);
    expect(merged).toMatchObject({
      waitlistPolicy: "offer",
      offerHours: 6,
      approvalRequired: false,
      passRequired: true,
    });
  });

  it("cut-offs are absolute hours before the start, across a DST change", () => {
    // Berlin moves to summer time on 28 March 2027: 48 h before Monday 09:00 CEST is Saturday 08:00 CET.
    const start = localToInstant("2027-03-29T09:00", "Europe/Berlin");
    expect(cutoffInstant(start, 48)).toBe(localToInstant("2027-03-27T08:00", "Europe/Berlin"));
    const session = { starts_at: start, time_zone: "Europe/Berlin" };
    expect(() => assertBeforeCutoff(session, 48, cutoffInstant(start, 48), "cancel", null)).not.toThrow();
    expect(() => assertBeforeCutoff(session, 48, cutoffInstant(start, 48) + 60_000, "cancel", null)).toThrow(
      /2027-03-27T08:00 Europe\/Berlin/,
    );
    expect(() =>
      assertBeforeCutoff(session, 48, cutoffInstant(start, 48) + 60_000, "cancel", { reason: "ok" }),
    ).not.toThrow();
  });
});

describe("the lifecycle", () => {
  it("allows exactly the transitions in the table and refuses every other pair", () => {
    let allowed = 0;
    for (const from of enrollmentStatuses) {
      for (const to of enrollmentStatuses) {
        if (transitions[from].includes(to)) {
          expect(() => assertTransition(from, to)).not.toThrow();
          allowed++;
        } else expect(() => assertTransition(from, to), `${from} → ${to}`).toThrow(/cannot become/);
      }
    }
    expect(allowed).toBe(18);
    for (const final of ["cancelled", "transferred", "completed", "failed"] as const)
      expect(transitions[final]).toEqual([]);
  });
});

describe("completion rule", () => {
  const rule = { minAttendancePercent: 80, passRequired: true };
  it("completes at the threshold with a pass, fails below or without a pass, no-show when never present", () => {
    expect(outcomeOf(rule, 4, 5, true)).toEqual({ status: "completed", attendancePercent: 80 });
    expect(outcomeOf(rule, 3, 5, true)).toEqual({ status: "failed", attendancePercent: 60 });
    expect(outcomeOf(rule, 5, 5, false).status).toBe("failed");
    expect(outcomeOf(rule, 5, 5, null).status).toBe("failed");
    expect(outcomeOf({ ...rule, passRequired: false }, 5, 5, null).status).toBe("completed");
    expect(outcomeOf(rule, 0, 5, true)).toEqual({ status: "no_show", attendancePercent: 0 });
  });
});

describe("certificate validity and compliance", () => {
  it("adds months, clamped to the end of the month", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2027-11-15", 14)).toBe("2029-01-15");
  });

  it("is due at the earlier of expiry and renewal; due soon within the window; overdue after", () => {
    expect(dueOn({ issued_on: "2027-01-10", expires_on: "2029-01-10" }, 12)).toBe("2028-01-10");
    expect(dueOn({ issued_on: "2027-01-10", expires_on: "2027-06-01" }, 12)).toBe("2027-06-01");
    expect(dueOn({ issued_on: "2027-01-10", expires_on: null }, null)).toBeNull();
    expect(complianceStatus(null, false, "2027-05-01", 30)).toBe("never");
    expect(complianceStatus(null, true, "2027-05-01", 30)).toBe("compliant");
    expect(complianceStatus("2027-05-31", true, "2027-05-01", 30)).toBe("due_soon");
    expect(complianceStatus("2027-06-01", true, "2027-05-01", 30)).toBe("compliant");
    expect(complianceStatus("2027-04-30", true, "2027-05-01", 30)).toBe("overdue");
  });
});
