import { entityStore } from "../../db/entity-store.js";
import { instructorDetailsRepository } from "../../instructors/instructor-details.repository.js";
import type { Instructor, InstructorInput } from "../../instructors/instructors.schemas.js";
import { instructorDefinition } from "../../instructors/instructors.service.js";
import { normalizeEmail } from "../../learners/learners.repository.js";
import { newId } from "../../shared/ids.js";
import { skillName } from "../../shared/schemas.js";
import { loadTenant } from "../../tenancy/tenancy.service.js";
import { integerCell, joinList, minorToMajor, moneyCell, splitList } from "../csv-values.js";
import { loadCourses, loadLocations, type NamedLookup } from "../lookups.js";
import type { CsvFormat } from "./format.js";

interface Lookups {
  locations: NamedLookup;
  courses: NamedLookup;
  defaultCurrency: string;
}

export const instructorsFormat: CsvFormat<"instructors", Instructor, InstructorInput, Lookups> = {
  entity: "instructors",
  definition: instructorDefinition,
  columns: [
    { header: "name", field: "name", required: true, description: "Full name", example: "Grace Hopper" },
    {
      header: "email",
      field: "email",
      required: true,
      description: "Unique per tenant",
      example: "grace@example.com",
    },
    { header: "phone", field: "phone", description: "Phone number" },
    { header: "kind", field: "kind", description: "internal or contractor", example: "contractor" },
    {
      header: "home_location",
      field: "homeLocationId",
      description: "Location name or id",
      example: "New York",
    },
    {
      header: "time_zone",
      field: "timeZone",
      description: "IANA zone; else the home location's",
      example: "America/New_York",
    },
    { header: "day_rate", field: "dayRateMinor", description: "Major units", example: "900.00" },
    { header: "hour_rate", field: "hourRateMinor", description: "Major units", example: "120.00" },
    {
      header: "currency",
      field: "currency",
      description: "ISO 4217; tenant default if empty",
      example: "USD",
    },
    { header: "max_days_per_week", field: "maxDaysPerWeek", description: "1–7" },
    { header: "max_days_per_month", field: "maxDaysPerMonth", description: "1–31" },
    { header: "languages", field: "languages", description: "Separated by ;", example: "en; es" },
    { header: "skills", description: "Skill qualifications, separated by ;", example: "pmp; agile" },
    {
      header: "courses",
      description: "Course codes the instructor is qualified for, separated by ;",
      example: "PM-101",
    },
    { header: "tags", field: "tags", description: "Separated by ;" },
    { header: "notes", field: "notes", description: "Free text" },
  ],

  loadLookups: async (db, tenantId) => ({
    locations: await loadLocations(db, tenantId),
    courses: await loadCourses(db, tenantId),
    defaultCurrency: (await loadTenant(db, tenantId)).default_currency,
  }),

  toRaw(cells, { locations, courses, defaultCurrency }, issue) {
    let homeLocationId: string | null = null;
    let homeZone: string | undefined;
    if (cells.home_location) {
      const location = locations.resolve(cells.home_location);
      if (typeof location === "string") issue("home_location", location);
      else {
        homeLocationId = location.id;
        homeZone = location.extra;
      }
    }
    const currency = (cells.currency || defaultCurrency).toUpperCase();
    const courseIds: string[] = [];
    for (const code of splitList(cells.courses ?? "")) {
      const course = courses.resolve(code);
      if (typeof course === "string") issue("courses", course);
      else courseIds.push(course.id);
    }
    return {
      name: cells.name,
      email: cells.email,
      phone: cells.phone || null,
      kind: cells.kind ? cells.kind.toLowerCase() : undefined,
      homeLocationId,
      // Resolved here so the bulk write needs no per-row location lookup.
      timeZone: cells.time_zone || homeZone,
      dayRateMinor: moneyCell(cells.day_rate, "day_rate", currency, issue),
      hourRateMinor: moneyCell(cells.hour_rate, "hour_rate", currency, issue),
      currency: cells.currency || undefined,
      maxDaysPerWeek: integerCell(cells.max_days_per_week, "max_days_per_week", issue) ?? null,
      maxDaysPerMonth: integerCell(cells.max_days_per_month, "max_days_per_month", issue) ?? null,
      languages: splitList(cells.languages ?? ""),
      tags: splitList(cells.tags ?? ""),
      notes: cells.notes || null,
      // Not part of the instructor schema; children() turns them into qualifications.
      skills: splitList(cells.skills ?? "").flatMap((skill) => {
        const parsed = skillName.safeParse(skill);
        if (!parsed.success) issue("skills", `"${skill}": ${parsed.error.issues[0]?.message}`);
        return parsed.success ? [parsed.data] : [];
      }),
      courseIds,
    };
  },

  unique: {
    column: "email",
    key: (input) => normalizeEmail(input.email),
    existing: (db, tenantId, keys) =>
      entityStore.existingValues(db, "instructors", "email_normalized", tenantId, keys),
    message: "an instructor with this email",
  },

  children(_input, raw, { tenantId, id, now }) {
    const base = {
      tenant_id: tenantId,
      instructor_id: id,
      level: null,
      valid_from: null,
      valid_until: null,
      notes: null,
    };
    const skills = [...new Set(raw.skills as string[])];
    const courseIds = [...new Set(raw.courseIds as string[])];
    return {
      instructor_qualifications: [
        ...skills.map((skill) => ({
          ...base,
          id: newId(),
          course_id: null,
          skill,
          created_at: now,
          updated_at: now,
        })),
        ...courseIds.map((courseId) => ({
          ...base,
          id: newId(),
          course_id: courseId,
          skill: null,
          created_at: now,
          updated_at: now,
        })),
      ],
    };
  },

  async toRecord(instructor, { locations, courses }, db, tenantId) {
    const qualifications = await instructorDetailsRepository.listQualifications(db, tenantId, instructor.id);
    return {
      name: instructor.name,
      email: instructor.email,
      phone: instructor.phone ?? "",
      kind: instructor.kind,
      home_location: locations.nameOf(instructor.homeLocationId),
      time_zone: instructor.timeZone,
      day_rate: minorToMajor(instructor.dayRateMinor, instructor.currency),
      hour_rate: minorToMajor(instructor.hourRateMinor, instructor.currency),
      currency: instructor.currency,
      max_days_per_week: instructor.maxDaysPerWeek === null ? "" : String(instructor.maxDaysPerWeek),
      max_days_per_month: instructor.maxDaysPerMonth === null ? "" : String(instructor.maxDaysPerMonth),
      languages: joinList(instructor.languages),
      skills: joinList(qualifications.flatMap((q) => (q.skill ? [q.skill] : []))),
      courses: joinList(qualifications.flatMap((q) => (q.course_id ? [courses.nameOf(q.course_id)] : []))),
      tags: joinList(instructor.tags),
      notes: instructor.notes ?? "",
    };
  },
};
