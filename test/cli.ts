import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const bin = new URL("../bin/lectern.js", import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `lectern` binary in a child process and collects what it printed. */
export function runLectern(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A SQLite file for one CLI test file (removed afterwards) and `lectern` bound to it. */
export function cliDatabase(name: string) {
  const directory = mkdtempSync(join(tmpdir(), `lectern-${name}-`));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const url = `sqlite:${join(directory, "cli.db")}`;
  return { directory, url, lectern: (args: string[]) => runLectern(args, { DATABASE_URL: url }) };
}
