#!/usr/bin/env node
// Builds the web app into dist/web. With --if-stale, only when dist/web is missing or older than
// any file under web/ (so `npm start` on a fresh clone serves the app without a separate step).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const webDir = join(root, "web");
const builtIndex = join(root, "dist", "web", "index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webBuildIsStale() {
  return !existsSync(builtIndex) || statSync(builtIndex).mtimeMs < newestMtime(webDir);
}

async function viteBuild() {
  const { build } = await import("vite");
  await build({ configFile: join(webDir, "vite.config.ts"), mode: "production", logLevel: "warn" });
}

/**
 * Builds in a child process with NODE_ENV=production: callers such as the test runner set
 * NODE_ENV=test, which would otherwise bundle React's development build.
 */
export async function buildWeb() {
  execFileSync(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, NODE_ENV: "production" },
    stdio: "inherit",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--if-stale") && !webBuildIsStale()) process.exit(0);
  console.log("Building the web app into dist/web …");
  const started = Date.now();
  process.env.NODE_ENV = "production";
  await viteBuild();
  console.log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
