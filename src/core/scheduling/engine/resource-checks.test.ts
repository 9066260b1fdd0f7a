import { describe, expect, it } from "vitest";
import { at, booking, context, course, proposal, room, segment } from "../../../../test/engine-fixtures.js";
import { peakQuantity } from "./equipment-checks.js";
import { findConflicts } from "./find-conflicts.js";
import type { ConflictType, EquipmentProfile, ExistingBooking, Proposal, RoomProfile } from "./types.js";

const laptops: EquipmentProfile = { id: "laptops", name: "Laptops", kind: "laptop", quantity: 10 };

function check(
  type: ConflictType,
  options: {
    proposal?: Partial<Proposal>;
    rooms?: RoomProfile[];
    bookings?: ExistingBooking[];
    learners?: [string, string][];
    features?: string[];
  } = {},
) {
  const world = context({
    instructors: [],
    rooms: options.rooms ?? [room()],
    equipment: [laptops],
    learners: options.learners ?? [],
    bookings: options.bookings ?? [],
    course: course({ requiredRoomFeatures: options.features ?? ["projector"] }),
  });
  return findConflicts(proposal({ instructors: [], ...options.proposal }), world).filter(
    (c) => c.type === type,
  );
}

describe("rooms", () => {
  // The session in Room A is 09:00–17:00 on Mon 29 Mar; the other booking is busy 08:30–17:15 with its buffers.
  const inRoom = (start: string, end: string) => ({
    segments: [segment("seg-1", start, end, { roomId: "room-a" })],
  });
  const taken = booking({
    resourceType: "room",
    resourceId: "room-a",
    start: at("2027-03-29T09:00"),
    end: at("2027-03-29T17:00"),
    busyFrom: at("2027-03-29T08:30"),
    busyTo: at("2027-03-29T17:15"),
  });
  const buffered = [room({ setupMinutes: 30, teardownMinutes: 15 })];

  it("counts the other booking's setup and teardown, and this segment's", () => {
    expect(
      check("room_double_booked", {
        proposal: inRoom("2027-03-29T17:15", "2027-03-29T19:00"),
        bookings: [taken],
      }),
    ).toEqual([]);
    expect(
      check("room_double_booked", {
        proposal: inRoom("2027-03-29T17:00", "2027-03-29T19:00"),
        bookings: [taken],
      }),
    ).toHaveLength(1);
    const [tooSoon] = check("room_double_booked", {
      proposal: inRoom("2027-03-29T17:40", "2027-03-29T19:00"),
      rooms: buffered,
      bookings: [taken],
    });
    expect(tooSoon).toMatchObject({
      severity: "blocking",
      segmentKey: "seg-1",
      resource: { type: "room", id: "room-a", name: "Room A" },
      message:
        'Room A is already booked for "PM-101 Project Management" on Mon 29 Mar 2027 08:30–17:15 (Europe/Berlin), ' +
        "setup and teardown included; this segment needs it Mon 29 Mar 2027 17:10–19:15 with 30 min setup and 15 min teardown.",
      details: {
        busyFrom: "2027-03-29T06:30:00.000Z",
        busyTo: "2027-03-29T15:15:00.000Z",
        neededFrom: "2027-03-29T15:10:00.000Z",
        neededTo: "2027-03-29T17:15:00.000Z",
      },
    });
    expect(
      check("room_double_booked", {
        proposal: inRoom("2027-03-29T17:45", "2027-03-29T19:00"),
        rooms: buffered,
        bookings: [taken],
      }),
    ).toEqual([]);
    expect(
      check("room_double_booked", {
        proposal: inRoom("2027-03-29T06:00", "2027-03-29T08:15"),
        rooms: buffered,
        bookings: [taken],
      }),
    ).toEqual([]);
    expect(
      check("room_double_booked", {
        proposal: inRoom("2027-03-29T06:00", "2027-03-29T08:16"),
        rooms: buffered,
        bookings: [taken],
      }),
    ).toHaveLength(1);
  });

  it("mentions buffers only when there are some", () => {
    const plain = booking({
      resourceType: "room",
      resourceId: "room-a",
      start: at("2027-03-29T12:00"),
      end: at("2027-03-29T13:00"),
    });
    expect(
      check("room_double_booked", {
        bookings: [plain],
        proposal: inRoom("2027-03-29T09:00", "2027-03-29T17:00"),
      })[0]?.message,
    ).toBe(
      'Room A is already booked for "PM-101 Project Management" on Mon 29 Mar 2027 12:00–13:00 (Europe/Berlin).',
    );
  });

  it("reports a room that is too small or lacks features once, on its first segment", () => {
    const segments = [
      segment("seg-2", "2027-03-30T09:00", "2027-03-30T17:00", { roomId: "room-a" }),
      segment("seg-1", "2027-03-29T09:00", "2027-03-29T17:00", { roomId: "room-a" }),
    ];
    const small = check("room_too_small", { proposal: { segments, maxSeats: 15 } });
    expect(small).toHaveLength(1);
    expect(small[0]).toMatchObject({
      severity: "warning",
      segmentKey: "seg-1",
      message: "Room A seats 12, fewer than the session's 15 seats.",
      details: { capacity: 12, maxSeats: 15, segmentKeys: ["seg-1", "seg-2"] },
    });
    expect(check("room_too_small", { proposal: { segments, maxSeats: 12 } })).toEqual([]);

    const features = ["Projector", "whiteboard", "Flipchart"];
    const [missing] = check("room_missing_features", { proposal: { segments }, features });
    expect(missing).toMatchObject({
      segmentKey: "seg-1",
      message: "Room A lacks whiteboard and Flipchart, which SQL-101 requires.",
      details: { missing: ["whiteboard", "Flipchart"] },
    });
    expect(check("room_missing_features", { proposal: { segments }, features: ["PROJECTOR"] })).toEqual([]);
  });
});

