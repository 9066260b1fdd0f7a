import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import { REFERENCE_TABLES } from "../db/migrations/0012_reference_versions.js";
import { referenceVersionRepository } from "../db/reference-versions.repository.js";
import type {
  DB,
  EntityTableName,
  InstructorAvailabilityTable,
  InstructorQualificationsTable,
  InstructorTimeOffTable,
  LocationTravelTimesTable,
  TenantsTable,
} from "../db/schema.js";
import { instructorDetailsRepository } from "../instructors/instructor-details.repository.js";
import { locationRepository } from "../resources/locations.repository.js";
import { loadReferencedRows, type ReferenceCheck, type ReferencedRows } from "../shared/entity-service.js";
import { loadTenant } from "../tenancy/tenancy.service.js";

export interface InstructorDetails {
  availability: readonly Pick<
    InstructorAvailabilityTable,
    "instructor_id" | "weekday" | "start_time" | "end_time" | "valid_from" | "valid_until"
  >[];
  qualifications: readonly Pick<
    InstructorQualificationsTable,
    "instructor_id" | "course_id" | "skill" | "valid_from" | "valid_until"
  >[];
  timeOff: readonly Pick<InstructorTimeOffTable, "instructor_id" | "starts_at" | "ends_at" | "reason">[];
}

/**
 * The reference data (rows that change rarely: courses, instructors and their details, rooms,
 * equipment, locations, travel times, the tenant) that preparing a session and loading its
 * conflict context read, for one tenant. Rows are shared: never mutate them.
 */
export interface ReferenceReads {
  rows(references: readonly Pick<ReferenceCheck, "table" | "id">[]): Promise<ReferencedRows>;
  entities<T extends EntityTableName>(table: T, ids: string[]): Promise<DB[T][]>;
  /** Availability and qualifications, and the time off overlapping the window. */
  instructorDetails(ids: string[], window: { from: number; to: number }): Promise<InstructorDetails>;
  travelTimesFrom(locationIds: string[]): Promise<LocationTravelTimesTable[]>;
  tenant(): Promise<TenantsTable>;
}

/** Straight from the database: what writes use, after their locks are held. */
export function directReads(db: Executor, tenantId: string): ReferenceReads {
  return {
    rows: (references) => loadReferencedRows(db, tenantId, references),
    entities: (table, ids) => entityStore.findMany(db, table, tenantId, ids),
    instructorDetails: (ids, window) => instructorDetailsRepository.detailsOf(db, tenantId, ids, window),
    travelTimesFrom: (locationIds) => locationRepository.travelTimesFrom(db, tenantId, locationIds),
    tenant: () => loadTenant(db, tenantId),
  };
}

const ALL_TIME = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };
const CACHED_TABLES: ReadonlySet<string> = new Set(Object.keys(REFERENCE_TABLES));
/** Tenants whose rows one process keeps; the least recently validated go first. */
const MAX_TENANTS = 200;

/** What one process holds of one tenant's reference data, all of it read at or after `version`. */
interface TenantEntry {
  version: number;
  rows: Map<string, DB[EntityTableName]>;
  details: Map<string, InstructorDetails>;
  travel: Map<string, readonly LocationTravelTimesTable[]>;
  tenant: TenantsTable | null;
}

const frozen = <T extends object>(rows: readonly T[]): T[] => rows.map((row) => Object.freeze(row));

type MutableDetails = { [K in keyof InstructorDetails]: InstructorDetails[K][number][] };

/** Reads of one dry run: from the entry, reading (and keeping) only what it lacks. */
class CachedReads implements ReferenceReads {
  constructor(
    private readonly db: Executor,
    private readonly tenantId: string,
    private readonly entry: TenantEntry,
  ) {}

  async rows(references: readonly Pick<ReferenceCheck, "table" | "id">[]): Promise<ReferencedRows> {
    const byTable = new Map<EntityTableName, string[]>();
    for (const { table, id } of references) {
      if (!id) continue;
      const ids = byTable.get(table) ?? [];
      if (!ids.includes(id)) ids.push(id);
      byTable.set(table, ids);
    }
    const found: ReferencedRows = new Map();
    // Misses read in parallel (on PostgreSQL on separate connections).
    const read = await Promise.all([...byTable].map(([table, ids]) => this.entities(table, ids)));
    for (const [index, table] of [...byTable.keys()].entries())
      for (const row of read[index]!) found.set(`${table}:${row.id}`, row);
    return found;
  }

