import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, describeEachDatabase } from "../../../test/app.js";
import { createTestDatabase, type TestDatabase } from "../../../test/databases.js";
import { schedulingWorld, sessionBody, type World } from "../../../test/scheduling-fixtures.js";

// Overlapping requests for one resource: the engine checks inside one transaction that holds the
// resource (SQLite's single writer, PostgreSQL row locks), so exactly one can win.
describeEachDatabase("double booking under concurrency", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);

  it("50 simultaneous requests for one instructor in overlapping slots: one 201, 49 409", async () => {
    const world = await schedulingWorld(admin());
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        admin().post(
          "/sessions",
          sessionBody(world, "2027-05-03", {
            segments: [
              { start: `2027-05-03T${String(8 + (index % 6)).padStart(2, "0")}:00`, end: "2027-05-03T16:00" },
            ],
          }),
        ),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(49);
    expect(
      refused.every(
        (r) => r.body.conflicts?.[0]?.type === "instructor_double_booked" || r.body.conflicts?.length === 0,
      ),
    ).toBe(true);
  });

  it("50 simultaneous requests for one room: one 201, 49 409", async () => {
    const world = await schedulingWorld(admin());
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        admin().post("/sessions", sessionBody(world, "2027-05-04", { instructors: [] })),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(49);
  });
});

const pgUrl = process.env.LECTERN_TEST_PG_URL;
const bin = new URL("../../../bin/lectern.js", import.meta.url).pathname;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe.skipIf(!pgUrl)("two server processes on one PostgreSQL database", () => {
  let database: TestDatabase;
  let servers: { child: ChildProcess; url: string }[] = [];
  const token = "lct_two_process_test_token_0000000000000001";

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    const start = async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [bin, "serve", "--port", String(port)], {
        env: { ...process.env, DATABASE_URL: database.url, LECTERN_ADMIN_TOKEN: token, LOG_LEVEL: "silent" },
      });
      await new Promise<void>((resolve, reject) => {
        let output = "";
        const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
        child.stdout!.on("data", (chunk) => {
          output += chunk;
          if (output.includes("Lectern is running")) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.stderr!.on("data", (chunk) => (output += chunk));
      });
      return { child, url: `http://localhost:${port}` };
    };
    // One after the other: the first creates the schema and the admin token.
    servers = [await start()];
    servers.push(await start());
  }, 90_000);

  afterAll(async () => {
    for (const server of servers) server.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await database?.drop();
  });

  const request = async (server: { url: string }, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("50 requests split over both processes book the instructor once", async () => {
    const api = {
      post: (path: string, body: unknown) => request(servers[0]!, "POST", path, body),
      put: (path: string, body: unknown) => request(servers[0]!, "PUT", path, body),
      get: (path: string) => request(servers[0]!, "GET", path),
      patch: (path: string, body: unknown) => request(servers[0]!, "PATCH", path, body),
      delete: (path: string) => request(servers[0]!, "DELETE", path),
    };
    const world: World = await schedulingWorld(api as never);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        request(
          servers[index % 2]!,
          "POST",
          "/sessions",
          sessionBody(world, "2027-05-05", {
            segments: [{ start: "2027-05-05T09:00", end: "2027-05-05T12:00" }],
          }),
        ),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(49);
  });

  it("the database itself refuses overlapping instructor bookings (EXCLUDE USING gist)", async () => {
    const url = new URL(database.url);
    const schema = url.searchParams.get("schema");
    url.searchParams.delete("schema");
    const connection = new pg.Client({
      connectionString: url.toString(),
      options: `-c search_path=${schema}`,
    });
    await connection.connect();
    try {
      const [booking] = (
        await connection.query("select * from bookings where resource_type = 'instructor' limit 1")
      ).rows;
      expect(booking).toBeDefined();
      const copy = {
        ...booking,
        id: "overlap-test",
        busy_from: Number(booking.busy_from) + 60_000,
        busy_to: Number(booking.busy_to) + 60_000,
      };
      const columns = Object.keys(copy);
      await expect(
        connection.query(
          `insert into bookings (${columns.join(",")}) values (${columns.map((_, i) => `$${i + 1}`).join(",")})`,
          columns.map((c) => copy[c]),
        ),
      ).rejects.toMatchObject({ code: "23P01", constraint: "bookings_no_overlap" });
    } finally {
      await connection.end();
    }
  });
});
