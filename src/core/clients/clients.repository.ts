import type { Dialect, Executor } from "../db/database.js";
import { entityStore, type ListQuery } from "../db/entity-store.js";
import type { ClientsTable } from "../db/schema.js";
import { containsText, jsonArrayContains } from "../db/sql.js";
import type { Reference } from "../errors.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { fromJson, toJson } from "../shared/json.js";
import type { Client, ClientInput, ClientQuery } from "./clients.schemas.js";

export const normalizeClientName = (name: string) => name.trim().toLowerCase();

export const clientRepository = {
  toRow: (input: ClientInput, defaults: { currency: string }) => ({
    name: input.name,
    name_normalized: normalizeClientName(input.name),
    code: input.code,
    contacts_json: toJson(input.contacts),
    billing_json: toJson(input.billing),
    currency: input.currency ?? defaults.currency,
    tags_json: toJson(input.tags),
    notes: input.notes,
  }),

  fromRow: (row: ClientsTable): Client => ({
    id: row.id,
    name: row.name,
    code: row.code,
    contacts: fromJson(row.contacts_json, []),
    billing: fromJson(row.billing_json, {} as Client["billing"]),
    currency: row.currency,
    tags: fromJson(row.tags_json, []),
    notes: row.notes,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    archivedAt: toIsoOrNull(row.archived_at),
  }),

  filter(query: ListQuery<"clients">, params: ClientQuery, dialect: Dialect) {
    let filtered = query;
    const { q, tag } = params;
    if (q)
      filtered = filtered.where((eb) =>
        eb.or([containsText(dialect, eb.ref("name"), q), containsText(dialect, eb.ref("code"), q)]),
      );
    if (tag) filtered = filtered.where((eb) => jsonArrayContains(dialect, eb.ref("tags_json"), tag));
    return filtered;
  },

  async references(db: Executor, tenantId: string, id: string): Promise<Reference[]> {
    return [
      {
        entityType: "learner",
        count: await entityStore.countReferencing(db, "learners", "client_id", tenantId, id),
      },
      {
        entityType: "session",
        count: await entityStore.countReferencing(db, "sessions", "client_id", tenantId, id),
      },
      {
        entityType: "user",
        count: await entityStore.countReferencing(db, "users", "client_id", tenantId, id),
      },
      {
        entityType: "api_token",
        count: await entityStore.countReferencing(db, "api_tokens", "client_id", tenantId, id),
      },
    ];
  },
};