  async entities<T extends EntityTableName>(table: T, ids: string[]): Promise<DB[T][]> {
    if (!CACHED_TABLES.has(table)) return entityStore.findMany(this.db, table, this.tenantId, ids);
    const { rows } = this.entry;
    const missing = ids.filter((id) => !rows.has(`${table}:${id}`));
    if (missing.length > 0) {
      const read = await entityStore.findMany(this.db, table, this.tenantId, [...new Set(missing)]);
      for (const row of frozen(read)) rows.set(`${table}:${row.id}`, row);
    }
    const result: DB[T][] = [];
    for (const id of ids) {
      const row = rows.get(`${table}:${id}`);
      if (row) result.push(row as DB[T]);
    }
    return result;
  }

  async instructorDetails(ids: string[], window: { from: number; to: number }): Promise<InstructorDetails> {
    const { details } = this.entry;
    const missing = [...new Set(ids)].filter((id) => !details.has(id));
    if (missing.length > 0) {
      const read = await instructorDetailsRepository.detailsOf(this.db, this.tenantId, missing, ALL_TIME);
      const byInstructor = new Map<string, MutableDetails>(
        missing.map((id) => [id, { availability: [], qualifications: [], timeOff: [] }]),
      );
      for (const row of frozen(read.availability))
        byInstructor.get(row.instructor_id)?.availability.push(row);
      for (const row of frozen(read.qualifications))
        byInstructor.get(row.instructor_id)?.qualifications.push(row);
      for (const row of frozen(read.timeOff)) byInstructor.get(row.instructor_id)?.timeOff.push(row);
      for (const [id, entry] of byInstructor) details.set(id, entry);
    }
    const result: MutableDetails = { availability: [], qualifications: [], timeOff: [] };
    for (const id of new Set(ids)) {
      const entry = details.get(id)!;
      result.availability.push(...entry.availability);
      result.qualifications.push(...entry.qualifications);
      for (const off of entry.timeOff)
        if (off.ends_at > window.from && off.starts_at < window.to) result.timeOff.push(off);
    }
    return result;
  }

  async travelTimesFrom(locationIds: string[]): Promise<LocationTravelTimesTable[]> {
    const { travel } = this.entry;
    const unique = [...new Set(locationIds)];
    const missing = unique.filter((id) => !travel.has(id));
    if (missing.length > 0) {
      const read = frozen(await locationRepository.travelTimesFrom(this.db, this.tenantId, missing));
      for (const id of missing)
        travel.set(
          id,
          read.filter((row) => row.from_location_id === id),
        );
    }
    return unique.flatMap((id) => travel.get(id)!);
  }

  async tenant(): Promise<TenantsTable> {
    this.entry.tenant ??= Object.freeze(await loadTenant(this.db, this.tenantId));
    return this.entry.tenant;
  }
}

/**
 * An in-process cache of reference data for dry runs, so a check reads only what changes often
 * (bookings). `open` reads the tenant's reference version first; every row read afterwards is at
 * least that fresh, and the triggers of migration 0012 bump the version in the same transaction
 * as any write to those tables (from any process), so rows cached under a version stay right for
 * as long as the database still shows it. A new version starts a new entry: a reader that opened
 * under an older one fills only its own, now unreachable, entry.
 *
 * Writes must not use it: they check against rows read after their locks are held.
 */
export function createReferenceCache() {
  const entries = new Map<string, TenantEntry>();

  function entryFor(tenantId: string, version: number): TenantEntry {
    let entry = entries.get(tenantId);
    entries.delete(tenantId);
    if (!entry || entry.version !== version) {
      entry = { version, rows: new Map(), details: new Map(), travel: new Map(), tenant: null };
    }
    entries.set(tenantId, entry);
    if (entries.size > MAX_TENANTS) entries.delete(entries.keys().next().value!);
    return entry;
  }

  return {
    /** Reference reads for one dry run: one query for the version, then rows from memory. */
    async open(db: Executor, tenantId: string): Promise<ReferenceReads> {
      const version = await referenceVersionRepository.current(db, tenantId);
      return new CachedReads(db, tenantId, entryFor(tenantId, version));
    },
  };
}

export type ReferenceCache = ReturnType<typeof createReferenceCache>;
