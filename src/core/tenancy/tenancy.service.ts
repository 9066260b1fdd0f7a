import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import type { Database, Executor } from "../db/database.js";
import type { TenantsTable } from "../db/schema.js";
import { AppError } from "../errors.js";
import { type Clock, toIso } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { type Tenant, type TenantPatch, tenantSlug } from "./tenancy.schemas.js";
import { tenantRepository } from "./tenant.repository.js";

export const presentTenant = (row: TenantsTable): Tenant => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  defaultCurrency: row.default_currency,
  defaultTimeZone: row.default_time_zone,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/** Tenant settings that fill in defaults (currency, zone) when inputs leave them out. */
export async function loadTenant(db: Executor, tenantId: string): Promise<TenantsTable> {
  const tenant = await tenantRepository.findById(db, tenantId);
  if (!tenant) throw new AppError("not_found", `Tenant ${tenantId} does not exist`);
  return tenant;
}

export function createTenancyService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const { db } = deps.database;
  return {
    /** Returns the tenant with this slug, creating it first if there is none. */
    async ensureTenant(slug: string, name?: string): Promise<{ tenant: Tenant; created: boolean }> {
      const parsedSlug = tenantSlug.parse(slug);
      return db.transaction().execute(async (trx) => {
        const existing = await tenantRepository.findBySlug(trx, parsedSlug);
        if (existing) return { tenant: presentTenant(existing), created: false };
        const now = deps.clock.now();
        const row: TenantsTable = {
          id: newId(),
          slug: parsedSlug,
          name: name ?? parsedSlug,
          default_currency: "EUR",
          default_time_zone: "UTC",
          created_at: now,
          updated_at: now,
        };
        await tenantRepository.insert(trx, row);
        return { tenant: presentTenant(row), created: true };
      });
    },

    async findBySlug(slug: string): Promise<Tenant | undefined> {
      const row = await tenantRepository.findBySlug(db, slug);
      return row && presentTenant(row);
    },

    async count(): Promise<number> {
      return tenantRepository.count(db);
    },

    async getCurrent(actor: Actor): Promise<Tenant> {
      return presentTenant(await loadTenant(db, actor.tenantId));
    },

    async updateCurrent(actor: Actor, patch: TenantPatch): Promise<Tenant> {
      authorize(actor, "tenant:manage");
      return db.transaction().execute(async (trx) => {
        const before = presentTenant(await loadTenant(trx, actor.tenantId));
        const now = deps.clock.now();
        await tenantRepository.update(trx, actor.tenantId, {
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.defaultCurrency !== undefined && { default_currency: patch.defaultCurrency }),
          ...(patch.defaultTimeZone !== undefined && { default_time_zone: patch.defaultTimeZone }),
          updated_at: now,
        });
        const after = presentTenant(await loadTenant(trx, actor.tenantId));
        await recordAudit(trx, actor, now, {
          action: "update",
          entityType: "tenant",
          entityId: actor.tenantId,
          before,
          after,
        });
        return after;
      });
    },
  };
}

export type TenancyService = ReturnType<typeof createTenancyService>;
