import type { Course, CourseInput } from "../../catalog/courses.schemas.js";
import { courseDefinition } from "../../catalog/courses.service.js";
import { entityStore } from "../../db/entity-store.js";
import { loadTenant } from "../../tenancy/tenancy.service.js";
import { type CellIssue, integerCell, joinList, minorToMajor, moneyCell, splitList } from "../csv-values.js";
import type { CsvFormat } from "./format.js";

/** "laptop:1:per_learner; projector" → requirements. */
function parseEquipment(cell: string, issue: CellIssue) {
  return splitList(cell).map((part) => {
    const [kind, quantity, perLearner] = part.split(":").map((piece) => piece.trim());
    if (perLearner !== undefined && perLearner !== "per_learner") {
      issue("required_equipment", `"${part}": the third part may only be per_learner`);
    }
    return { kind, quantity: quantity ? Number(quantity) : 1, perLearner: perLearner === "per_learner" };
  });
}

/** "Workbook:1:25.00; Lab access" → materials, unit cost in major units. */
function parseMaterials(cell: string, currency: string, issue: CellIssue) {
  return splitList(cell).map((part) => {
    const [name, quantity, unitCost] = part.split(":").map((piece) => piece.trim());
    const unitCostMinor = moneyCell(unitCost, "materials", currency, (column, message) =>
      issue(column, `"${part}": unit cost ${message}`),
    );
    return { name, quantityPerLearner: quantity ? Number(quantity) : 1, unitCostMinor };
  });
}

export const coursesFormat: CsvFormat<"courses", Course, CourseInput, { defaultCurrency: string }> = {
  entity: "courses",
  definition: courseDefinition,
  columns: [
    { header: "code", field: "code", required: true, description: "Unique course code", example: "PM-101" },
    {
      header: "title",
      field: "title",
      required: true,
      description: "Title",
      example: "Project Management Essentials",
    },
    { header: "description", field: "description", description: "Free text" },
    {
      header: "formats",
      field: "formats",
      description: "ilt, vilt, hybrid separated by ;",
      example: "ilt; vilt",
    },
    { header: "duration_days", field: "durationDays", description: "Days per run", example: "3" },
    { header: "day_start_time", field: "dayStartTime", description: "HH:mm", example: "09:00" },
    { header: "day_end_time", field: "dayEndTime", description: "HH:mm", example: "17:00" },
    { header: "min_seats", field: "minSeats", description: "Minimum to run", example: "4" },
    { header: "max_seats", field: "maxSeats", description: "Capacity", example: "12" },
    {
      header: "required_qualifications",
      field: "requiredQualifications",
      description: "Skills, separated by ;",
    },
    { header: "required_room_features", field: "requiredRoomFeatures", description: "Separated by ;" },
    {
      header: "required_equipment",
      field: "requiredEquipment",
      description: "kind:quantity[:per_learner], separated by ;",
      example: "laptop:1:per_learner; projector",
    },
    {
      header: "materials",
      field: "materials",
      description: "name:quantity:unit_cost, separated by ;",
      example: "Workbook:1:25.00",
    },
    {
      header: "list_price",
      field: "listPriceMinor",
      description: "Per learner, in major units",
      example: "1450.00",
    },
    {
      header: "currency",
      field: "currency",
      description: "ISO 4217; tenant default if empty",
      example: "EUR",
    },
    {
      header: "certificate_validity_months",
      field: "certificateValidityMonths",
      description: "Empty: never expires",
    },
    { header: "language", field: "language", description: "Language tag", example: "en" },
    { header: "tags", field: "tags", description: "Separated by ;" },
  ],

  loadLookups: async (db, tenantId) => ({
    defaultCurrency: (await loadTenant(db, tenantId)).default_currency,
  }),

  toRaw(cells, { defaultCurrency }, issue) {
    const currency = (cells.currency || defaultCurrency).toUpperCase();
    return {
      code: cells.code,
      title: cells.title,
      description: cells.description || null,
      formats: cells.formats ? splitList(cells.formats).map((format) => format.toLowerCase()) : undefined,
      durationDays: integerCell(cells.duration_days, "duration_days", issue),
      dayStartTime: cells.day_start_time || undefined,
      dayEndTime: cells.day_end_time || undefined,
      minSeats: integerCell(cells.min_seats, "min_seats", issue),
      maxSeats: integerCell(cells.max_seats, "max_seats", issue),
      requiredQualifications: splitList(cells.required_qualifications ?? ""),
      requiredRoomFeatures: splitList(cells.required_room_features ?? ""),
      requiredEquipment: parseEquipment(cells.required_equipment ?? "", issue),
      materials: parseMaterials(cells.materials ?? "", currency, issue),
      listPriceMinor: moneyCell(cells.list_price, "list_price", currency, issue),
      currency: cells.currency || undefined,
      certificateValidityMonths:
        integerCell(cells.certificate_validity_months, "certificate_validity_months", issue) ?? null,
      language: cells.language || null,
      tags: splitList(cells.tags ?? ""),
    };
  },

  unique: {
    column: "code",
    key: (input) => input.code,
    existing: (db, tenantId, keys) => entityStore.existingValues(db, "courses", "code", tenantId, keys),
    message: "a course with this code",
  },

  toRecord: (course) => ({
    code: course.code,
    title: course.title,
    description: course.description ?? "",
    formats: joinList(course.formats),
    duration_days: String(course.durationDays),
    day_start_time: course.dayStartTime,
    day_end_time: course.dayEndTime,
    min_seats: String(course.minSeats),
    max_seats: String(course.maxSeats),
    required_qualifications: joinList(course.requiredQualifications),
    required_room_features: joinList(course.requiredRoomFeatures),
    required_equipment: joinList(
      course.requiredEquipment.map(
        (item) => `${item.kind}:${item.quantity}${item.perLearner ? ":per_learner" : ""}`,
      ),
    ),
    materials: joinList(
      course.materials.map(
        (item) =>
          `${item.name}:${item.quantityPerLearner}${item.unitCostMinor === null ? "" : `:${minorToMajor(item.unitCostMinor, course.currency)}`}`,
      ),
    ),
    list_price: minorToMajor(course.listPriceMinor, course.currency),
    currency: course.currency,
    certificate_validity_months:
      course.certificateValidityMonths === null ? "" : String(course.certificateValidityMonths),
    language: course.language ?? "",
    tags: joinList(course.tags),
  }),
};
