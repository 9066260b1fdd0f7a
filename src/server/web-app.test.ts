import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, expectProblem } from "../../test/app.js";
import { buildServer } from "./app.js";

describeEachDatabase("web app on the API's port", (context) => {
  let root: string;
  let app: FastifyInstance;
  let bare: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "lectern-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), "<!doctype html><title>Lectern app</title>");
    writeFileSync(join(root, "assets", "main-abc123.js"), "console.log('app')");
    app = await buildServer(context().core, { webRoot: root });
    bare = await buildServer(context().core, { webRoot: null });
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (server: FastifyInstance, url: string) => server.inject({ method: "GET", url });

  it("serves index.html at / and for client-side routes, with hashed assets cached for good", async () => {
    for (const url of ["/", "/sessions/0190f3a0-0000-7000-8000-000000000000", "/timeline?by=rooms"]) {
      const page = await get(app, url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body).toContain("Lectern app");
      expect(page.headers["cache-control"]).toBe("no-cache");
    }
    const asset = await get(app, "/assets/main-abc123.js");
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
  });

  it("keeps problem+json 404s for the API and missing files, and the API docs", async () => {
    expectProblem(await responseOf(app, "/api/v1/nothing-here"), 404, "not_found");
    expect((await get(app, "/assets/missing.js")).statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: "/sessions" })).statusCode).toBe(404);
    expect((await get(app, "/api/docs/")).statusCode).toBe(200);
    expect((await get(app, "/api/v1/health")).statusCode).toBe(200);
  });

  it("shows the landing page when no web app is built", async () => {
    const landing = await get(bare, "/");
    expect(landing.body).toContain("/api/docs");
    expect((await get(bare, "/sessions")).statusCode).toBe(404);
  });
});

async function responseOf(app: FastifyInstance, url: string) {
  const response = await app.inject({ method: "GET", url });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}
