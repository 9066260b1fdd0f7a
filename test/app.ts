import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe } from "vitest";
import { type Core, createCore } from "../src/core/app.js";
import { type Actor, type Role, systemActor } from "../src/core/auth/actor.js";
import { buildServer } from "../src/server/app.js";
import { createTestDatabase, type DatabaseKind, databaseKinds } from "./databases.js";

export interface TestTenant {
  slug: string;
  id: string;
  actor: Actor;
  /** admin token */
  token: string;
  tokenFor(role: Role): Promise<string>;
}

export interface TestContext {
  kind: DatabaseKind;
  core: Core;
  app: FastifyInstance;
  /** Two tenants, so every test can check that neither sees the other. */
  a: TestTenant;
  b: TestTenant;
}

export async function createTestContext(kind: DatabaseKind) {
  const database = await createTestDatabase(kind);
  const core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 20 });
  const app = await buildServer(core);
  const tenant = async (slug: string): Promise<TestTenant> => {
    const { tenant } = await core.tenancy.ensureTenant(slug, `Tenant ${slug}`);
    const actor = systemActor(tenant.id, "test");
    const tokenFor = async (role: Role) =>
      (await core.auth.issueToken(actor, { name: role, role, expiresAt: null })).token;
    return { slug, id: tenant.id, actor, token: await tokenFor("admin"), tokenFor };
  };
  const context: TestContext = { kind, core, app, a: await tenant("tenant-a"), b: await tenant("tenant-b") };
  return {
    context,
    async close() {
      await app.close();
      await core.close();
      await database.drop();
    },
  };
}

/**
 * Runs the block once per configured database with a fresh context (own database, two tenants),
 * created before and dropped after the block.
 */
export function describeEachDatabase(name: string, body: (context: () => TestContext) => void) {
  describe.each(databaseKinds)(`${name} [%s]`, (kind) => {
    let created: Awaited<ReturnType<typeof createTestContext>>;
    beforeAll(async () => {
      created = await createTestContext(kind);
    }, 60_000);
    afterAll(async () => {
      await created?.close();
    });
    body(() => created.context);
  });
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** A small client over app.inject for one token. */
export function client(app: FastifyInstance, token?: string) {
  const send = async <T = any>(
    method: InjectOptions["method"],
    url: string,
    payload?: unknown,
  ): Promise<ApiResponse<T>> => {
    const response = await app.inject({
      method,
      url: url.startsWith("/api") ? url : `/api/v1${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload !== undefined && { payload: payload as InjectOptions["payload"] }),
    });
    const text = response.body;
    const type = String(response.headers["content-type"] ?? "");
    return {
      status: response.statusCode,
      body: text && type.includes("json") ? JSON.parse(text) : text,
      headers: response.headers,
    };
  };
  return {
    get: <T = any>(url: string) => send<T>("GET", url),
    post: <T = any>(url: string, body?: unknown) => send<T>("POST", url, body ?? {}),
    patch: <T = any>(url: string, body: unknown) => send<T>("PATCH", url, body),
    delete: <T = any>(url: string) => send<T>("DELETE", url),
  };
}
