import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../../../test/databases.js";
import { type Core, createCore } from "../app.js";
import { loadConfig } from "../config.js";
import { bootstrapTenant } from "./bootstrap.js";

describe.each(databaseKinds)("first-start bootstrap [%s]", (kind) => {
  let database: TestDatabase;
  let core: Core;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 2 });
  });
  afterAll(async () => {
    await core.close();
    await database.drop();
  });

  it("creates the tenant, an admin and a working token once, then stays quiet", async () => {
    const config = loadConfig({ LECTERN_TENANT_SLUG: "boot", LECTERN_TENANT_NAME: "Boot Training Ltd" });
    const first = await bootstrapTenant(core, config);
    expect(first.tenant).toMatchObject({ slug: "boot", name: "Boot Training Ltd" });
    expect(first.admin?.email).toBe("admin@example.com");
    expect(first.admin?.password).toMatch(/^\S{20,}$/);
    const actor = await core.auth.authenticate(first.admin!.token);
    expect(actor).toMatchObject({ tenantId: first.tenant.id, role: "admin" });

    const second = await bootstrapTenant(core, config);
    expect(second.admin).toBeUndefined();
    expect(second.tenant.id).toBe(first.tenant.id);
  });

  it("registers LECTERN_ADMIN_TOKEN later without printing anything, and never echoes a configured password", async () => {
    const chosen = "lct_operator_chosen_token_value_000000000001";
    const later = await bootstrapTenant(
      core,
      loadConfig({ LECTERN_TENANT_SLUG: "boot", LECTERN_ADMIN_TOKEN: chosen }),
    );
    expect(later.admin).toBeUndefined();
    expect(await core.auth.authenticate(chosen)).toMatchObject({ role: "admin" });

    const fresh = await bootstrapTenant(
      core,
      loadConfig({ LECTERN_TENANT_SLUG: "boot-two", LECTERN_ADMIN_PASSWORD: "a-long-enough-password" }),
    );
    expect(fresh.admin?.password).toBeNull();
    expect(fresh.admin?.token).toMatch(/^lct_/);
  });
});

describe("configuration", () => {
  it("has working defaults", () => {
    expect(loadConfig({})).toMatchObject({
      DATABASE_URL: "sqlite:./data/lectern.db",
      PORT: 3000,
      HOST: "localhost",
    });
  });

  it("lists every problem at once", () => {
    expect(() =>
      loadConfig({ PORT: "x", DATABASE_URL: "mysql://db", LECTERN_ADMIN_PASSWORD: "short" }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
    try {
      loadConfig({ PORT: "x", DATABASE_URL: "mysql://db", LECTERN_ADMIN_PASSWORD: "short" });
    } catch (error) {
      expect(String(error)).toContain("LECTERN_ADMIN_PASSWORD");
    }
  });
});
