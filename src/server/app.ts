import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import type { Core } from "../core/app.js";
import { newId } from "../core/shared/ids.js";
import { registerAuthentication } from "./auth.js";
import { errorHandler, notFoundHandler } from "./errors.js";
import { landingPage } from "./landing.js";
import { registerAttendanceRoutes } from "./routes/attendance.routes.js";
import { registerAutomationRoutes } from "./routes/automation.routes.js";
import { registerCatalogRoutes } from "./routes/catalog.routes.js";
import { registerCertificateRoutes } from "./routes/certificates.routes.js";
import { registerCommunicationsRoutes } from "./routes/communications.routes.js";
import { registerEnrollmentRoutes } from "./routes/enrollments.routes.js";
import { registerImportRoutes } from "./routes/imports.routes.js";
import { registerInstructorRoutes } from "./routes/instructors.routes.js";
import { registerPeopleRoutes } from "./routes/people.routes.js";
import { registerPlanRoutes } from "./routes/plans.routes.js";
import { registerPortalRoutes } from "./routes/portal.routes.js";
import { registerPublicRoutes } from "./routes/public.routes.js";
import { registerResourceRoutes } from "./routes/resources.routes.js";
import { registerSeriesRoutes } from "./routes/series.routes.js";
import { registerSessionRoutes } from "./routes/sessions.routes.js";
import { registerSystemRoutes } from "./routes/system.routes.js";
import { registerWebAuthRoutes } from "./routes/web-auth.routes.js";
import { version } from "./version.js";
import { defaultWebRoot, registerWebApp, spaFallback, webAppBuilt } from "./web-app.js";

export interface ServerOptions {
  logLevel?: string;
  trustProxy?: boolean;
  /** The built web app (default dist/web; null: none); without an index.html there, / shows a landing page. */
  webRoot?: string | null;
}

export async function buildServer(core: Core, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel && options.logLevel !== "silent" ? { level: options.logLevel } : false,
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w.-]{1,100}$/.test(incoming) ? incoming : newId();
    },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 50 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const webRoot = options.webRoot === undefined ? defaultWebRoot : options.webRoot;
  const serveWeb = webRoot !== null && webAppBuilt(webRoot);
  app.setNotFoundHandler(serveWeb ? spaFallback(webRoot) : notFoundHandler);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Lectern API",
        version,
        description:
          "Training management: catalog, resources, instructors, clients and learners. Authenticate with `Authorization: Bearer <token>`. Errors are RFC 9457 problem+json.",
        license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
      },
      servers: [{ url: "/api/v1" }],
      components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } },
      security: [{ bearerAuth: [] }],
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      // Paths are documented relative to the /api/v1 server entry.
      return { ...transformed, url: transformed.url.replace(/^\/api\/v1/, "") };
    },
    transformObject: jsonSchemaTransformObject,
    hideUntagged: true,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    uiConfig: { deepLinking: true, persistAuthorization: true },
  });

  await app.register(
    async (api) => {
      registerAuthentication(api, core.auth, core.webAuth);
      registerSystemRoutes(api, core, version);
      registerCatalogRoutes(api, core);
      registerResourceRoutes(api, core);
      registerInstructorRoutes(api, core);
      registerPeopleRoutes(api, core);
      registerImportRoutes(api, core);
      registerSeriesRoutes(api, core);
      registerSessionRoutes(api, core);
      registerPlanRoutes(api, core);
      registerCommunicationsRoutes(api, core);
      registerAutomationRoutes(api, core);
      registerEnrollmentRoutes(api, core);
      registerAttendanceRoutes(api, core);
      registerCertificateRoutes(api, core);
      registerPublicRoutes(api, core);
      registerWebAuthRoutes(api, core);
      registerPortalRoutes(api, core);
      api.get("/openapi.json", { config: { public: true } }, async () => app.swagger());
    },
    { prefix: "/api/v1" },
  );

  if (serveWeb) await registerWebApp(app, webRoot);
  else app.get("/", async (_request, reply) => reply.type("text/html").send(landingPage(version)));
  return app;
}
