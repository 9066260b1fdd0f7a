import { expect, it } from "vitest";
import { client, createTestContext, describeEachDatabase } from "../../../test/app.js";
import { databaseKinds } from "../../../test/databases.js";

describeEachDatabase("concurrent writes keep unique fields unique", (ctx) => {
  it("40 simultaneous creates of one course code: exactly one 201, the rest 409 naming code", async () => {
    const api = client(ctx().app, ctx().a.token);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        api.post("/courses", { code: "RACE-1", title: `Attempt ${index}` }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(39);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(response.body).toMatchObject({ code: "conflict", errors: [{ path: "code" }] });
    }
    expect((await api.get("/courses?q=RACE-1")).body.items).toHaveLength(1);
  });

  it("the same learner email from two tenants at once: both succeed, each sees only its own", async () => {
    const [a, b] = await Promise.all([
      client(ctx().app, ctx().a.token).post("/learners", { name: "Twin", email: "twin@race.example" }),
      client(ctx().app, ctx().b.token).post("/learners", { name: "Twin", email: "twin@race.example" }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

it.each(databaseKinds)("health answers 503 when the database is gone [%s]", async (kind) => {
  const { context, close } = await createTestContext(kind);
  const api = client(context.app);
  expect((await api.get("/health")).body.database.status).toBe("ok");
  await context.core.database.destroy();
  const response = await api.get("/health");
  expect(response.status).toBe(503);
  expect(response.body).toMatchObject({ status: "error", database: { status: "error" } });
  await close().catch(() => undefined);
});
