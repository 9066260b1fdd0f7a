// Loads a demo training company into one tenant through the core services (never raw SQL).
import type { Core } from "../app.js";
import { systemActor } from "../auth/actor.js";
import { courseInputSchema, courseQuerySchema } from "../catalog/courses.schemas.js";
import { clientInputSchema } from "../clients/clients.schemas.js";
import {
  availabilityInputSchema,
  instructorInputSchema,
  qualificationInputSchema,
  timeOffInputSchema,
} from "../instructors/instructors.schemas.js";
import { learnerInputSchema } from "../learners/learners.schemas.js";
import { equipmentInputSchema } from "../resources/equipment.schemas.js";
import { locationInputSchema } from "../resources/locations.schemas.js";
import { roomInputSchema } from "../resources/rooms.schemas.js";
import { virtualPlatformInputSchema } from "../resources/virtual-platforms.schemas.js";
import { demoCourses } from "./demo-courses.js";
import {
  DEMO_COMPANY_DOMAIN,
  DEMO_CURRENCY,
  demoEquipment,
  demoLocations,
  demoPlatforms,
  demoRooms,
  demoTravelMinutes,
  type LocationKey,
} from "./demo-data.js";
import { availabilityRules, planQualifications, planTimeOff } from "./demo-instructor-plan.js";
import { planContacts, planLearners } from "./demo-learner-plan.js";
import { demoClients, demoInstructors } from "./demo-people.js";
import { DemoRandom } from "./demo-random.js";

export interface DemoSummary {
  locations: number;
  rooms: number;
  equipment: number;
  virtualPlatforms: number;
  courses: number;
  instructors: number;
  qualifications: number;
  clients: number;
  learners: number;
  skipped: boolean;
}

export type DemoCore = Pick<
  Core,
  | "locations"
  | "rooms"
  | "equipment"
  | "virtualPlatforms"
  | "courses"
  | "instructors"
  | "qualifications"
  | "availability"
  | "timeOff"
  | "clients"
  | "learners"
>;

export interface SeedDemoOptions {
  /** Same seed, same names, emails, qualifications and time off (default 1). */
  seed?: number;
  onProgress?: (message: string) => void;
}

export const DEMO_LEARNERS = 500;
const DEMO_INDIVIDUALS = 40;
const PROGRESS_EVERY = 50;

const emptySummary = (): DemoSummary => ({
  locations: 0,
  rooms: 0,
  equipment: 0,
  virtualPlatforms: 0,
  courses: 0,
  instructors: 0,
  qualifications: 0,
  clients: 0,
  learners: 0,
  skipped: false,
});

/**
 * Seeds a realistic training company: 3 sites in 3 time zones, rooms, equipment, virtual
 * platforms, a course catalog, qualified instructors with availability and time off, client
 * organisations and their learners. Does nothing when the tenant already has a course.
 */
