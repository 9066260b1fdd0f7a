import {
  checkReferences,
  createEntityService,
  type EntityDefinition,
  type EntityServiceDeps,
} from "../shared/entity-service.js";
import { patchOf } from "../shared/schemas.js";
import { instructorRepository } from "./instructors.repository.js";
import {
  type Instructor,
  type InstructorInput,
  type InstructorQuery,
  instructorInputSchema,
} from "./instructors.schemas.js";
import { realignAllDayTimeOff } from "./time-off.service.js";

export const instructorPatchSchema = patchOf(instructorInputSchema);
export type InstructorPatch = typeof instructorPatchSchema._zod.output;

export const instructorDefinition: EntityDefinition<
  "instructors",
  Instructor,
  InstructorInput,
  InstructorQuery
> = {
  type: "instructor",
  label: "Instructor",
  table: "instructors",
  schema: instructorInputSchema,
  async toRow(input, { db, tenant }) {
    const homeZone =
      input.timeZone == null && input.homeLocationId
        ? await instructorRepository.locationTimeZone(db, tenant.id, input.homeLocationId)
        : undefined;
    return instructorRepository.toRow(input, {
      currency: input.currency ?? tenant.default_currency,
      timeZone: input.timeZone ?? homeZone ?? tenant.default_time_zone,
    });
  },
  fromRow: instructorRepository.fromRow,
  async afterWrite({ db, actor }, id) {
    const zone = await instructorRepository.findTimeZone(db, actor.tenantId, id);
    if (zone) await realignAllDayTimeOff(db, actor.tenantId, id, zone);
  },
  filter: instructorRepository.filter,
  references: instructorRepository.references,
  unique: [
    {
      constraint: "instructors_email_key",
      columns: ["email_normalized"],
      path: "email",
      message: "another instructor already has this email",
    },
  ],
  check: ({ db, actor }, input, current) =>
    checkReferences(db, actor.tenantId, [
      {
        table: "locations",
        id: input.homeLocationId,
        kept: current?.homeLocationId,
        path: "homeLocationId",
        label: "location",
      },
    ]),
};

export const createInstructorService = (deps: EntityServiceDeps) =>
  createEntityService<"instructors", Instructor, InstructorInput, InstructorPatch, InstructorQuery>(
    instructorDefinition,
    deps,
  );

export type InstructorService = ReturnType<typeof createInstructorService>;
