import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";

export interface NamedRecord {
  id: string;
  name: string;
  archived: boolean;
  /** Extra data callers need, e.g. a location's time zone. */
  extra?: string;
}

/** Resolves a CSV cell holding either an id or a (case-insensitive) name. */
export class NamedLookup {
  private readonly byId = new Map<string, NamedRecord>();
  private readonly byName = new Map<string, NamedRecord[]>();

  constructor(
    private readonly label: string,
    records: NamedRecord[],
  ) {
    for (const record of records) {
      this.byId.set(record.id, record);
      const key = record.name.trim().toLowerCase();
      this.byName.set(key, [...(this.byName.get(key) ?? []), record]);
    }
  }

  resolve(cell: string): NamedRecord | string {
    const value = cell.trim();
    const record = this.byId.get(value) ?? this.pickByName(value);
    if (typeof record === "string") return record;
    return record.archived ? `${this.label} "${value}" is archived` : record;
  }

  nameOf(id: string | null): string {
    return id === null ? "" : (this.byId.get(id)?.name ?? id);
  }

  private pickByName(value: string): NamedRecord | string {
    const matches = this.byName.get(value.toLowerCase()) ?? [];
    if (matches.length === 1) return matches[0]!;
    return matches.length === 0
      ? `no ${this.label} named "${value}"`
      : `${matches.length} ${this.label}s are named "${value}"; use the id`;
  }
}

export async function loadLocations(db: Executor, tenantId: string): Promise<NamedLookup> {
  const rows = await entityStore.columns(db, "locations", tenantId, [
    "id",
    "name",
    "archived_at",
    "time_zone",
  ]);
  return new NamedLookup(
    "location",
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      archived: row.archived_at !== null,
      extra: row.time_zone,
    })),
  );
}

export async function loadClients(db: Executor, tenantId: string): Promise<NamedLookup> {
  const rows = await entityStore.columns(db, "clients", tenantId, ["id", "name", "archived_at"]);
  return new NamedLookup(
    "client",
    rows.map((row) => ({ id: row.id, name: row.name, archived: row.archived_at !== null })),
  );
}

/** Courses are referred to by code. */
export async function loadCourses(db: Executor, tenantId: string): Promise<NamedLookup> {
  const rows = await entityStore.columns(db, "courses", tenantId, ["id", "code", "archived_at"]);
  return new NamedLookup(
    "course",
    rows.map((row) => ({ id: row.id, name: row.code, archived: row.archived_at !== null })),
  );
}
