import { expect, it } from "vitest";
import { client, describeEachDatabase, expectProblem, paths, uniqueEmail } from "../../../test/app.js";
import { ok } from "../../../test/enrollment-fixtures.js";
import { schedulingWorld } from "../../../test/scheduling-fixtures.js";
import { LOGIN_LIMITS } from "./web-auth.routes.js";

const PASSWORD = "correct horse battery";

describeEachDatabase("user management, login rate limits and own calendar feeds", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  let address = 0;
  /** Every login from its own IP unless given: the per-IP limit is tested on its own. */
  const login = (
    email: string,
    password = PASSWORD,
    remoteAddress = `10.9.${address >> 8}.${++address & 255}`,
  ) =>
    ctx().app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email, password },
      remoteAddress,
    });
  const cookieOf = (response: Awaited<ReturnType<typeof login>>) =>
    ([] as string[])
      .concat((response.headers["set-cookie"] as string[]) ?? [])
      .map((c) => c.split(";")[0])
      .join("; ");

  const createUser = async (role: string, extra: Record<string, unknown> = {}) =>
    ok(
      admin().post("/users", {
        email: uniqueEmail(role),
        name: `A ${role}`,
        role,
        password: PASSWORD,
        ...extra,
      }),
    );

  it("changes a user's role and binding, and deactivation ends their sessions at once", async () => {
    const world = await schedulingWorld(admin());
    const user = await createUser("viewer");
    const signedIn = await login(user.email);
    expect(signedIn.statusCode).toBe(200);
    const cookie = cookieOf(signedIn);
    const me = () => ctx().app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect((await me()).statusCode).toBe(200);

    const needsInstructor = await admin().patch(`/users/${user.id}`, { role: "instructor" });
    expectProblem(needsInstructor, 422, "validation_failed");
    expect(paths(needsInstructor)).toEqual(["instructorId"]);
    const instructor = await ok(
      admin().patch(`/users/${user.id}`, { role: "instructor", instructorId: world.anna.id, name: "Anna" }),
    );
    expect(instructor).toMatchObject({ role: "instructor", instructorId: world.anna.id, name: "Anna" });
    // A new role ends the old sessions (their rights changed).
    expect((await me()).statusCode).toBe(401);
    const client2 = await ok(admin().post("/clients", { name: "Acme for users" }));
    const contact = await ok(
      admin().patch(`/users/${user.id}`, { role: "client_contact", clientId: client2.id }),
    );
    expect(contact).toMatchObject({ role: "client_contact", clientId: client2.id, instructorId: null });

    const again = cookieOf(await login(user.email));
    const deactivated = await ok(admin().patch(`/users/${user.id}`, { disabled: true }));
    expect(deactivated.disabledAt).not.toBeNull();
    expect(
      (await ctx().app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: again } })).statusCode,
    ).toBe(401);
    expect((await login(user.email)).statusCode).toBe(401);
    const listed = await ok(admin().get("/users"));
    expect(listed.items.find((u: { id: string }) => u.id === user.id).disabledAt).not.toBeNull();
    await ok(admin().patch(`/users/${user.id}`, { disabled: false }));
    expect((await login(user.email)).statusCode).toBe(200);

    // Only admins manage users; unknown ids are 404; nobody becomes a learner by hand.
    const coordinator = client(ctx().app, await ctx().a.tokenFor("coordinator"));
    expectProblem(await coordinator.patch(`/users/${user.id}`, { disabled: true }), 403, "forbidden");
    expectProblem(await admin().patch("/users/nope", { disabled: true }), 404, "not_found");
    expectProblem(await admin().patch(`/users/${user.id}`, { role: "learner" }), 422, "validation_failed");
    // Another tenant's admin cannot see it.
    expectProblem(
      await client(ctx().app, ctx().b.token).patch(`/users/${user.id}`, { name: "x" }),
      404,
      "not_found",
    );
  });

  it("never leaves the tenant without an active admin", async () => {
    // tenant-b has no admin user yet: make one, then try to remove it.
    const b = client(ctx().app, ctx().b.token);
    const only = await ok(
      b.post("/users", { email: uniqueEmail("boss"), name: "Boss", role: "admin", password: PASSWORD }),
    );
    const demote = await b.patch(`/users/${only.id}`, { role: "coordinator" });
    expectProblem(demote, 409, "conflict");
    expect(paths(demote)).toEqual(["role"]);
    expectProblem(await b.patch(`/users/${only.id}`, { disabled: true }), 409, "conflict");
    const second = await ok(
      b.post("/users", { email: uniqueEmail("boss"), name: "Boss 2", role: "admin", password: PASSWORD }),
    );
    await ok(b.patch(`/users/${only.id}`, { disabled: true }));
    expectProblem(await b.patch(`/users/${second.id}`, { disabled: true }), 409, "conflict");
  });

  it("limits failed logins per account, with 429 problem+json and Retry-After", async () => {
    const user = await createUser("coordinator");
    for (let i = 0; i < LOGIN_LIMITS.perAccount.max; i++) {
      expect((await login(user.email, "wrong password")).statusCode).toBe(401);
    }
    // Even the right password waits now, from any address.
    const blocked = await login(user.email.toUpperCase());
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["content-type"]).toContain("application/problem+json");
    expect(blocked.json()).toMatchObject({ status: 429, code: "rate_limited" });
    const retryAfter = Number(blocked.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.perAccount.windowMs / 1000);
    // Another account is unaffected.
    const other = await createUser("viewer");
    expect((await login(other.email)).statusCode).toBe(200);
  });

  it("limits login attempts per IP", async () => {
    const user = await createUser("viewer");
    const ip = "10.8.0.1";
    for (let i = 0; i < LOGIN_LIMITS.perIp.max; i++) {
      const email = i % 2 ? user.email : uniqueEmail("guess");
      expect([200, 401]).toContain((await login(email, i % 2 ? PASSWORD : "x", ip)).statusCode);
    }
    const blocked = await login(user.email, PASSWORD, ip);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect((await login(user.email, PASSWORD, "10.8.0.2")).statusCode).toBe(200);
  });

  it("lets an instructor user make a calendar feed of their own sessions, not of others", async () => {
    const world = await schedulingWorld(admin());
    const user = await createUser("instructor", { instructorId: world.anna.id });
    const signedIn = await login(user.email);
    const cookie = cookieOf(signedIn);
    const csrf = signedIn.json().csrfToken;
    const post = (subjectId: string, kind = "instructor") =>
      ctx().app.inject({
        method: "POST",
        url: "/api/v1/feeds",
        headers: { cookie, "x-csrf-token": csrf },
        payload: { kind, subjectId },
      });
    const own = await post(world.anna.id);
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().url).toMatch(/\/api\/v1\/feeds\/lcf_[\w-]+\.ics$/);
    const feed = await ctx().app.inject({ method: "GET", url: new URL(own.json().url).pathname });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain("BEGIN:VCALENDAR");
    expect((await post(world.ben.id)).statusCode).toBe(403);
    expect((await post(world.location.id, "location")).statusCode).toBe(403);
  });
});
