import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileModel } from "../compile-model.js";
import { scoreAssignment } from "../score-assignment.js";
import { cttToModel, parseCtt, writeSolution } from "./ctt.js";
import { TOY } from "./fixtures.js";
import { formatReport, formatSummary, validateItc } from "./validate.js";

const toy = parseCtt(TOY);

describe("ITC2007 validator", () => {
  it("scores a feasible solution: one isolated curriculum lecture (2), nothing else", () => {
    const v = validateItc(toy, "A r1 0 0\nA r1 0 1\nA r1 1 0\nB r2 0 2\nB r2 1 1\nC r1 1 2\n");
    expect(v).toMatchObject({ violations: 0, totalCost: 2, curriculumCompactness: 2, warnings: [] });
    expect(v.details).toEqual([
      "[S(2)] Curriculum q2 has an isolated lecture at period 2 (day 0, timeslot 2)",
    ]);
    expect(formatSummary(v)).toBe(
      [
        "Violations of Lectures (hard) : 0",
        "Violations of Conflicts (hard) : 0",
        "Violations of Availability (hard) : 0",
        "Violations of RoomOccupation (hard) : 0",
        "Cost of RoomCapacity (soft) : 0",
        "Cost of MinWorkingDays (soft) : 0",
        "Cost of CurriculumCompactness (soft) : 2",
        "Cost of RoomStability (soft) : 0",
        "",
        "Summary: Total Cost = 2",
      ].join("\n"),
    );
  });

  it("counts every violation type by hand, skipping repeated and unknown entries with warnings", () => {
    const solution = [
      "A r1 0 0",
      "A r1 0 0", // repeated: skipped, so A has 2 of its 3 lectures (Lectures 1)
      "A r2 1 2", // unavailable (Availability), second room of A (RoomStability 1)
      "B r1 0 0", // B unavailable at 0 0, shares r1 with A (RoomOccupation 1), conflicts with A (q1)
      "B r1 0 1", // B has 50 students in r1 (40): 10 twice; B only on day 0 (MinWorkingDays 5)
      "C r2 0 1", // C and B share q2 at period 1 (Conflicts)
      "X r1 0 2", // unknown course
    ].join("\n");
    const v = validateItc(toy, solution);
    expect(v).toMatchObject({
      lectures: 1,
      conflicts: 2,
      availability: 2,
      roomOccupation: 1,
      roomCapacity: 20,
      minWorkingDays: 5,
      curriculumCompactness: 2, // A alone at the last period of day 1 in q1
      roomStability: 1,
      violations: 6,
      totalCost: 28,
    });
    expect(v.warnings).toEqual([
      "WARNING: Repeated entry: A r1 0 0 (entry skipped)",
      "WARNING: Nonexisting course X (entry skipped)",
    ]);
    expect(v.details).toContain("[H] Too few lectures for course A");
    expect(v.details).toContain("[H] Courses A and B have both a lecture at period 0 (day 0, timeslot 0)");
    expect(v.details).toContain("[H] Course B has a lecture at unavailable period 0 (day 0, timeslot 0)");
    expect(v.details).toContain("[S(10)] Room r1 too small for course B the period 1 (day 0, timeslot 1)");
    expect(v.details).toContain("[S(5)] The course B has only 1 days of lecture");
    expect(v.details).toContain("[S(1)] Course A uses 2 different rooms");
    const report = formatReport(v);
    expect(report).toContain("There are 2 warnings!\nSummary: Violations = 6, Total Cost = 28");
  });

  it("counts a room holding three lectures as two violations and isolation per lecture", () => {
    const v = validateItc(toy, "A r1 1 1\nB r1 1 1\nC r1 1 1\n");
    expect(v).toMatchObject({
      lectures: 3, // A misses 2, B misses 1
      conflicts: 3, // A-B (q1), B-C (q2), A-C (teacher tA)
      availability: 0,
      roomOccupation: 2,
      roomCapacity: 10,
      minWorkingDays: 10,
      curriculumCompactness: 8, // two lectures of q1 and two of q2, all isolated
      roomStability: 0,
    });
    expect(v.details).toContain("[H] 3 lectures in room r1 the period 4 (day 1, timeslot 1) [2 violations]");
    expect(formatSummary(v)).toMatch(/Summary: Violations = 8, Total Cost = 28$/);
  });

  it("an empty solution misses every lecture", () => {
    const v = validateItc(toy, "");
    expect(v.lectures).toBe(6);
    expect(v.minWorkingDays).toBe(25);
    expect(formatSummary(v)).toMatch(/Summary: Violations = 6, Total Cost = 25$/);
  });

  it("agrees with the solver's own scoring on random timetables; Violations = 0 only when feasible", () => {
    const model = cttToModel(toy);
    const m = compileModel(model);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat(m.R - 1)), { minLength: m.E, maxLength: m.E }),
        (genes) => {
          const period = genes.map(([p], e) => {
            const domain = model.events[e]!.periods!;
            return domain[p % domain.length]!;
          });
          const room = genes.map(([, r]) => r);
          const inst = genes.map(() => 0);
          const own = scoreAssignment(m, period, room, inst);
          const v = validateItc(toy, writeSolution(toy, model, { period, room }));
          expect(v.violations === 0).toBe(own.hard === 0);
          if (own.hard === 0) expect(v.totalCost).toBe(own.soft);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe(".ctt parser", () => {
  it("reads the sections and maps lectures, teachers, curricula and unavailability", () => {
    expect(toy).toMatchObject({ name: "Toy", days: 2, periodsPerDay: 3 });
    expect(toy.courses[1]).toEqual({ id: "B", teacher: "tB", lectures: 2, minDays: 2, students: 50 });
    const model = cttToModel(toy);
    expect(model.events).toHaveLength(6);
    expect(model.instructors).toEqual([{ id: "tA" }, { id: "tB" }]);
    expect(model.events[0]!.periods).toEqual([0, 1, 2, 3, 4]);
    expect(model.events[3]!.periods).toEqual([1, 2, 3, 4, 5]);
    expect(model.groups).toEqual([
      { id: "q1", courses: [0, 1], compact: true },
      { id: "q2", courses: [1, 2], compact: true },
    ]);
  });

  it("rejects malformed files naming what it expected", () => {
    expect(() => parseCtt("Name: x\nCourses: two")).toThrow(/Courses must be a non-negative integer/);
    expect(() => parseCtt(TOY.replace("q2 2 B C", "q2 2 B Z"))).toThrow(/unknown course Z/);
    expect(() => parseCtt(TOY.replace("END.", ""))).toThrow(/unexpected end of file/);
  });
});
