import type { Dialect } from "../db/database.js";
import type { ListQuery } from "../db/entity-store.js";
import type { LearnersTable } from "../db/schema.js";
import { containsText, jsonArrayContains } from "../db/sql.js";
import type { Reference } from "../errors.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { fromJson, toJson } from "../shared/json.js";
import type { Learner, LearnerInput, LearnerQuery } from "./learners.schemas.js";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const learnerRepository = {
  toRow: (input: LearnerInput) => ({
    name: input.name,
    email: input.email,
    email_normalized: normalizeEmail(input.email),
    client_id: input.clientId,
    manager_email: input.managerEmail,
    phone: input.phone,
    language: input.language,
    time_zone: input.timeZone,
    external_id: input.externalId,
    custom_fields_json: toJson(input.customFields),
    tags_json: toJson(input.tags),
    notes: input.notes,
  }),

  fromRow: (row: LearnersTable): Learner => ({
    id: row.id,
    name: row.name,
    email: row.email,
    clientId: row.client_id,
    managerEmail: row.manager_email,
    phone: row.phone,
    language: row.language,
    timeZone: row.time_zone,
    externalId: row.external_id,
    customFields: fromJson(row.custom_fields_json, {}),
    tags: fromJson(row.tags_json, []),
    notes: row.notes,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    archivedAt: toIsoOrNull(row.archived_at),
  }),

  filter(query: ListQuery<"learners">, params: LearnerQuery, dialect: Dialect) {
    let filtered = query;
    const { q, tag } = params;
    if (params.email) filtered = filtered.where("email_normalized", "=", normalizeEmail(params.email));
    if (params.clientId) filtered = filtered.where("client_id", "=", params.clientId);
    if (params.externalId) filtered = filtered.where("external_id", "=", params.externalId);
    if (q)
      filtered = filtered.where((eb) =>
        eb.or([containsText(dialect, eb.ref("name"), q), containsText(dialect, eb.ref("email"), q)]),
      );
    if (tag) filtered = filtered.where((eb) => jsonArrayContains(dialect, eb.ref("tags_json"), tag));
    return filtered;
  },

  /** Nothing refers to learners yet; enrollments will. */
  references: async (): Promise<Reference[]> => [],
};
