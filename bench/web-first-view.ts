/**
 * The web app's first view: time from navigation to the dashboard's content ("Sessions at risk")
 * in a fresh browser context (cold cache), signed in, on the demo data; and the same for the
 * login page. Baseline in the same run: a bare GET of /api/v1/health. Medians of RUNS loads.
 * Needs Debian's Chromium (/usr/bin/chromium). Goal (issue 7): first view under 2 s.
 *
 *   node --import tsx bench/web-first-view.ts      (RUNS=7 by default)
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { defaultWebRoot } from "../src/server/web-app.js";
import { ADMIN, hasChromium, newContext, skipReason, startE2eApp } from "../test/e2e/harness.js";
import { round, writeResult } from "./support.js";

const RUNS = Number(process.env.RUNS ?? 7);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (!hasChromium) {
  console.log(skipReason);
  process.exit(0);
}

const app = await startE2eApp();
try {
  const health: number[] = [];
  const login: number[] = [];
  const dashboard: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    await fetch(`${app.url}/api/v1/health`).then((r) => r.text());
    health.push(performance.now() - started);

    const context = await newContext(app);
    const page = await context.newPage();
    started = performance.now();
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    login.push(performance.now() - started);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.locator('input[type="password"]').fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("heading", { name: "Sessions at risk" }).waitFor();
    // A fresh context with the session cookie: a cold-cache load of the dashboard.
    const cookies = await context.cookies();
    await context.close();
    const cold = await newContext(app);
    await cold.addCookies(cookies);
    const fresh = await cold.newPage();
    started = performance.now();
    await fresh.goto("/");
    // Content, not a spinner: the first session of this week's table (the demo always has some).
    await fresh.locator("table a[href^='/sessions/']").first().waitFor();
    dashboard.push(performance.now() - started);
    await cold.close();
  }
  const assets = readdirSync(join(defaultWebRoot, "assets")).map((name) => ({
    name,
    bytes: statSync(join(defaultWebRoot, "assets", name)).size,
  }));
  const kb = (bytes: number) => round(bytes / 1024, 1);
  const result = {
    runs: RUNS,
    healthMedianMs: round(median(health), 1),
    loginFirstViewMedianMs: round(median(login)),
    dashboardFirstViewMedianMs: round(median(dashboard)),
    dashboardMaxMs: round(Math.max(...dashboard)),
    assetsKb: kb(assets.reduce((n, a) => n + a.bytes, 0)),
    largestChunks: assets
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5)
      .map((a) => `${a.name.replace(/-[\w-]{8}\./, ".")} ${kb(a.bytes)} KB`),
  };
  console.table(result);
  writeResult("web-first-view", result);
} finally {
  await app.close();
}