describe("equipment", () => {
  const loan = (start: string, end: string, quantity: number) =>
    booking({ resourceType: "equipment", resourceId: "laptops", start: at(start), end: at(end), quantity });
  const asking = (quantity: number) => ({
    equipment: [{ equipmentId: "laptops", quantity, segmentKeys: null }],
  });

  it("adds the request to the busiest moment of other sessions during the segment", () => {
    const bookings = [
      loan("2027-03-29T08:00", "2027-03-29T11:00", 3),
      loan("2027-03-29T10:00", "2027-03-29T12:00", 4),
      loan("2027-03-29T12:00", "2027-03-29T18:00", 5),
    ];
    expect(check("equipment_short", { proposal: asking(3), bookings })).toEqual([]);
    const [short] = check("equipment_short", { proposal: asking(4), bookings });
    expect(short).toMatchObject({
      severity: "blocking",
      resource: { type: "equipment", id: "laptops", name: "Laptops" },
      message:
        "Only 3 of the 10 Laptops are free on Mon 29 Mar 2027 09:00–17:00 (Europe/Berlin); this session needs 4.",
      details: { requested: 4, inUse: 7, stock: 10 },
    });
    expect(short?.with).toHaveLength(3);
  });

  it("does not count a loan that ends exactly when another starts as concurrent", () => {
    const back = [
      loan("2027-03-29T09:00", "2027-03-29T12:00", 6),
      loan("2027-03-29T12:00", "2027-03-29T17:00", 6),
    ];
    expect(peakQuantity(back, { start: at("2027-03-29T09:00"), end: at("2027-03-29T17:00") })).toBe(6);
    expect(check("equipment_short", { proposal: asking(4), bookings: back })).toEqual([]);
    expect(check("equipment_short", { proposal: asking(5), bookings: back })[0]?.details).toEqual({
      requested: 5,
      inUse: 6,
      stock: 10,
    });
  });

  it("is short when the request alone exceeds stock, and sums two lines of one pool per segment", () => {
    expect(check("equipment_short", { proposal: asking(11) })[0]?.message).toBe(
      "There are only 10 Laptops; this session needs 11 on Mon 29 Mar 2027 09:00–17:00 (Europe/Berlin).",
    );
    const allOut = [loan("2027-03-29T10:00", "2027-03-29T11:00", 10)];
    expect(check("equipment_short", { proposal: asking(1), bookings: allOut })[0]?.message).toBe(
      "None of the 10 Laptops are free on Mon 29 Mar 2027 09:00–17:00 (Europe/Berlin); this session needs 1.",
    );
    const segments = [
      segment("seg-1", "2027-03-29T09:00", "2027-03-29T17:00"),
      segment("seg-2", "2027-03-30T09:00", "2027-03-30T17:00"),
    ];
    const equipment = [
      { equipmentId: "laptops", quantity: 6, segmentKeys: null },
      { equipmentId: "laptops", quantity: 5, segmentKeys: ["seg-2"] },
    ];
    expect(check("equipment_short", { proposal: { segments, equipment } }).map((c) => c.segmentKey)).toEqual([
      "seg-2",
    ]);
  });
});

describe("learners", () => {
  it("refuses to put an enrolled learner into two sessions at once", () => {
    const elsewhere = booking({
      resourceType: "learner",
      resourceId: "lea",
      start: at("2027-03-29T16:00"),
      end: at("2027-03-29T18:00"),
    });
    const learners: [string, string][] = [["lea", "Lea Müller"]];
    const [clash] = check("learner_double_booked", {
      proposal: { learnerIds: ["lea"] },
      learners,
      bookings: [elsewhere],
    });
    expect(clash).toMatchObject({
      severity: "blocking",
      resource: { type: "learner", id: "lea", name: "Lea Müller" },
      message:
        'Lea Müller is already enrolled in "PM-101 Project Management" on Mon 29 Mar 2027 16:00–18:00 (Europe/Berlin).',
    });
    const after = { ...elsewhere, start: at("2027-03-29T17:00") };
    expect(
      check("learner_double_booked", { proposal: { learnerIds: ["lea"] }, learners, bookings: [after] }),
    ).toEqual([]);
  });
});
