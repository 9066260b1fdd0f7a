import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase, type TestContext } from "../../../test/app.js";
import { type Actor, systemActor } from "../auth/actor.js";
import type { Course } from "../catalog/courses.schemas.js";
import type { Qualification } from "../instructors/instructors.schemas.js";
import type { Learner } from "../learners/learners.schemas.js";
import type { Page } from "../shared/schemas.js";
import { DEMO_LEARNERS, type DemoSummary, seedDemo } from "./seed-demo.js";

/** Every item of a paged list. */
async function all<T extends { id: string }>(
  list: (query: { limit: number; cursor?: string; archived: "include" }) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 500, archived: "include", ...(cursor && { cursor }) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

const courseCodes = async (ctx: TestContext, actor: Actor) =>
  (await all<Course>((q) => ctx.core.courses.list(actor, q))).map((c) => c.code).sort();
const learnerEmails = async (ctx: TestContext, actor: Actor) =>
  (await all<Learner>((q) => ctx.core.learners.list(actor, q))).map((l) => l.email).sort();

const validOn = (q: Qualification, date: string) =>
  (q.validFrom === null || q.validFrom <= date) && (q.validUntil === null || q.validUntil >= date);

describeEachDatabase("demo seed", (context) => {
  let summary: DemoSummary;
  let seconds: number;

  beforeAll(async () => {
    const started = performance.now();
    const messages: string[] = [];
    summary = await seedDemo(context().core, context().a.id, {
      seed: 7,
      onProgress: (message) => messages.push(message),
    });
    seconds = (performance.now() - started) / 1000;
    console.info(`demo seed [${context().kind}]: ${seconds.toFixed(2)} s`, summary);
    expect(messages).toContain(`courses ${summary.courses}/${summary.courses}`);
    expect(messages).toContain(`learners ${DEMO_LEARNERS}/${DEMO_LEARNERS}`);
  }, 120_000);

  it("creates a whole training company", () => {
    expect(summary.skipped).toBe(false);
    expect(summary.locations).toBe(3);
    expect(summary.rooms).toBeGreaterThanOrEqual(8);
    expect(summary.rooms).toBeLessThanOrEqual(12);
    expect(summary.equipment).toBeGreaterThanOrEqual(5);
    expect(summary.virtualPlatforms).toBe(3);
    expect(summary.courses).toBeGreaterThanOrEqual(35);
    expect(summary.courses).toBeLessThanOrEqual(50);
    expect(summary.instructors).toBeGreaterThanOrEqual(15);
    expect(summary.instructors).toBeLessThanOrEqual(25);
    expect(summary.qualifications).toBeGreaterThanOrEqual(summary.instructors * 2);
    expect(summary.clients).toBeGreaterThanOrEqual(8);
    expect(summary.clients).toBeLessThanOrEqual(12);
    expect(summary.learners).toBe(DEMO_LEARNERS);
  });

  it("stays well inside the time budget", () => {
    expect(seconds).toBeLessThan(30);
  });

  it("puts the sites in three time zones with symmetric travel times", async () => {
    const { core, a } = context();
    const locations = (await core.locations.list(a.actor, { limit: 50, archived: "exclude" })).items;
    expect(new Set(locations.map((l) => l.timeZone)).size).toBe(3);
    for (const location of locations) {
      expect(location.travelTimes).toHaveLength(2);
      for (const time of location.travelTimes) {
        const other = locations.find((l) => l.id === time.locationId)!;
        expect(other.travelTimes).toContainEqual({ locationId: location.id, minutes: time.minutes });
      }
    }
    const instructors = (await core.instructors.list(a.actor, { limit: 100, archived: "exclude" })).items;
    for (const instructor of instructors) {
      const home = locations.find((l) => l.id === instructor.homeLocationId)!;
      expect(instructor.timeZone).toBe(home.timeZone);
    }
  });

  it("has a qualified instructor for every course that asks for skills", async () => {
    const { core, a } = context();
    const courses = await all<Course>((q) => core.courses.list(a.actor, q));
    const instructors = (await core.instructors.list(a.actor, { limit: 100, archived: "exclude" })).items;
    const qualifications = await Promise.all(instructors.map((i) => core.qualifications.list(a.actor, i.id)));
    const date = "2027-06-15";
    const demanding = courses.filter((course) => course.requiredQualifications.length > 0);
    expect(demanding.length).toBeGreaterThan(10);
    for (const course of demanding) {
      const qualified = qualifications.filter((held) => {
        const valid = held.filter((q) => validOn(q, date));
        return (
          valid.some((q) => q.courseId === course.id) ||
          course.requiredQualifications.every((skill) => valid.some((q) => q.skill === skill))
        );
      });
      expect(qualified.length, `${course.code} has nobody qualified`).toBeGreaterThan(0);
    }
    // the data is interesting: some qualifications have already lapsed
    expect(qualifications.flat().some((q) => q.validUntil !== null && q.validUntil < "2027-01-01")).toBe(
      true,
    );
    const availability = await core.availability.get(a.actor, instructors[0]!.id);
    expect(availability.rules.length).toBeGreaterThan(0);
    const timeOff = await core.timeOff.list(a.actor, instructors[0]!.id, {});
    expect(timeOff.length).toBeGreaterThan(0);
  });

  it("has a room and enough equipment for a full run of every classroom course", async () => {
    const { core, a } = context();
    const courses = await all<Course>((q) => core.courses.list(a.actor, q));
    const rooms = (await core.rooms.list(a.actor, { limit: 100, archived: "exclude" })).items;
    const equipment = (await core.equipment.list(a.actor, { limit: 100, archived: "exclude" })).items;
    for (const course of courses.filter((c) => c.formats.some((f) => f !== "vilt"))) {
      const fitting = rooms.filter(
        (room) =>
          room.capacity >= course.maxSeats &&
          course.requiredRoomFeatures.every((feature) => room.features.includes(feature)) &&
          course.requiredEquipment.every((need) => {
            const stock = equipment
              .filter((pool) => pool.kind === need.kind)
              .filter((pool) => pool.locationId === null || pool.locationId === room.locationId)
              .reduce((sum, pool) => sum + pool.quantity, 0);
            return stock >= need.quantity * (need.perLearner ? course.maxSeats : 1);
          }),
      );
      expect(fitting.length, `${course.code} fits no room`).toBeGreaterThan(0);
    }
  });

  it("gives every learner a unique email, most of them at their client's domain", async () => {
    const { core, a } = context();
    const learners = await all<Learner>((q) => core.learners.list(a.actor, q));
    expect(learners).toHaveLength(DEMO_LEARNERS);
    const emails = learners.map((l) => l.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    const clients = (await core.clients.list(a.actor, { limit: 100, archived: "exclude" })).items;
    const withClient = learners.filter((l) => l.clientId !== null);
    expect(withClient.length).toBeGreaterThan(DEMO_LEARNERS * 0.8);
    expect(withClient.length).toBeLessThan(DEMO_LEARNERS);
    for (const learner of withClient) {
      const client = clients.find((c) => c.id === learner.clientId)!;
      const domain = client.billing.email!.split("@")[1];
      expect(learner.email.endsWith(`@${domain}`)).toBe(true);
    }
    for (const client of clients) expect(client.contacts.filter((c) => c.isPrimary)).toHaveLength(1);
    expect(learners.filter((l) => l.managerEmail !== null).length).toBeGreaterThan(DEMO_LEARNERS / 2);
  });

  it("skips a tenant that already has courses", async () => {
    const { core, a } = context();
    const before = await learnerEmails(context(), a.actor);
    const again = await seedDemo(core, a.id, { seed: 7 });
    expect(again).toEqual({
      locations: 0,
      rooms: 0,
      equipment: 0,
      virtualPlatforms: 0,
      courses: 0,
      instructors: 0,
      qualifications: 0,
      clients: 0,
      learners: 0,
      skipped: true,
    });
    expect(await learnerEmails(context(), a.actor)).toEqual(before);
  });

  it("gives the same data for the same seed and other people for another seed", async () => {
    const { core, a, b } = context();
    const second = await seedDemo(core, b.id, { seed: 7 });
    expect(second).toEqual(summary);
    expect(await courseCodes(context(), b.actor)).toEqual(await courseCodes(context(), a.actor));
    expect(await learnerEmails(context(), b.actor)).toEqual(await learnerEmails(context(), a.actor));

    const { tenant } = await core.tenancy.ensureTenant("tenant-demo-other-seed");
    const other = systemActor(tenant.id, "test");
    await seedDemo(core, tenant.id, { seed: 8 });
    expect(await learnerEmails(context(), other)).not.toEqual(await learnerEmails(context(), a.actor));
  }, 120_000);
});
