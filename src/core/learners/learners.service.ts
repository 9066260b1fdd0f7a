import {
  checkReferences,
  createEntityService,
  type EntityDefinition,
  type EntityServiceDeps,
} from "../shared/entity-service.js";
import { patchOf } from "../shared/schemas.js";
import { learnerRepository } from "./learners.repository.js";
import {
  type Learner,
  type LearnerInput,
  type LearnerQuery,
  learnerInputSchema,
} from "./learners.schemas.js";

export const learnerPatchSchema = patchOf(learnerInputSchema);
export type LearnerPatch = typeof learnerPatchSchema._zod.output;

export const learnerDefinition: EntityDefinition<"learners", Learner, LearnerInput, LearnerQuery> = {
  type: "learner",
  label: "Learner",
  table: "learners",
  schema: learnerInputSchema,
  toRow: learnerRepository.toRow,
  fromRow: learnerRepository.fromRow,
  filter: learnerRepository.filter,
  references: learnerRepository.references,
  unique: [
    {
      constraint: "learners_email_key",
      columns: ["email_normalized"],
      path: "email",
      message: "another learner already has this email",
    },
  ],
  check: ({ db, actor }, input, current) =>
    checkReferences(db, actor.tenantId, [
      { table: "clients", id: input.clientId, kept: current?.clientId, path: "clientId", label: "client" },
    ]),
};

export const createLearnerService = (deps: EntityServiceDeps) =>
  createEntityService<"learners", Learner, LearnerInput, LearnerPatch, LearnerQuery>(learnerDefinition, deps);

export type LearnerService = ReturnType<typeof createLearnerService>;
