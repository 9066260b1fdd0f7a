import { expect } from "vitest";
import { type client, unique, uniqueEmail } from "./app.js";

type Api = ReturnType<typeof client>;

/**
 * A small training operation for scheduling tests: a Berlin site with two rooms, a course that
 * needs an SQL skill of its own and a projector, two qualified instructors (Mon–Fri 08:00–18:00 Berlin), an
 * unqualified one, and ten laptops.
 */
export async function schedulingWorld(api: Api) {
  const ok = async (response: Promise<{ status: number; body: any }>) => {
    const result = await response;
    expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
    return result.body;
  };
  const location = await ok(api.post("/locations", { name: unique("Berlin"), timeZone: "Europe/Berlin" }));
  const otherSite = await ok(api.post("/locations", { name: unique("Munich"), timeZone: "Europe/Berlin" }));
  const roomA = await ok(
    api.post("/rooms", {
      locationId: location.id,
      name: unique("Room A"),
      capacity: 12,
      features: ["projector"],
      setupMinutes: 30,
      teardownMinutes: 15,
    }),
  );
  const roomB = await ok(
    api.post("/rooms", {
      locationId: location.id,
      name: unique("Room B"),
      capacity: 20,
      features: ["projector"],
    }),
  );
  // A skill of this world only: other tests' instructors in the tenant never qualify as substitutes.
  const skill = unique("sql");
  const course = await ok(
    api.post("/courses", {
      code: unique("SQL"),
      title: "SQL Basics",
      formats: ["ilt", "vilt", "hybrid"],
      maxSeats: 10,
      requiredQualifications: [skill],
      requiredRoomFeatures: ["projector"],
    }),
  );
  const weekdays = {
    rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: "08:00", endTime: "18:00" })),
  };
  const instructor = async (name: string, skills: string[], dayRateMinor: number) => {
    const created = await ok(
      api.post("/instructors", {
        name,
        email: uniqueEmail("teacher"),
        homeLocationId: location.id,
        dayRateMinor,
      }),
    );
    for (const skill of skills) await ok(api.post(`/instructors/${created.id}/qualifications`, { skill }));
    const put = await api.put(`/instructors/${created.id}/availability-rules`, weekdays);
    expect(put.status).toBe(200);
    return created;
  };
  const anna = await instructor(unique("Anna Schmidt"), [skill], 60_000);
  const ben = await instructor(unique("Ben Weber"), [skill], 50_000);
  const carl = await instructor(unique("Carl Unqualified"), [], 40_000);
  const laptops = await ok(
    api.post("/equipment", { name: "Laptops", kind: "laptop", quantity: 10, locationId: location.id }),
  );
  return { location, otherSite, roomA, roomB, course, anna, ben, carl, laptops };
}

export type World = Awaited<ReturnType<typeof schedulingWorld>>;

/** A one-day ILT session body on a date, in Berlin, with the given extras. */
export function sessionBody(
  world: World,
  date: string,
  extra: Record<string, unknown> = {},
  times = ["09:00", "17:00"],
) {
  return {
    courseId: world.course.id,
    timeZone: "Europe/Berlin",
    format: "ilt",
    locationId: world.location.id,
    segments: [{ start: `${date}T${times[0]}`, end: `${date}T${times[1]}`, roomId: world.roomA.id }],
    instructors: [{ instructorId: world.anna.id, role: "lead" }],
    ...extra,
  };
}
