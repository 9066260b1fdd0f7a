import { expect } from "vitest";
import { type client, unique, uniqueEmail } from "./app.js";

type Api = ReturnType<typeof client>;

export const ok = async (response: Promise<{ status: number; body: any }>) => {
  const result = await response;
  expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
  return result.body;
};

/** A virtual course (no rooms, no instructors needed) and a client. */
export async function enrollmentWorld(api: Api, maxSeats = 20, minSeats = 1) {
  const course = await ok(
    api.post("/courses", {
      code: unique("ENR"),
      title: "Enrollment Basics",
      formats: ["vilt", "ilt"],
      minSeats,
      maxSeats,
      certificateValidityMonths: 24,
    }),
  );
  const client = await ok(api.post("/clients", { name: unique("Acme") }));
  const otherClient = await ok(api.post("/clients", { name: unique("Globex") }));
  return { course, client, otherClient };
}

export type EnrollmentWorld = Awaited<ReturnType<typeof enrollmentWorld>>;

/** A one-day virtual session of the world's course on `date` in `zone` (09:00–17:00 local). */
export async function virtualSession(
  api: Api,
  world: EnrollmentWorld,
  date: string,
  extra: Record<string, unknown> = {},
  zone = "Europe/Berlin",
) {
  return ok(
    api.post("/sessions", {
      courseId: world.course.id,
      timeZone: zone,
      format: "vilt",
      segments: [{ start: `${date}T09:00`, end: `${date}T17:00` }],
      instructors: [],
      ...extra,
    }),
  );
}

export async function learners(api: Api, count: number, clientId: string | null = null) {
  const created = [];
  for (let i = 0; i < count; i++) {
    created.push(
      await ok(api.post("/learners", { name: unique("Learner"), email: uniqueEmail("learner"), clientId })),
    );
  }
  return created as { id: string; name: string; email: string }[];
}
