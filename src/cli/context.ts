import { type Core, createCore } from "../core/app.js";
import { systemActor } from "../core/auth/actor.js";
import { type Config, loadConfig } from "../core/config.js";
import type { Tenant } from "../core/tenancy/tenancy.schemas.js";

/** Opens the core for one CLI command and closes it afterwards, whatever happens. */
export async function withCore<T>(work: (core: Core, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const core = await createCore(config);
  try {
    return await work(core, config);
  } finally {
    await core.close();
  }
}

/** The tenant a command acts on: --tenant, else LECTERN_TENANT_SLUG; created when missing. */
export async function resolveTenant(core: Core, config: Config, slug?: string): Promise<Tenant> {
  const { tenant } = await core.tenancy.ensureTenant(
    slug ?? config.LECTERN_TENANT_SLUG,
    slug ? undefined : config.LECTERN_TENANT_NAME,
  );
  return tenant;
}

export const cliActor = (tenant: Tenant) => systemActor(tenant.id, "cli");

/** A one-line progress message on a terminal; nothing when stderr is a file or pipe. */
export const showProgress = (label: string) => (message: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${label}: ${message}\x1b[K`);
};

export const clearProgress = () => {
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
};
