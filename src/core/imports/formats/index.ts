import type { EntityTableName } from "../../db/schema.js";
import { coursesFormat } from "./courses.format.js";
import type { CsvFormat, ImportEntity } from "./format.js";
import { instructorsFormat } from "./instructors.format.js";
import { learnersFormat } from "./learners.format.js";
import { roomsFormat } from "./rooms.format.js";

// biome-ignore lint/suspicious/noExplicitAny: each format has its own entity and lookup types
export type AnyCsvFormat = CsvFormat<EntityTableName, { id: string }, any, any>;

export const csvFormats: Record<ImportEntity, AnyCsvFormat> = {
  courses: coursesFormat as unknown as AnyCsvFormat,
  rooms: roomsFormat as unknown as AnyCsvFormat,
  instructors: instructorsFormat as unknown as AnyCsvFormat,
  learners: learnersFormat as unknown as AnyCsvFormat,
};

export { type CsvColumn, type ImportEntity, importEntities } from "./format.js";
