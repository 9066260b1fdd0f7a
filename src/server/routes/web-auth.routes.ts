import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import {
  loginResultSchema,
  loginSchema,
  userCreateSchema,
  userSchema,
} from "../../core/web-auth/web-auth.schemas.js";
import { actorOf } from "../auth.js";
import { clearLoginCookies, setLoginCookies } from "../cookies.js";
import { problemResponses } from "../problem.js";

const tags = ["Auth"];

export function registerWebAuthRoutes(app: FastifyInstance, core: Pick<Core, "webAuth">) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post("/auth/login", {
    config: { public: true },
    schema: {
      tags,
      summary: "Sign in to the web app (cookie session)",
      description:
        "Sets an HttpOnly, SameSite=Lax session cookie (lectern_session) and a readable CSRF cookie (lectern_csrf). Requests authenticated by the cookie that change anything (POST, PUT, PATCH, DELETE) must send the CSRF token as the X-CSRF-Token header, or they are refused with 403. Scripts should use bearer tokens instead.",
      security: [],
      body: loginSchema,
      response: { 200: loginResultSchema, ...problemResponses(401, 422) },
    },
    handler: async (request, reply) => {
      const login = await core.webAuth.login(request.body);
      setLoginCookies(request, reply, login);
      return login.result;
    },
  });

  api.post("/auth/logout", {
    schema: {
      tags,
      summary: "Sign out of the web app",
      description: "Ends the cookie session (with the CSRF header) and clears both cookies.",
      response: { 204: z.undefined().meta({ description: "Signed out" }), ...problemResponses(401, 403) },
    },
    handler: async (request, reply) => {
      if (request.webSession) await core.webAuth.logout(request.webSession);
      clearLoginCookies(request, reply);
      return reply.code(204).send();
    },
  });

  api.get("/users", {
    schema: {
      tags,
      summary: "List the people who sign in to the web app",
      response: { 200: z.object({ items: z.array(userSchema) }), ...problemResponses(401, 403) },
    },
    handler: async (request) => ({ items: await core.webAuth.listUsers(actorOf(request)) }),
  });

  api.post("/users", {
    schema: {
      tags,
      summary: "Add a web app user",
      description: "An instructor user is linked to their instructor record and sees the instructor portal.",
      body: userCreateSchema,
      response: { 201: userSchema, ...problemResponses(401, 403, 409, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await core.webAuth.createUser(actorOf(request), request.body)),
  });
}
