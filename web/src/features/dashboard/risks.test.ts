import { describe, expect, it } from "vitest";
import { enrollmentRisks } from "./risks";

const seats = (seated: number, minSeats: number, pendingApproval = 0) => ({
  sessionId: "s",
  title: "T",
  status: "planned",
  startsAt: "2027-01-01T09:00:00.000Z",
  timeZone: "UTC",
  minSeats,
  maxSeats: 10,
  seated,
  waitlisted: 0,
  pendingApproval,
});

describe("enrollmentRisks", () => {
  it("flags a session under its minimum with the numbers, and pending approvals", () => {
    expect(enrollmentRisks(seats(1, 3))).toEqual(["under minimum (1 of 3)"]);
    expect(enrollmentRisks(seats(3, 3, 1))).toEqual(["1 pending approval"]);
    expect(enrollmentRisks(seats(0, 2, 2))).toEqual(["under minimum (0 of 2)", "2 pending approvals"]);
  });

  it("says nothing of a session at its minimum, or without counts", () => {
    expect(enrollmentRisks(seats(3, 3))).toEqual([]);
    expect(enrollmentRisks(seats(0, 0))).toEqual([]);
    expect(enrollmentRisks(undefined)).toEqual([]);
  });
});
