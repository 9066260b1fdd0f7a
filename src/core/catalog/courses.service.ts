import {
  createEntityService,
  type EntityDefinition,
  type EntityServiceDeps,
} from "../shared/entity-service.js";
import { patchOf } from "../shared/schemas.js";
import { courseRepository } from "./courses.repository.js";
import { type Course, type CourseInput, type CourseQuery, courseInputSchema } from "./courses.schemas.js";

export const coursePatchSchema = patchOf(courseInputSchema);
export type CoursePatch = typeof coursePatchSchema._zod.output;

export const courseDefinition: EntityDefinition<"courses", Course, CourseInput, CourseQuery> = {
  type: "course",
  label: "Course",
  table: "courses",
  schema: courseInputSchema,
  toRow: (input, { tenant }) => courseRepository.toRow(input, { currency: tenant.default_currency }),
  fromRow: courseRepository.fromRow,
  filter: courseRepository.filter,
  references: courseRepository.references,
  unique: [
    {
      constraint: "courses_code_key",
      columns: ["code"],
      path: "code",
      message: "another course already has this code",
    },
  ],
};

export const createCourseService = (deps: EntityServiceDeps) =>
  createEntityService<"courses", Course, CourseInput, CoursePatch, CourseQuery>(courseDefinition, deps);

export type CourseService = ReturnType<typeof createCourseService>;
