import type { Dialect, Executor } from "../db/database.js";
import { entityStore, type ListQuery } from "../db/entity-store.js";
import type { InstructorsTable } from "../db/schema.js";
import { containsText, jsonArrayContains } from "../db/sql.js";
import type { Reference } from "../errors.js";
import { normalizeEmail } from "../learners/learners.repository.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { fromJson, toJson } from "../shared/json.js";
import type { Instructor, InstructorInput, InstructorQuery } from "./instructors.schemas.js";

export const instructorRepository = {
  toRow: (input: InstructorInput, resolved: { currency: string; timeZone: string }) => ({
    name: input.name,
    email: input.email,
    email_normalized: normalizeEmail(input.email),
    phone: input.phone,
    kind: input.kind,
    home_location_id: input.homeLocationId,
    time_zone: resolved.timeZone,
    day_rate_minor: input.dayRateMinor,
    hour_rate_minor: input.hourRateMinor,
    currency: resolved.currency,
    max_days_per_week: input.maxDaysPerWeek,
    max_days_per_month: input.maxDaysPerMonth,
    languages_json: toJson(input.languages),
    tags_json: toJson(input.tags),
    notes: input.notes,
  }),

  fromRow: (row: InstructorsTable): Instructor => ({
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    kind: row.kind as Instructor["kind"],
    homeLocationId: row.home_location_id,
    timeZone: row.time_zone,
    dayRateMinor: row.day_rate_minor,
    hourRateMinor: row.hour_rate_minor,
    currency: row.currency,
    maxDaysPerWeek: row.max_days_per_week,
    maxDaysPerMonth: row.max_days_per_month,
    languages: fromJson(row.languages_json, []),
    tags: fromJson(row.tags_json, []),
    notes: row.notes,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    archivedAt: toIsoOrNull(row.archived_at),
  }),

  filter(query: ListQuery<"instructors">, params: InstructorQuery, dialect: Dialect) {
    let filtered = query;
    const { q, tag, skill, courseId } = params;
    if (params.kind) filtered = filtered.where("kind", "=", params.kind);
    if (params.homeLocationId) filtered = filtered.where("home_location_id", "=", params.homeLocationId);
    if (q)
      filtered = filtered.where((eb) =>
        eb.or([containsText(dialect, eb.ref("name"), q), containsText(dialect, eb.ref("email"), q)]),
      );
    if (tag) filtered = filtered.where((eb) => jsonArrayContains(dialect, eb.ref("tags_json"), tag));
    if (skill || courseId) {
      filtered = filtered.where((eb) => {
        let qualifications = eb
          .selectFrom("instructor_qualifications as q")
          .select("q.id")
          .whereRef("q.tenant_id", "=", "instructors.tenant_id")
          .whereRef("q.instructor_id", "=", "instructors.id");
        if (skill) qualifications = qualifications.where("q.skill", "=", skill.trim().toLowerCase());
        if (courseId) qualifications = qualifications.where("q.course_id", "=", courseId);
        return eb.exists(qualifications);
      });
    }
    return filtered;
  },

  async locationTimeZone(db: Executor, tenantId: string, locationId: string): Promise<string | undefined> {
    const row = await db
      .selectFrom("locations")
      .select("time_zone")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", locationId)
      .executeTakeFirst();
    return row?.time_zone;
  },

  /** The instructor's zone, or undefined when there is no such instructor in the tenant. */
  async findTimeZone(db: Executor, tenantId: string, id: string): Promise<string | undefined> {
    const row = await db
      .selectFrom("instructors")
      .select("time_zone")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row?.time_zone;
  },

  /** Qualifications, availability and time off belong to the instructor and go with it; assignments do not. */
  references: async (db: Executor, tenantId: string, id: string): Promise<Reference[]> => [
    {
      entityType: "session assignment",
      count: await entityStore.countReferencing(db, "session_instructors", "instructor_id", tenantId, id),
    },
  ],
};
