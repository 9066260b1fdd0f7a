import { systemActor } from "../auth/actor.js";
import type { AuthService } from "../auth/auth.service.js";
import type { Config } from "../config.js";
import type { Tenant } from "./tenancy.schemas.js";
import type { TenancyService } from "./tenancy.service.js";

export interface BootstrapResult {
  tenant: Tenant;
  /** Set only when this run created the admin: shown once, never stored in clear. */
  admin?: { email: string; password: string | null; token: string };
}

/**
 * First start: makes sure the configured tenant exists with an admin user and an admin token.
 * Credentials come from LECTERN_ADMIN_* when set, otherwise they are generated and returned
 * once for printing. A LECTERN_ADMIN_TOKEN set later is registered too, so deployments can
 * hand scripts a known token.
 */
export async function bootstrapTenant(
  core: {
    tenancy: Pick<TenancyService, "ensureTenant">;
    auth: Pick<AuthService, "createAdminUser" | "issueToken" | "tokenExists">;
  },
  config: Pick<
    Config,
    | "LECTERN_TENANT_SLUG"
    | "LECTERN_TENANT_NAME"
    | "LECTERN_ADMIN_EMAIL"
    | "LECTERN_ADMIN_PASSWORD"
    | "LECTERN_ADMIN_TOKEN"
  >,
): Promise<BootstrapResult> {
  const { tenant } = await core.tenancy.ensureTenant(config.LECTERN_TENANT_SLUG, config.LECTERN_TENANT_NAME);
  const actor = systemActor(tenant.id, "bootstrap");
  const user = await core.auth.createAdminUser(actor, {
    email: config.LECTERN_ADMIN_EMAIL,
    name: "Administrator",
    password: config.LECTERN_ADMIN_PASSWORD,
  });
  const wantedToken = config.LECTERN_ADMIN_TOKEN;
  const tokenMissing = wantedToken !== undefined && !(await core.auth.tokenExists(wantedToken));
  if (user.password === null && !tokenMissing) return { tenant };

  const token = await core.auth.issueToken(
    actor,
    { name: "Admin token (first start)", role: "admin", expiresAt: null, userId: user.userId },
    tokenMissing ? wantedToken : undefined,
  );
  if (user.password === null) return { tenant };
  return {
    tenant,
    admin: {
      email: config.LECTERN_ADMIN_EMAIL,
      password: config.LECTERN_ADMIN_PASSWORD ? null : user.password,
      token: token.token,
    },
  };
}
