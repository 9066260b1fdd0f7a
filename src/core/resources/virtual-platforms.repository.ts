import type { Dialect, Executor } from "../db/database.js";
import { entityStore, type ListQuery } from "../db/entity-store.js";
import type { VirtualPlatformsTable } from "../db/schema.js";
import { containsText } from "../db/sql.js";
import type { Reference } from "../errors.js";
import { toIso, toIsoOrNull } from "../shared/clock.js";
import { defaultJitsiTemplate } from "./join-url.js";
import type {
  VirtualPlatform,
  VirtualPlatformInput,
  VirtualPlatformQuery,
} from "./virtual-platforms.schemas.js";

export const virtualPlatformRepository = {
  toRow: (input: VirtualPlatformInput) => ({
    name: input.name,
    kind: input.kind,
    join_url_template: input.joinUrlTemplate,
    max_participants: input.maxParticipants,
    notes: input.notes,
  }),

  fromRow: (row: VirtualPlatformsTable): VirtualPlatform => ({
    id: row.id,
    name: row.name,
    kind: row.kind as VirtualPlatform["kind"],
    joinUrlTemplate: row.join_url_template,
    effectiveJoinUrlTemplate: row.join_url_template ?? defaultJitsiTemplate,
    maxParticipants: row.max_participants,
    notes: row.notes,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    archivedAt: toIsoOrNull(row.archived_at),
  }),

  filter(query: ListQuery<"virtual_platforms">, params: VirtualPlatformQuery, dialect: Dialect) {
    let filtered = query;
    if (params.kind) filtered = filtered.where("kind", "=", params.kind);
    if (params.q) {
      const q = params.q;
      filtered = filtered.where((eb) => containsText(dialect, eb.ref("name"), q));
    }
    return filtered;
  },

  references: async (db: Executor, tenantId: string, id: string): Promise<Reference[]> => [
    {
      entityType: "session",
      count: await entityStore.countReferencing(db, "sessions", "virtual_platform_id", tenantId, id),
    },
  ],
};
