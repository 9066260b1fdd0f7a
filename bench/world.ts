import type { Core } from "../src/core/app.js";
import type { Actor } from "../src/core/auth/actor.js";
import { entityStore } from "../src/core/db/entity-store.js";
import type {
  BookingsTable,
  SessionInstructorsTable,
  SessionSegmentsTable,
  SessionsTable,
} from "../src/core/db/schema.js";
import { newId } from "../src/core/shared/ids.js";
import { addDays, localToInstant } from "../src/core/time/zoned.js";
import { mulberry32 } from "./support.js";

// The benchmarks' training company: 20 sites in four zones, 5 rooms each, 150 qualified
// instructors, and years of confirmed one-day sessions inserted in bulk (conflict-free by
// construction), PER_DAY of them a day from a Monday on (FIRST_DAY unless given).

export const LOCATIONS = 20;
export const ROOMS_PER_LOCATION = 5;
export const INSTRUCTORS = 150;
export const PER_DAY = 33;
export const FIRST_DAY = "2022-01-03";
const ZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "Asia/Singapore"];

/** A course every seeded instructor is qualified for and every seeded room fits. */
export function benchCourse(code: string, title: string, durationDays: number) {
  return {
    code,
    title,
    description: null,
    formats: ["ilt" as const, "vilt" as const],
    durationDays,
    dayStartTime: "09:00",
    dayEndTime: "17:00",
    minSeats: 1,
    maxSeats: 12,
    requiredQualifications: ["bench"],
    requiredRoomFeatures: ["projector"],
    requiredEquipment: [],
    materials: [],
    listPriceMinor: 100_000,
    certificateValidityMonths: null,
    language: null,
    tags: [],
  };
}

