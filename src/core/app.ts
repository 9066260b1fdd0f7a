import { createAuditService } from "./audit/audit.service.js";
import { createAuthService } from "./auth/auth.service.js";
import { createCourseService } from "./catalog/courses.service.js";
import { createCertificateService } from "./certificates/certificates.service.js";
import { createClientService } from "./clients/clients.service.js";
import { type AutomationOptions, createAutomationWorker } from "./communications/automation.js";
import { createCommunicationsService } from "./communications/communications.service.js";
import { createSmtpMailer, type Mailer } from "./communications/mailer.js";
import { type CommsSettings, commsSettingsFrom, defaultCommsSettings } from "./communications/settings.js";
import { createComplianceService } from "./compliance/compliance.service.js";
import type { Config } from "./config.js";
import { createDatabase, type Database } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { createEnrollmentService } from "./enrollments/enrollments.service.js";
import { createExportService } from "./imports/export-csv.js";
import { createImportService } from "./imports/import-csv.js";
import { createAvailabilityService } from "./instructors/availability.service.js";
import { createInstructorService } from "./instructors/instructors.service.js";
import { createQualificationService } from "./instructors/qualifications.service.js";
import { createTimeOffService } from "./instructors/time-off.service.js";
import { createJobService } from "./jobs/jobs.service.js";
import { createLearnerService } from "./learners/learners.service.js";
import { createPlanningService } from "./planning/planning.service.js";
import { createEquipmentService } from "./resources/equipment.service.js";
import { createLocationService } from "./resources/locations.service.js";
import { createRoomService } from "./resources/rooms.service.js";
import { createVirtualPlatformService } from "./resources/virtual-platforms.service.js";
import { createSchedulingService } from "./scheduling/scheduling.service.js";
import { type Clock, systemClock } from "./shared/clock.js";
import { createTenancyService } from "./tenancy/tenancy.service.js";
import { createWebAuthService } from "./web-auth/web-auth.service.js";
import { createWebhookService } from "./webhooks/webhooks.service.js";

export interface CoreOptions {
  clock?: Clock;
  /** Run pending migrations before returning (default true). */
  migrate?: boolean;
  /** Overrides what communications read from the config (tests). */
  comms?: Partial<CommsSettings>;
}

/** The one place that wires repositories and services. Server, CLI and tests all start here. */
export async function createCore(
  config: Pick<Config, "DATABASE_URL" | "DATABASE_POOL_MAX"> & Partial<Config>,
  options: CoreOptions = {},
) {
  const database = createDatabase(config.DATABASE_URL, { poolMax: config.DATABASE_POOL_MAX });
  try {
    if (options.migrate !== false) await migrateToLatest(database);
  } catch (error) {
    await database.destroy();
    throw error;
  }
  return wireServices(database, options.clock ?? systemClock, {
    ...commsSettingsFrom(config),
    ...options.comms,
  });
}

export function wireServices(database: Database, clock: Clock, comms: CommsSettings = defaultCommsSettings) {
  const deps = { database, clock };
  const mailer: Mailer | null = comms.smtpUrl ? createSmtpMailer(comms.smtpUrl) : null;
  const commsDeps = { database, clock, settings: comms, mailer };
  const sessions = createSchedulingService(deps);
  const planning = createPlanningService(deps);
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
    sessions,
    planning,
    imports: createImportService(deps),
    exports: createExportService(deps),
    enrollments: createEnrollmentService(deps),
    certificates: createCertificateService(deps),
    compliance: createComplianceService(deps),
    webAuth: createWebAuthService(deps),
    jobs: createJobService(deps),
    communications: createCommunicationsService({ ...commsDeps, respond: sessions.respond }),
    webhooks: createWebhookService(deps),
    /** A job worker for this process (started by `lectern serve` and `lectern worker`). */
    createWorker: (options?: AutomationOptions) => createAutomationWorker(commsDeps, options),
    close: async () => {
      await planning.close();
      mailer?.close();
      await database.destroy();
    },
  };
}

export type Core = ReturnType<typeof wireServices>;
