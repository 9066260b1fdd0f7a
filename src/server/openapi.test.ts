import SwaggerParser from "@apidevtools/swagger-parser";
import { expect, it } from "vitest";
import { client, describeEachDatabase } from "../../test/app.js";

describeEachDatabase("OpenAPI document", (ctx) => {
  it("is served without a token and validates as OpenAPI 3.1", async () => {
    const response = await client(ctx().app).get("/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    const document = structuredClone(response.body);
    await expect(SwaggerParser.validate(document)).resolves.toBeTruthy();
  });

  it("documents every API route, with problem responses and a bearer scheme", async () => {
    const spec = (await client(ctx().app).get("/api/v1/openapi.json")).body;
    const paths = Object.keys(spec.paths);
    for (const path of [
      "/health",
      "/courses",
      "/courses/{id}",
      "/courses/{id}/archive",
      "/locations",
      "/rooms",
      "/equipment",
      "/virtual-platforms",
      "/instructors",
      "/instructors/{id}/qualifications",
      "/instructors/{id}/availability",
      "/instructors/{id}/availability-rules",
      "/sessions",
      "/sessions/check",
      "/sessions/{id}/status",
      "/calendar",
      "/rooms/{id}/availability",
      "/instructors/{id}/time-off",
      "/clients",
      "/learners",
      "/tokens",
      "/audit-events",
    ]) {
      expect(paths).toContain(path);
    }
    expect(spec.components.securitySchemes.bearerAuth).toEqual({ type: "http", scheme: "bearer" });
    const createRoom = spec.paths["/rooms"].post;
    expect(Object.keys(createRoom.responses)).toEqual(expect.arrayContaining(["201", "401", "422"]));
    expect(createRoom.responses["422"].content["application/problem+json"]).toBeDefined();
  });

  it("serves the reference UI at /api/docs", async () => {
    const response = await ctx().app.inject({ method: "GET", url: "/api/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("swagger-ui");
  });
});
