import type { InjectOptions } from "fastify";
import { expect, it } from "vitest";
import { client, describeEachDatabase, expectProblem, paths, uniqueEmail } from "../../../test/app.js";
import { schedulingWorld } from "../../../test/scheduling-fixtures.js";

const PASSWORD = "correct horse battery";

describeEachDatabase("web login, cookie sessions and CSRF", (context) => {
  const admin = () => client(context().app, context().a.token);

  /** A small browser: keeps the cookies a login set and sends them (and optionally the CSRF header). */
  async function signIn(email: string, password = PASSWORD, tenant?: string) {
    const { app } = context();
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email, password, ...(tenant && { tenant }) },
    });
    const setCookie = ([] as string[]).concat((response.headers["set-cookie"] as string[]) ?? []);
    const cookie = setCookie.map((c) => c.split(";")[0]).join("; ");
    const body = response.json();
    const send = async (
      method: InjectOptions["method"],
      url: string,
      payload?: unknown,
      csrf?: string | null,
    ) => {
      const result = await app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { cookie, ...(csrf !== null && { "x-csrf-token": csrf ?? body.csrfToken }) },
        ...(payload !== undefined && { payload: payload as InjectOptions["payload"] }),
      });
      const text = result.body;
      return {
        status: result.statusCode,
        body: text && String(result.headers["content-type"]).includes("json") ? JSON.parse(text) : text,
        headers: result.headers,
      };
    };
    return { response, setCookie, cookie, body, send };
  }

  async function createUser(
    role: "admin" | "coordinator" | "instructor",
    extra: Record<string, unknown> = {},
  ) {
    const email = uniqueEmail(role);
    const created = await admin().post("/users", {
      email,
      name: `A ${role}`,
      role,
      password: PASSWORD,
      ...extra,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { email, user: created.body };
  }

  it("signs in with a password and sets an HttpOnly, SameSite=Lax session cookie and a CSRF cookie", async () => {
    const { email } = await createUser("coordinator");
    const browser = await signIn(email.toUpperCase());
    expect(browser.response.statusCode).toBe(200);
    expect(browser.body).toMatchObject({
      user: { email, role: "coordinator" },
      tenant: { slug: "tenant-a" },
    });
    const session = browser.setCookie.find((c) => c.startsWith("lectern_session="))!;
    const csrf = browser.setCookie.find((c) => c.startsWith("lectern_csrf="))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toContain(encodeURIComponent(browser.body.csrfToken));

    const me = await browser.send("GET", "/me", undefined, null);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      tenant: { name: "Tenant tenant-a" },
      actor: { kind: "user", role: "coordinator" },
      user: { email, instructorId: null },
    });
  });

  it("refuses wrong passwords and unknown emails alike, and logins without a password", async () => {
    const { email } = await createUser("coordinator");
    expectProblem(await asResponse(signIn(email, "wrong password")), 401, "unauthenticated");
    expectProblem(await asResponse(signIn(uniqueEmail("nobody"))), 401, "unauthenticated");
    const invalid = await asResponse(signIn("", ""));
    expect(invalid.status).toBe(422);
  });

  it("refuses cookie-authenticated changes without the right CSRF header, and accepts them with it", async () => {
    const { email } = await createUser("coordinator");
    const browser = await signIn(email);
    const course = (code: string) => ({ code, title: "Cookie course" });
    expectProblem(await browser.send("POST", "/courses", course("CSRF-1"), null), 403, "forbidden");
    expectProblem(
      await browser.send("POST", "/courses", course("CSRF-2"), "not-the-token"),
      403,
      "forbidden",
    );
    expectProblem(
      await browser.send("DELETE", "/courses/019a0000-0000-7000-8000-000000000000", undefined, null),
      403,
      "forbidden",
    );
    expect((await admin().get("/courses?q=CSRF-")).body.items).toHaveLength(0);
    const created = await browser.send("POST", "/courses", course("CSRF-3"));
    expect(created.status).toBe(201);
    expect((await browser.send("GET", "/courses?q=CSRF-3", undefined, null)).body.items).toHaveLength(1);
    // Another session's token does not fit this one.
    const other = await signIn(email);
    expectProblem(
      await browser.send("POST", "/courses", course("CSRF-4"), other.body.csrfToken),
      403,
      "forbidden",
    );
  });

  it("keeps bearer tokens working without CSRF, and a bearer request ignores cookies", async () => {
    const created = await admin().post("/courses", { code: "BEARER-1", title: "Token course" });
    expect(created.status).toBe(201);
    const me = await admin().get("/me");
    expect(me.body).toMatchObject({ actor: { kind: "token", role: "admin" }, user: null });
  });

  it("signs out: the cookie stops working and both cookies are cleared", async () => {
    const { email } = await createUser("coordinator");
    const browser = await signIn(email);
    expectProblem(await browser.send("POST", "/auth/logout", {}, null), 403, "forbidden");
    const out = await browser.send("POST", "/auth/logout", {});
    expect(out.status).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/lectern_session=;.*Max-Age=0/);
    expectProblem(await browser.send("GET", "/me", undefined, null), 401, "unauthenticated");
  });

  it("asks for the tenant when an email has a login in two tenants", async () => {
    const email = uniqueEmail("twice");
    for (const tenant of [context().a, context().b]) {
      const api = client(context().app, tenant.token);
      expect(
        (await api.post("/users", { email, name: "Twice", role: "viewer", password: PASSWORD })).status,
      ).toBe(201);
    }
    const ambiguous = await asResponse(signIn(email));
    expect(ambiguous.status).toBe(422);
    expect(paths(ambiguous)).toEqual(["tenant"]);
    const chosen = await signIn(email, PASSWORD, "tenant-b");
    expect(chosen.body.tenant.slug).toBe("tenant-b");
  });

  it("creates users only as admin, validates the instructor link, and hides other tenants' users", async () => {
    const coordinator = await signIn((await createUser("coordinator")).email);
    expectProblem(
      await coordinator.send("POST", "/users", {
        email: uniqueEmail(),
        name: "X",
        role: "viewer",
        password: PASSWORD,
      }),
      403,
      "forbidden",
    );
    const noLink = await admin().post("/users", {
      email: uniqueEmail(),
      name: "I",
      role: "instructor",
      password: PASSWORD,
    });
    expect(paths(noLink)).toEqual(["instructorId"]);
    const otherTenant = await client(context().app, context().b.token).post("/instructors", {
      name: "Elsewhere",
      email: uniqueEmail(),
    });
    const foreign = await admin().post("/users", {
      email: uniqueEmail(),
      name: "I",
      role: "instructor",
      password: PASSWORD,
      instructorId: otherTenant.body.id,
    });
    expect(paths(foreign)).toEqual(["instructorId"]);
    const short = await admin().post("/users", {
      email: uniqueEmail(),
      name: "S",
      role: "viewer",
      password: "short",
    });
    expect(paths(short)).toEqual(["password"]);
    const { email } = await createUser("coordinator");
    expectProblem(
      await admin().post("/users", { email, name: "Dup", role: "viewer", password: PASSWORD }),
      409,
      "conflict",
    );
    const listed = await client(context().app, context().b.token).get("/users");
    expect(listed.body.items.map((u: { email: string }) => u.email)).not.toContain(email);
  });

  it("lets an instructor user answer their own assignment requests and keep their availability, nothing else", async () => {
    const world = await schedulingWorld(admin());
    const { email } = await createUser("instructor", { instructorId: world.anna.id });
    const anna = await signIn(email);
    const session = await admin().post("/sessions", {
      courseId: world.course.id,
      timeZone: "Europe/Berlin",
      format: "ilt",
      locationId: world.location.id,
      segments: [{ start: "2031-03-04T09:00", end: "2031-03-04T17:00", roomId: world.roomA.id }],
      instructors: [
        { instructorId: world.anna.id, role: "lead" },
        { instructorId: world.ben.id, role: "co" },
      ],
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const [mine, bens] = session.body.instructors;
    const base = `/sessions/${session.body.id}/instructors`;
    expectProblem(await anna.send("POST", `${base}/${bens.id}/accept`, {}), 403, "forbidden");
    expectProblem(await anna.send("POST", `${base}/${mine.id}/withdraw`, {}), 403, "forbidden");
    expectProblem(await anna.send("POST", `${base}/${mine.id}/accept`, {}, null), 403, "forbidden");
    const accepted = await anna.send("POST", `${base}/${mine.id}/accept`, { note: "Happy to" });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.session.instructors[0]).toMatchObject({
      status: "accepted",
      responseNote: "Happy to",
    });

    const timeOff = await anna.send("POST", `/instructors/${world.anna.id}/time-off`, {
      start: "2031-05-01",
      end: "2031-05-02",
      reason: "Holiday",
    });
    expect(timeOff.status, JSON.stringify(timeOff.body)).toBe(201);
    expectProblem(
      await anna.send("POST", `/instructors/${world.ben.id}/time-off`, {
        start: "2031-05-01",
        end: "2031-05-02",
      }),
      403,
      "forbidden",
    );
    expectProblem(
      await anna.send("POST", `/instructors/${world.anna.id}/qualifications`, { skill: "extra" }),
      403,
      "forbidden",
    );
    expectProblem(await anna.send("POST", "/courses", { code: "NOPE", title: "No" }), 403, "forbidden");
  });
});

async function asResponse(
  pending: Promise<{ response: { statusCode: number; headers: Record<string, unknown>; json(): any } }>,
) {
  const { response } = await pending;
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}