/** Reference data through the services; the sessions in bulk, conflict-free by construction. */
export async function seedWorld(core: Core, actor: Actor, sessionCount: number, firstDay = FIRST_DAY) {
  const random = mulberry32(7);
  const locations = [];
  for (let index = 0; index < LOCATIONS; index++) {
    locations.push(
      await core.locations.create(actor, {
        name: `Site ${index}`,
        code: null,
        address: {},
        timeZone: ZONES[index % ZONES.length]!,
        travelTimes: [],
        notes: null,
      }),
    );
  }
  const rooms = [];
  for (const location of locations) {
    for (let index = 0; index < ROOMS_PER_LOCATION; index++) {
      rooms.push(
        await core.rooms.create(actor, {
          locationId: location.id,
          name: `Room ${index}`,
          capacity: 12 + index * 4,
          features: ["projector"],
          costPerDayMinor: 30_000,
          costPerHourMinor: null,
          setupMinutes: 15,
          teardownMinutes: 15,
          notes: null,
        }),
      );
    }
  }
  const course = await core.courses.create(actor, benchCourse("BENCH-1", "Benchmark course", 5));
  const instructors = [];
  for (let index = 0; index < INSTRUCTORS; index++) {
    const instructor = await core.instructors.create(actor, {
      name: `Instructor ${index}`,
      email: `i${index}@bench.example`,
      phone: null,
      kind: "internal",
      homeLocationId: locations[index % LOCATIONS]!.id,
      dayRateMinor: 50_000 + index * 100,
      hourRateMinor: null,
      maxDaysPerWeek: 5,
      maxDaysPerMonth: 20,
      languages: [],
      tags: [],
      notes: null,
    });
    await core.qualifications.add(actor, instructor.id, {
      courseId: null,
      skill: "bench",
      level: null,
      validFrom: null,
      validUntil: null,
      notes: null,
    });
    await core.availability.replace(actor, instructor.id, {
      rules: [1, 2, 3, 4, 5].map((weekday) => ({
        weekday,
        startTime: "07:00",
        endTime: "19:00",
        validFrom: null,
        validUntil: null,
      })),
    });
    instructors.push(instructor);
  }
  const laptops = await core.equipment.create(actor, {
    name: "Laptops",
    kind: "laptop",
    quantity: 400,
    locationId: null,
    costPerDayMinor: null,
    notes: null,
  });

  const { db, dialect } = core.database;
  const now = Date.now();
  let sessions: SessionsTable[] = [];
  let segments: SessionSegmentsTable[] = [];
  let assignments: SessionInstructorsTable[] = [];
  let bookings: BookingsTable[] = [];
  let bookingCount = 0;
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      await entityStore.insertMany(trx, dialect, "sessions", sessions);
      await entityStore.insertMany(trx, dialect, "session_segments", segments);
      await entityStore.insertMany(trx, dialect, "session_instructors", assignments);
      await entityStore.insertMany(trx, dialect, "bookings", bookings);
    });
    bookingCount += bookings.length;
    sessions = [];
    segments = [];
    assignments = [];
    bookings = [];
  };
  for (let index = 0; index < sessionCount; index++) {
    const day = Math.floor(index / PER_DAY);
    const slot = index % PER_DAY;
    const date = addDays(firstDay, day);
    const room = rooms[slot % rooms.length]!;
    const location = locations.find((l) => l.id === room.locationId)!;
    const instructor = instructors[(day * PER_DAY + slot) % INSTRUCTORS]!;
    const zone = location.timeZone;
    const parts =
      random() < 0.25
        ? [
            ["09:00", "12:00"],
            ["13:00", "17:00"],
          ]
        : [["09:00", "17:00"]];
    const id = newId();
    const rows = parts.map(([start, end], position) => ({
      tenant_id: actor.tenantId,
      id: newId(),
      session_id: id,
      position,
      start_local: `${date}T${start}`,
      end_local: `${date}T${end}`,
      starts_at: localToInstant(`${date}T${start}`, zone),
      ends_at: localToInstant(`${date}T${end}`, zone),
      local_date: date,
      room_id: room.id,
    }));
    sessions.push({
      tenant_id: actor.tenantId,
      id,
      course_id: course.id,
      title: null,
      format: "ilt",
      time_zone: zone,
      location_id: location.id,
      visibility: "public",
      client_id: null,
      min_seats: 1,
      max_seats: 12,
      price_minor: 100_000,
      currency: "EUR",
      virtual_platform_id: null,
      join_url: null,
      notes: null,
      status: "confirmed",
      series_id: null,
      starts_at: rows[0]!.starts_at,
      ends_at: rows.at(-1)!.ends_at,
      start_date: date,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    segments.push(...rows);
    assignments.push({
      tenant_id: actor.tenantId,
      id: newId(),
      session_id: id,
      instructor_id: instructor.id,
      role: "lead",
      segment_ids_json: null,
      status: "accepted",
      respond_by: null,
      responded_at: null,
      response_note: null,
      override_reason: null,
      created_at: now,
      updated_at: now,
    });
    for (const segment of rows) {
      const base = {
        tenant_id: actor.tenantId,
        session_id: id,
        segment_id: segment.id,
        starts_at: segment.starts_at,
        ends_at: segment.ends_at,
        quantity: 1,
        location_id: location.id,
        created_at: now,
      };
      bookings.push({
        ...base,
        id: newId(),
        resource_type: "instructor",
        resource_id: instructor.id,
        busy_from: segment.starts_at,
        busy_to: segment.ends_at,
      });
      bookings.push({
        ...base,
        id: newId(),
        resource_type: "room",
        resource_id: room.id,
        busy_from: segment.starts_at - 900_000,
        busy_to: segment.ends_at + 900_000,
      });
    }
    if (sessions.length === 2000) await flush();
  }
  await flush();
  return {
    rooms,
    instructors,
    course,
    laptops,
    locations,
    bookingCount,
    firstDay,
    days: Math.ceil(sessionCount / PER_DAY),
  };
}

export type World = Awaited<ReturnType<typeof seedWorld>>;
