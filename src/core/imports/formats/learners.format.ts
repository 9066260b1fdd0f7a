import { entityStore } from "../../db/entity-store.js";
import { normalizeEmail } from "../../learners/learners.repository.js";
import type { Learner, LearnerInput } from "../../learners/learners.schemas.js";
import { learnerDefinition } from "../../learners/learners.service.js";
import { joinList, splitList } from "../csv-values.js";
import { loadClients, type NamedLookup } from "../lookups.js";
import type { CsvFormat } from "./format.js";

const CUSTOM_PREFIX = "custom.";

export const learnersFormat: CsvFormat<"learners", Learner, LearnerInput, { clients: NamedLookup }> = {
  entity: "learners",
  definition: learnerDefinition,
  columns: [
    { header: "name", field: "name", required: true, description: "Full name", example: "Ada Lovelace" },
    {
      header: "email",
      field: "email",
      required: true,
      description: "Unique per tenant",
      example: "ada@example.com",
    },
    { header: "client", field: "clientId", description: "Client name or id", example: "Acme Corp" },
    { header: "manager_email", field: "managerEmail", description: "Approver", example: "boss@example.com" },
    { header: "phone", field: "phone", description: "Phone number" },
    { header: "language", field: "language", description: "Language tag", example: "en" },
    { header: "time_zone", field: "timeZone", description: "IANA zone", example: "Europe/London" },
    { header: "external_id", field: "externalId", description: "Id in an HR system or LMS" },
    { header: "tags", field: "tags", description: "Separated by ;", example: "new-hire; sales" },
    { header: "notes", field: "notes", description: "Free text" },
  ],
  extraColumn: /^custom\.\S+$/,

  loadLookups: async (db, tenantId) => ({ clients: await loadClients(db, tenantId) }),

  toRaw(cells, { clients }, issue) {
    let clientId: string | null = null;
    if (cells.client) {
      const client = clients.resolve(cells.client);
      if (typeof client === "string") issue("client", client);
      else clientId = client.id;
    }
    const customFields: Record<string, string> = {};
    for (const [header, value] of Object.entries(cells)) {
      if (header.startsWith(CUSTOM_PREFIX) && value !== "")
        customFields[header.slice(CUSTOM_PREFIX.length)] = value;
    }
    return {
      name: cells.name,
      email: cells.email,
      clientId,
      managerEmail: cells.manager_email || null,
      phone: cells.phone || null,
      language: cells.language || null,
      timeZone: cells.time_zone || null,
      externalId: cells.external_id || null,
      customFields,
      tags: splitList(cells.tags ?? ""),
      notes: cells.notes || null,
    };
  },

  unique: {
    column: "email",
    key: (input) => normalizeEmail(input.email),
    existing: (db, tenantId, keys) =>
      entityStore.existingValues(db, "learners", "email_normalized", tenantId, keys),
    message: "a learner with this email",
  },

  toRecord: (learner, { clients }) => {
    const record: Record<string, string> = {
      name: learner.name,
      email: learner.email,
      client: clients.nameOf(learner.clientId),
      manager_email: learner.managerEmail ?? "",
      phone: learner.phone ?? "",
      language: learner.language ?? "",
      time_zone: learner.timeZone ?? "",
      external_id: learner.externalId ?? "",
      tags: joinList(learner.tags),
      notes: learner.notes ?? "",
    };
    for (const [key, value] of Object.entries(learner.customFields)) {
      record[`${CUSTOM_PREFIX}${key}`] = value === null ? "" : String(value);
    }
    return record;
  },
};
