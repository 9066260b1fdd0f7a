import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { buildWeb, webBuildIsStale } from "../../scripts/build-web.mjs";
import { type Core, createCore } from "../../src/core/app.js";
import { seedDemoSessions } from "../../src/core/demo/demo-sessions.js";
import { seedDemo } from "../../src/core/demo/seed-demo.js";
import { bootstrapTenant } from "../../src/core/tenancy/bootstrap.js";
import { buildServer } from "../../src/server/app.js";
import { defaultWebRoot } from "../../src/server/web-app.js";
import { createTestDatabase, type TestDatabase } from "../databases.js";

// End-to-end runs drive Debian's Chromium (apt-get install chromium) through playwright-core:
// nothing is downloaded. Without it the browser tests skip and say why.
export const CHROMIUM = process.env.LECTERN_CHROMIUM ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const skipReason = `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;

export const ADMIN = { email: "coordinator@example.com", password: "e2e-password-123" };
/** The viewer's zone in the browser; demo sites are in other zones, so both clocks show. */
export const VIEWER_ZONE = "Europe/Berlin";

/** Screenshots for the README are written only when asked (LECTERN_E2E_SCREENSHOTS=docs/screenshots). */
const screenshotDir = process.env.LECTERN_E2E_SCREENSHOTS;

export interface E2eApp {
  url: string;
  core: Core;
  tenantId: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the web app if needed, starts a real server on a free port over a fresh SQLite demo tenant. */
export async function startE2eApp(): Promise<E2eApp> {
  if (webBuildIsStale()) await buildWeb();
  const database: TestDatabase = await createTestDatabase("sqlite");
  const core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 4 });
  const { tenant } = await bootstrapTenant(core, {
    LECTERN_TENANT_SLUG: "demo",
    LECTERN_TENANT_NAME: "Northwind Training",
    LECTERN_ADMIN_EMAIL: ADMIN.email,
    LECTERN_ADMIN_PASSWORD: ADMIN.password,
    LECTERN_ADMIN_TOKEN: undefined,
  });
  await seedDemo(core, tenant.id);
  await seedDemoSessions(core, tenant.id, { from: new Date().toISOString().slice(0, 10) });
  const server: FastifyInstance = await buildServer(core, { webRoot: defaultWebRoot });
  await server.listen({ port: 0, host: "127.0.0.1" });
  const { port } = server.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    url: `http://127.0.0.1:${port}`,
    core,
    tenantId: tenant.id,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await core.close();
      await database.drop();
    },
  };
}

export async function newContext(app: E2eApp): Promise<BrowserContext> {
  return app.browser.newContext({
    baseURL: app.url,
    timezoneId: VIEWER_ZONE,
    locale: "en-GB",
    viewport: { width: 1440, height: 900 },
    colorScheme: "light",
  });
}

export async function logIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Picks an option in a Mantine Select by its label. */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option }).first().click();
}

export async function screenshot(page: Page, name: string, fullPage = false) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.waitForTimeout(300); // let charts finish their entry animation
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the page; returns the violations of serious or critical impact. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // axe is injected as a global script; this runs in the page, not in Node.
    const page = globalThis as unknown as { axe: any; document: unknown };
    const result = await page.axe.run(page.document, {
      runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    });
    return result.violations.map(
      (v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      }),
    );
  });
  return (violations as AxeFinding[]).filter((v) => v.impact === "serious" || v.impact === "critical");
}
