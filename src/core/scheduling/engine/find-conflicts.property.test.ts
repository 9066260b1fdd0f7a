import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { booking, context, course, instructor, proposal, room } from "../../../../test/engine-fixtures.js";
import { instantToLocal, localToInstant } from "../../time/zoned.js";
import { findConflicts } from "./find-conflicts.js";
import type { ExistingBooking, Proposal, ProposedSegment } from "./types.js";

// Random schedules typed as wall-clock times in several zones around DST changes, checked
// against brute-force oracles that compare plain numbers in nested loops.

const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "Asia/Singapore",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "UTC",
];
const DST_DATES = ["2027-03-14", "2027-03-28", "2027-04-04", "2027-10-03", "2027-10-31", "2027-11-07"];
const QUARTER = 15 * 60_000;
const INSTRUCTORS = ["i1", "i2"];
const ROOMS = ["r1", "r2"];
const OWN_SESSION = "s-own";

/** A wall-clock time `quarters` quarter hours after local midnight of `date` (may be another day). */
const wallClock = (date: string, quarters: number) =>
  Temporal.PlainDateTime.from(`${date}T00:00`)
    .add({ minutes: quarters * 15 })
    .toString({ smallestUnit: "minute" });

const timesArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  from: fc.integer({ min: -96, max: 2 * 96 }),
  length: fc.integer({ min: 1, max: 48 }),
});

function interval(base: string, { zone, from, length }: { zone: string; from: number; length: number }) {
  const startLocal = wallClock(base, from);
  const endLocal = wallClock(base, from + length);
  return {
    startLocal,
    endLocal,
    start: localToInstant(startLocal, zone),
    end: localToInstant(endLocal, zone),
  };
}

