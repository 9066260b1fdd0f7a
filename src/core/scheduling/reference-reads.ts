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
  version: string;
  rows: Map<string, DB[EntityTableName]>;
  details: Map<string, InstructorDetails>;
  travel: Map<string, readonly LocationTravelTimesTable[]>;
  tenant: TenantsTable | null;
}

const frozen = <T extends object>(rows: readonly T[]): T[] => rows.map((row) => Object.freeze(row));

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

  function entryFor(tenantId: string, version: string): TenantEntry {
    let entry = entries.get(tenantId);
    entries.delete(tenantId);
    if (!entry || entry.version !== version) {
      entry = { version, rows: new Map(), details: new Map(), travel: new Map(), tenant: null };
    }
    entries.set(tenantId, entry);
    if (entries.size > MAX_TENANTS) entries.delete(entries.keys().next().value!);
    return entry;
  }

  function readsOf(db: Executor, tenantId: string, entry: TenantEntry): ReferenceReads {
    const direct = directReads(db, tenantId);
    const entities = async <T extends EntityTableName>(table: T, ids: string[]): Promise<DB[T][]> => {
      if (!CACHED_TABLES.has(table)) return direct.entities(table, ids);
      const missing = ids.filter((id) => !entry.rows.has(`${table}:${id}`));
      if (missing.length > 0) {
        for (const row of frozen(await direct.entities(table, [...new Set(missing)])))
          entry.rows.set(`${table}:${row.id}`, row);
      }
      return ids.flatMap((id) => {
        const row = entry.rows.get(`${table}:${id}`);
        return row ? [row as DB[T]] : [];
      });
    };
    return {
      async rows(references) {
        const byTable = new Map<EntityTableName, string[]>();
        for (const { table, id } of references) {
          if (!id) continue;
          const ids = byTable.get(table) ?? [];
          if (!ids.includes(id)) ids.push(id);
          byTable.set(table, ids);
        }
        const found: ReferencedRows = new Map();
        await Promise.all(
          [...byTable].map(async ([table, ids]) => {
            for (const row of await entities(table, ids)) found.set(`${table}:${row.id}`, row);
          }),
        );
        return found;
      },

      entities,

      async instructorDetails(ids, window) {
        const missing = [...new Set(ids)].filter((id) => !entry.details.has(id));
        if (missing.length > 0) {
          const read = await direct.instructorDetails(missing, ALL_TIME);
          const byInstructor = new Map(
            missing.map((id) => [
              id,
              { availability: [], qualifications: [], timeOff: [] } as {
                [K in keyof InstructorDetails]: InstructorDetails[K][number][];
              },
            ]),
          );
          for (const row of frozen(read.availability))
            byInstructor.get(row.instructor_id)?.availability.push(row);
          for (const row of frozen(read.qualifications))
            byInstructor.get(row.instructor_id)?.qualifications.push(row);
          for (const row of frozen(read.timeOff)) byInstructor.get(row.instructor_id)?.timeOff.push(row);
          for (const [id, details] of byInstructor) entry.details.set(id, details);
        }
        const result: { [K in keyof InstructorDetails]: InstructorDetails[K][number][] } = {
          availability: [],
          qualifications: [],
          timeOff: [],
        };
        for (const id of new Set(ids)) {
          const details = entry.details.get(id)!;
          result.availability.push(...details.availability);
          result.qualifications.push(...details.qualifications);
          for (const off of details.timeOff)
            if (off.ends_at > window.from && off.starts_at < window.to) result.timeOff.push(off);
        }
        return result;
      },

      async travelTimesFrom(locationIds) {
        const missing = [...new Set(locationIds)].filter((id) => !entry.travel.has(id));
        if (missing.length > 0) {
          const read = frozen(await direct.travelTimesFrom(missing));
          for (const id of missing)
            entry.travel.set(
              id,
              read.filter((row) => row.from_location_id === id),
            );
        }
        return [...new Set(locationIds)].flatMap((id) => entry.travel.get(id)!);
      },

      async tenant() {
        entry.tenant ??= Object.freeze(await direct.tenant());
        return entry.tenant;
      },
    };
  }

  return {
    /** Reference reads for one dry run: one query for the version, then rows from memory. */
    async open(db: Executor, tenantId: string): Promise<ReferenceReads> {
      const version = await referenceVersionRepository.current(db, tenantId);
      return readsOf(db, tenantId, entryFor(tenantId, version));
    },
  };
}

export type ReferenceCache = ReturnType<typeof createReferenceCache>;
