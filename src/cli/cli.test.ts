import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCore } from "../core/app.js";
import { systemActor } from "../core/auth/actor.js";
import { clientInputSchema } from "../core/clients/clients.schemas.js";

const bin = new URL("../../bin/lectern.js", import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), "lectern-cli-"));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(directory, "cli.db")}`, LOG_LEVEL: "silent" };

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function lectern(args: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe("lectern CLI", () => {
  it("token create prints only the token and creates the tenant", async () => {
    const result = await lectern(["token", "create", "--tenant", "acme", "--role", "coordinator"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^lct_[\w-]{43}\n$/);
    const refused = await lectern(["token", "create", "--role", "emperor"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--role must be one of");
  });

  it("token create --role client_contact needs --client, a client of the tenant", async () => {
    const missing = await lectern(["token", "create", "--tenant", "acme", "--role", "client_contact"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("clientId");
    const unknown = await lectern([
      "token",
      "create",
      "--tenant",
      "acme",
      "--role",
      "client_contact",
      "--client",
      "01900000-0000-7000-8000-000000000000",
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("is not a client of this tenant");
    // A real client of the tenant (made in-process on the same database file).
    const core = await createCore({ DATABASE_URL: env.DATABASE_URL, DATABASE_POOL_MAX: 2 });
    let clientId: string;
    try {
      const { tenant } = await core.tenancy.ensureTenant("acme");
      clientId = (
        await core.clients.create(
          systemActor(tenant.id, "test"),
          clientInputSchema.parse({ name: "Acme HR" }),
        )
      ).id;
    } finally {
      await core.close();
    }
    const created = await lectern([
      "token",
      "create",
      "--tenant",
      "acme",
      "--role",
      "client_contact",
      "--client",
      clientId,
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^lct_[\w-]{43}\n$/);
  });

  it("migrate reports an up-to-date database", async () => {
    const result = await lectern(["migrate"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/up to date|Applied/);
  });

  it("imports with a dry-run report, then for real, and exports the same format", async () => {
    const bad = join(directory, "bad.csv");
    writeFileSync(bad, "name,email\nGood Person,good@cli.example\nBad Person,not-an-email\n");
    const dry = await lectern([
      "import",
      "learners",
      bad,
      "--tenant",
      "acme",
      "--dry-run",
      "--report",
      join(directory, "p.csv"),
    ]);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain("2 rows, 1 valid, 1 problems");
    expect(dry.stdout).toContain("must be an email address");

    const good = join(directory, "good.csv");
    writeFileSync(
      good,
      "name,email,custom.team\nGood Person,good@cli.example,Blue\nOther Person,other@cli.example,\n",
    );
    const imported = await lectern(["import", "learners", good, "--tenant", "acme"]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("imported 2 learners");

    const exported = await lectern(["export", "learners", "--tenant", "acme"]);
    expect(exported.code).toBe(0);
    expect(exported.stdout.split("\n")[0]).toBe(
      "name,email,client,manager_email,phone,language,time_zone,external_id,tags,notes,custom.team",
    );
    expect(exported.stdout).toContain("Good Person,good@cli.example,,,,,,,,,Blue");
  });

  it("stops with exit code 2 and names the variable when the configuration is wrong", async () => {
    const result = await lectern(["migrate"], { PORT: "not-a-port", DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("PORT");
    expect(result.stderr).toContain("DATABASE_URL");
  });

  it("serve creates the first admin, answers health, honours LECTERN_ADMIN_TOKEN and shuts down cleanly", async () => {
    const port = await freePort();
    const token = "lct_test_token_chosen_by_the_operator_0123456789";
    const child: ChildProcess = spawn(process.execPath, [bin, "serve", "--port", String(port)], {
      env: { ...env, DATABASE_URL: `sqlite:${join(directory, "serve.db")}`, LECTERN_ADMIN_TOKEN: token },
    });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 20_000);
      child.stdout!.on("data", () => {
        if (output.includes("API token:")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(output).toMatch(/password: +\S{12,}/);
    expect(output).toContain(`API token: ${token}`);
    const health = await fetch(`http://localhost:${port}/api/v1/health`);
    expect(await health.json()).toMatchObject({
      status: "ok",
      database: { status: "ok", dialect: "sqlite" },
    });
    const me = await fetch(`http://localhost:${port}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await me.json()).toMatchObject({ tenant: { slug: "default" }, actor: { role: "admin" } });
    const exit = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });
});