const worldArb = fc.constantFrom(...DST_DATES).chain((base) =>
  fc.record({
    sessionZone: fc.constantFrom(...ZONES),
    segments: fc.array(
      fc.record({
        from: fc.integer({ min: -96, max: 2 * 96 }),
        length: fc.integer({ min: 1, max: 48 }),
        room: fc.constantFrom(null, ...ROOMS),
      }),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
    assignments: fc
      .subarray(INSTRUCTORS)
      .chain((ids) =>
        fc.tuple(
          ...ids.map((id) =>
            fc.record({ id: fc.constant(id), only: fc.option(fc.array(fc.nat(3)), { nil: null }) }),
          ),
        ),
      ),
    buffers: fc.array(fc.tuple(fc.nat(4), fc.nat(4)), { minLength: ROOMS.length, maxLength: ROOMS.length }),
    bookings: fc.array(
      fc.record({
        type: fc.constantFrom("instructor" as const, "room" as const),
        id: fc.nat(1),
        sessionId: fc.constantFrom("s-a", "s-b", OWN_SESSION),
        times: timesArb,
        setup: fc.nat(4),
        teardown: fc.nat(4),
      }),
      { maxLength: 25 },
    ),
    base: fc.constant(base),
  }),
);

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function build(world: World) {
  const segments: ProposedSegment[] = world.segments
    .map((s, k) => ({
      key: `seg-${k}`,
      roomId: s.room,
      ...interval(world.base, { zone: world.sessionZone, ...s }),
    }))
    .filter((s) => s.start < s.end);
  const keys = segments.map((s) => s.key);
  const checked: Proposal = proposal({
    sessionId: OWN_SESSION,
    timeZone: world.sessionZone,
    segments,
    instructors: world.assignments.map(({ id, only }) => ({
      instructorId: id,
      role: "lead" as const,
      segmentKeys: only === null ? null : [...new Set(only.flatMap((n) => (keys[n] ? [keys[n]] : [])))],
    })),
  });
  const rooms = ROOMS.map((id, k) =>
    room({
      id,
      name: id,
      setupMinutes: world.buffers[k]![0] * 15,
      teardownMinutes: world.buffers[k]![1] * 15,
    }),
  );
  const bookings: ExistingBooking[] = world.bookings.map((b, k) => {
    const { start, end } = interval(world.base, b.times);
    const resourceId = (b.type === "room" ? ROOMS : INSTRUCTORS)[b.id]!;
    const widen =
      b.type === "room" ? { busyFrom: start - b.setup * QUARTER, busyTo: end + b.teardown * QUARTER } : {};
    return booking({
      resourceType: b.type,
      resourceId,
      start,
      end,
      sessionId: b.sessionId,
      segmentId: `b${k}`,
      timeZone: b.times.zone,
      ...widen,
    });
  });
  return {
    checked,
    rooms,
    bookings,
    world: context({
      course: course({ requiredQualifications: [], requiredRoomFeatures: [] }),
      instructors: INSTRUCTORS.map((id) => instructor({ id, name: id })),
      rooms,
      bookings,
    }),
  };
}

describe("double bookings against a brute-force oracle", () => {
  it("reports exactly the (segment, booking) pairs that overlap, for instructors and rooms with buffers", () => {
    fc.assert(
      fc.property(worldArb, (generated) => {
        const { checked, rooms, bookings, world } = build(generated);
        const expected: string[] = [];
        for (const assignment of checked.instructors) {
          for (const s of checked.segments) {
            if (assignment.segmentKeys !== null && !assignment.segmentKeys.includes(s.key)) continue;
            for (const b of bookings) {
              if (b.resourceType !== "instructor" || b.resourceId !== assignment.instructorId) continue;
              if (b.sessionId !== OWN_SESSION && b.start < s.end && s.start < b.end) {
                expected.push(`instructor|${b.resourceId}|${s.key}|${b.segmentId}`);
              }
            }
          }
        }
        for (const s of checked.segments) {
          const r = rooms.find((candidate) => candidate.id === s.roomId);
          if (!r) continue;
          const from = s.start - r.setupMinutes * 60_000;
          const to = s.end + r.teardownMinutes * 60_000;
          for (const b of bookings) {
            if (b.resourceType !== "room" || b.resourceId !== r.id || b.sessionId === OWN_SESSION) continue;
            if (b.busyFrom < to && from < b.busyTo) expected.push(`room|${r.id}|${s.key}|${b.segmentId}`);
          }
        }
        const reported = findConflicts(checked, world)
          .filter((c) => c.type === "instructor_double_booked" || c.type === "room_double_booked")
          .map((c) => `${c.resource.type}|${c.resource.id}|${c.segmentKey}|${c.with[0]?.segmentId}`);
        expect(reported.sort()).toEqual(expected.sort());
      }),
      { numRuns: 300 },
    );
  });
});

describe("equipment against a brute-force oracle", () => {
  const equipmentArb = fc.record({
    zone: fc.constantFrom(...ZONES),
    base: fc.constantFrom(...DST_DATES),
    stock: fc.integer({ min: 1, max: 10 }),
    requested: fc.integer({ min: 1, max: 6 }),
    segment: fc.record({ from: fc.integer({ min: 0, max: 96 }), length: fc.integer({ min: 1, max: 48 }) }),
    loans: fc.array(
      fc.record({
        from: fc.integer({ min: -16, max: 160 }),
        length: fc.integer({ min: 1, max: 24 }),
        quantity: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 12 },
    ),
  });

  it("reports a shortage iff the busiest quarter hour of other loans plus the request exceeds stock", () => {
    fc.assert(
      fc.property(equipmentArb, ({ zone, base, stock, requested, segment, loans }) => {
        const s = { key: "seg-1", roomId: null, ...interval(base, { zone, ...segment }) };
        fc.pre(s.start < s.end);
        const dayStart = localToInstant(`${base}T00:00`, zone);
        const bookings = loans.map((loan, k) =>
          booking({
            resourceType: "equipment",
            resourceId: "pool",
            start: dayStart + loan.from * QUARTER,
            end: dayStart + (loan.from + loan.length) * QUARTER,
            quantity: loan.quantity,
            segmentId: `loan-${k}`,
          }),
        );
        let peak = 0;
        for (let t = s.start; t < s.end; t += QUARTER) {
          const used = bookings
            .filter((b) => b.start <= t && t < b.end)
            .reduce((sum, b) => sum + b.quantity, 0);
          peak = Math.max(peak, used);
        }
        const world = context({
          instructors: [],
          equipment: [{ id: "pool", name: "Pool", kind: "laptop", quantity: stock }],
          bookings,
        });
        const checked = proposal({
          timeZone: zone,
          segments: [
            { ...s, startLocal: instantToLocal(s.start, zone), endLocal: instantToLocal(s.end, zone) },
          ],
          instructors: [],
          equipment: [{ equipmentId: "pool", quantity: requested, segmentKeys: null }],
        });
        const short = findConflicts(checked, world).filter((c) => c.type === "equipment_short");
        expect(short.length > 0).toBe(peak + requested > stock);
        if (short[0]) expect(short[0].details).toEqual({ requested, inUse: peak, stock });
      }),
      { numRuns: 300 },
    );
  });
});
