import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFoundHandler } from "./errors.js";

/** Where `npm run build:web` writes the React app. */
export const defaultWebRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/web");

export const webAppBuilt = (root = defaultWebRoot) => existsSync(join(root, "index.html"));

/** Serves the built web app from the API's port: files as they are (hashed assets cached for a year). */
export async function registerWebApp(app: FastifyInstance, root = defaultWebRoot) {
  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    index: ["index.html"],
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader(
        "cache-control",
        path.includes(`${join(root, "assets")}`) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
}

/**
 * The not-found handler when the web app is served: index.html for any other page GET outside
 * /api, so client-side routes survive a reload; problem+json 404s for the API and missing files.
 */
export function spaFallback(root = defaultWebRoot) {
  return (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split("?")[0] ?? "";
    const isPage =
      (request.method === "GET" || request.method === "HEAD") &&
      !path.startsWith("/api/") &&
      path !== "/api" &&
      !/\.[a-z0-9]+$/i.test(path);
    if (!isPage) return notFoundHandler(request, reply);
    reply.header("cache-control", "no-cache");
    return reply.sendFile("index.html", root, { cacheControl: false });
  };
}
