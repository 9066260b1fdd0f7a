import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type Core, type CoreOptions, createCore } from "../src/core/app.js";
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
  /** The database's URL, for a second core on it (another process, as far as caches go). */
  url: string;
  core: Core;
  app: FastifyInstance;
  /** Two tenants, so every test can check that neither sees the other. */
  a: TestTenant;
  b: TestTenant;
}

export async function createTestContext(kind: DatabaseKind, options: CoreOptions = {}) {
  const database = await createTestDatabase(kind);
  const core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 20 }, options);
  const app = await buildServer(core);
  const tenant = async (slug: string): Promise<TestTenant> => {
    const { tenant } = await core.tenancy.ensureTenant(slug, `Tenant ${slug}`);
    const actor = systemActor(tenant.id, "test");
    const tokenFor = async (role: Role) =>
      (await core.auth.issueToken(actor, { name: role, role, expiresAt: null })).token;
    return { slug, id: tenant.id, actor, token: await tokenFor("admin"), tokenFor };
  };
  const context: TestContext = {
    kind,
    url: database.url,
    core,
    app,
    a: await tenant("tenant-a"),
    b: await tenant("tenant-b"),
  };
  return {
    context,
    database,
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
export function describeEachDatabase(
  name: string,
  body: (context: () => TestContext) => void,
  options: CoreOptions = {},
) {
  describe.each(databaseKinds)(`${name} [%s]`, (kind) => {
    let created: Awaited<ReturnType<typeof createTestContext>>;
    beforeAll(async () => {
      created = await createTestContext(kind, options);
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
    put: <T = any>(url: string, body: unknown) => send<T>("PUT", url, body),
    delete: <T = any>(url: string) => send<T>("DELETE", url),
  };
}

let uniqueCounter = 0;
/** A value no other test in the process uses (contexts are shared within a describe block). */
export const unique = (prefix: string) => `${prefix}-${++uniqueCounter}`;
export const uniqueEmail = (prefix = "person") => `${unique(prefix)}@example.com`;

/** Sorted field paths of a problem's errors[]. */
export const paths = (response: ApiResponse) =>
  response.body.errors.map((e: { path: string }) => e.path).sort();

/** Ids of a list response's items, in order. */
export const ids = (response: ApiResponse) => response.body.items.map((item: { id: string }) => item.id);

export function expectProblem(response: ApiResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers["content-type"]).toContain("application/problem+json");
  expect(response.body).toMatchObject({ status, code });
}

/** Follows nextCursor from `url` to the end; returns every id seen and each page's size. */
export async function walkPages(api: ReturnType<typeof client>, url: string) {
  const seen: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: ApiResponse = await api.get(`${url}${cursor ? `&cursor=${cursor}` : ""}`);
    sizes.push(page.body.items.length);
    seen.push(...ids(page));
    cursor = page.body.nextCursor;
    if (cursor === null) break;
  }
  return { seen, sizes };
}

/** A 422 problem whose errors name exactly these fields. */
export function expectInvalid(response: ApiResponse, fields: string[]) {
  expectProblem(response, 422, "validation_failed");
  expect(paths(response)).toEqual([...fields].sort());
}
