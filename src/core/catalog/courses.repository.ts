import type { Dialect, Executor } from "../db/database.js";
import { entityStore, type ListQuery } from "../db/entity-store.js";
import type { CoursesTable } from "../db/schema.js";
import { containsText, jsonArrayContains } from "../db/sql.js";
import type { Reference } from "../errors.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { fromJson, toJson } from "../shared/json.js";
import type { Course, CourseInput, CourseQuery } from "./courses.schemas.js";

export const courseRepository = {
  toRow: (input: CourseInput, defaults: { currency: string }) => ({
    code: input.code,
    title: input.title,
    description: input.description,
    formats_json: toJson(input.formats),
    duration_days: input.durationDays,
    day_start_time: input.dayStartTime,
    day_end_time: input.dayEndTime,
    min_seats: input.minSeats,
    max_seats: input.maxSeats,
    required_qualifications_json: toJson(input.requiredQualifications),
    required_room_features_json: toJson(input.requiredRoomFeatures),
    required_equipment_json: toJson(input.requiredEquipment),
    materials_json: toJson(input.materials),
    list_price_minor: input.listPriceMinor,
    currency: input.currency ?? defaults.currency,
    certificate_validity_months: input.certificateValidityMonths,
    language: input.language,
    tags_json: toJson(input.tags),
  }),

  fromRow: (row: CoursesTable): Course => ({
    id: row.id,
    code: row.code,
    title: row.title,
    description: row.description,
    formats: fromJson(row.formats_json, []),
    durationDays: row.duration_days,
    dayStartTime: row.day_start_time,
    dayEndTime: row.day_end_time,
    minSeats: row.min_seats,
    maxSeats: row.max_seats,
    requiredQualifications: fromJson(row.required_qualifications_json, []),
    requiredRoomFeatures: fromJson(row.required_room_features_json, []),
    requiredEquipment: fromJson(row.required_equipment_json, []),
    materials: fromJson(row.materials_json, []),
    listPriceMinor: row.list_price_minor,
    currency: row.currency,
    certificateValidityMonths: row.certificate_validity_months,
    language: row.language,
    tags: fromJson(row.tags_json, []),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    archivedAt: toIsoOrNull(row.archived_at),
  }),

  filter(query: ListQuery<"courses">, params: CourseQuery, dialect: Dialect) {
    let filtered = query;
    const { q, format, tag } = params;
    if (q)
      filtered = filtered.where((eb) =>
        eb.or([containsText(dialect, eb.ref("code"), q), containsText(dialect, eb.ref("title"), q)]),
      );
    if (format) filtered = filtered.where((eb) => jsonArrayContains(dialect, eb.ref("formats_json"), format));
    if (tag) filtered = filtered.where((eb) => jsonArrayContains(dialect, eb.ref("tags_json"), tag));
    return filtered;
  },

  async references(db: Executor, tenantId: string, id: string): Promise<Reference[]> {
    return [
      {
        entityType: "instructor qualification",
        count: await entityStore.countReferencing(db, "instructor_qualifications", "course_id", tenantId, id),
      },
      {
        entityType: "session",
        count: await entityStore.countReferencing(db, "sessions", "course_id", tenantId, id),
      },
    ];
  },
};
