import { createAuditService } from "./audit/audit.service.js";
import { createAuthService } from "./auth/auth.service.js";
import { createCourseService } from "./catalog/courses.service.js";
import { createClientService } from "./clients/clients.service.js";
import type { Config } from "./config.js";
import { createDatabase, type Database } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { createExportService } from "./imports/export-csv.js";
import { createImportService } from "./imports/import-csv.js";
import { createAvailabilityService } from "./instructors/availability.service.js";
import { createInstructorService } from "./instructors/instructors.service.js";
import { createQualificationService } from "./instructors/qualifications.service.js";
import { createTimeOffService } from "./instructors/time-off.service.js";
import { createLearnerService } from "./learners/learners.service.js";
import { createEquipmentService } from "./resources/equipment.service.js";
import { createLocationService } from "./resources/locations.service.js";
import { createRoomService } from "./resources/rooms.service.js";
import { createVirtualPlatformService } from "./resources/virtual-platforms.service.js";
import { createSchedulingService } from "./scheduling/scheduling.service.js";
import { type Clock, systemClock } from "./shared/clock.js";
import { createTenancyService } from "./tenancy/tenancy.service.js";
import { createWebAuthService } from "./web-auth/web-auth.service.js";

export interface CoreOptions {
  clock?: Clock;
  /** Run pending migrations before returning (default true). */
  migrate?: boolean;
}

/** The one place that wires repositories and services. Server, CLI and tests all start here. */
export async function createCore(
  config: Pick<Config, "DATABASE_URL" | "DATABASE_POOL_MAX">,
  options: CoreOptions = {},
) {
  const database = createDatabase(config.DATABASE_URL, { poolMax: config.DATABASE_POOL_MAX });
  try {
    if (options.migrate !== false) await migrateToLatest(database);
  } catch (error) {
    await database.destroy();
    throw error;
  }
  return wireServices(database, options.clock ?? systemClock);
}

export function wireServices(database: Database, clock: Clock) {
  const deps = { database, clock };
  return {
    database,
    clock,
    tenancy: createTenancyService(deps),
    auth: createAuthService(deps),
    audit: createAuditService(deps),
    courses: createCourseService(deps),
    locations: createLocationService(deps),
    rooms: createRoomService(deps),
    equipment: createEquipmentService(deps),
    virtualPlatforms: createVirtualPlatformService(deps),
    instructors: createInstructorService(deps),
    qualifications: createQualificationService(deps),
    availability: createAvailabilityService(deps),
    timeOff: createTimeOffService(deps),
    clients: createClientService(deps),
    learners: createLearnerService(deps),
    sessions: createSchedulingService(deps),
    imports: createImportService(deps),
    exports: createExportService(deps),
    webAuth: createWebAuthService(deps),
    close: () => database.destroy(),
  };
}

export type Core = ReturnType<typeof wireServices>;