export async function seedDemo(
  core: DemoCore,
  tenantId: string,
  options: SeedDemoOptions = {},
): Promise<DemoSummary> {
  const actor = systemActor(tenantId, "demo");
  const existing = await core.courses.list(actor, courseQuerySchema.parse({ limit: 1, archived: "include" }));
  if (existing.items.length > 0) return { ...emptySummary(), skipped: true };

  const random = new DemoRandom(options.seed ?? 1);
  const summary = emptySummary();
  const progress = (step: string, done: number, total: number) =>
    options.onProgress?.(`${step} ${done}/${total}`);

  // Sites, each with travel times to the ones created before it (the service keeps them symmetric).
  const locationIds = {} as Record<LocationKey, string>;
  for (const location of demoLocations) {
    const travelTimes = demoTravelMinutes
      .filter(([a, b]) => (a === location.key && locationIds[b]) || (b === location.key && locationIds[a]))
      .map(([a, b, minutes]) => ({ locationId: locationIds[a === location.key ? b : a], minutes }));
    const created = await core.locations.create(
      actor,
      locationInputSchema.parse({
        name: location.name,
        code: location.code,
        address: location.address,
        timeZone: location.timeZone,
        travelTimes,
        notes: location.notes,
      }),
    );
    locationIds[location.key] = created.id;
    progress("locations", ++summary.locations, demoLocations.length);
  }

  for (const room of demoRooms) {
    await core.rooms.create(
      actor,
      roomInputSchema.parse({
        ...room,
        locationId: locationIds[room.location],
        costPerHourMinor: room.costPerHourMinor ?? null,
        currency: DEMO_CURRENCY,
      }),
    );
    progress("rooms", ++summary.rooms, demoRooms.length);
  }

  for (const pool of demoEquipment) {
    await core.equipment.create(
      actor,
      equipmentInputSchema.parse({
        ...pool,
        locationId: pool.location && locationIds[pool.location],
        currency: DEMO_CURRENCY,
      }),
    );
    progress("equipment", ++summary.equipment, demoEquipment.length);
  }

  for (const platform of demoPlatforms) {
    await core.virtualPlatforms.create(actor, virtualPlatformInputSchema.parse(platform));
    progress("virtual platforms", ++summary.virtualPlatforms, demoPlatforms.length);
  }

  const courseIds = new Map<string, string>();
  for (const course of demoCourses) {
    const created = await core.courses.create(
      actor,
      courseInputSchema.parse({
        code: course.code,
        title: course.title,
        description: course.summary,
        formats: course.formats ?? ["ilt"],
        durationDays: course.days,
        dayStartTime: course.hours?.[0] ?? "09:00",
        dayEndTime: course.hours?.[1] ?? "17:00",
        minSeats: course.seats?.[0] ?? 4,
        maxSeats: course.seats?.[1] ?? 16,
        requiredQualifications: course.skills ?? [],
        requiredRoomFeatures: course.features ?? [],
        requiredEquipment: course.equipment ?? [],
        materials: course.materials ?? [],
        listPriceMinor: course.price * 100,
        currency: DEMO_CURRENCY,
        certificateValidityMonths: course.certificateMonths ?? null,
        language: "en",
        tags: [course.area, ...(course.tags ?? [])],
      }),
    );
    courseIds.set(course.code, created.id);
    progress("courses", ++summary.courses, demoCourses.length);
  }

  const qualificationPlans = planQualifications(random, demoInstructors, demoCourses);
  for (const [index, instructor] of demoInstructors.entries()) {
    const created = await core.instructors.create(
      actor,
      instructorInputSchema.parse({
        name: instructor.name,
        email: instructor.email.includes("@")
          ? instructor.email
          : `${instructor.email}@${DEMO_COMPANY_DOMAIN}`,
        phone: instructor.phone,
        kind: instructor.kind,
        homeLocationId: locationIds[instructor.home],
        dayRateMinor: instructor.dayRate,
        hourRateMinor: instructor.hourRate ?? null,
        currency: DEMO_CURRENCY,
        maxDaysPerWeek: instructor.maxDaysPerWeek ?? null,
        maxDaysPerMonth: instructor.maxDaysPerMonth ?? null,
        languages: instructor.languages,
        tags: [...instructor.areas, instructor.kind],
      }),
    );
    for (const qualification of qualificationPlans[index]!) {
      const { courseCode, ...rest } = qualification;
      await core.qualifications.add(
        actor,
        created.id,
        qualificationInputSchema.parse({ ...rest, courseId: courseCode ? courseIds.get(courseCode) : null }),
      );
      summary.qualifications++;
    }
    await core.availability.replace(
      actor,
      created.id,
      availabilityInputSchema.parse({ rules: availabilityRules(instructor.availability) }),
    );
    for (const timeOff of planTimeOff(random)) {
      await core.timeOff.add(actor, created.id, timeOffInputSchema.parse(timeOff));
    }
    progress("instructors", ++summary.instructors, demoInstructors.length);
  }

  const clientIds: string[] = [];
  for (const client of demoClients) {
    const created = await core.clients.create(
      actor,
      clientInputSchema.parse({
        name: client.name,
        code: client.code,
        contacts: planContacts(client),
        billing: {
          email: `accounts.payable@${client.domain}`,
          address: client.address,
          taxId: client.taxId,
          paymentTermsDays: client.paymentTermsDays,
          purchaseOrderRequired: client.purchaseOrderRequired,
        },
        currency: DEMO_CURRENCY,
        tags: [client.industry, ...(client.weight >= 60 ? ["key-account"] : [])],
      }),
    );
    clientIds.push(created.id);
    progress("clients", ++summary.clients, demoClients.length);
  }

  const learners = planLearners(random, demoClients, { total: DEMO_LEARNERS, individuals: DEMO_INDIVIDUALS });
  for (const learner of learners) {
    await core.learners.create(
      actor,
      learnerInputSchema.parse({
        ...learner,
        clientId: learner.client === null ? null : clientIds[learner.client],
      }),
    );
    summary.learners++;
    if (summary.learners % PROGRESS_EVERY === 0 || summary.learners === learners.length) {
      progress("learners", summary.learners, learners.length);
    }
  }
  return summary;
}
