import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../core/auth/actor.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";

const childParams = z.object({ id: idParams.shape.id, childId: z.string().min(1).max(100) });

export interface ChildService<Item, Input, Patch, Query> {
  list(actor: Actor, parentId: string, query: Query): Promise<Item[]>;
  add(actor: Actor, parentId: string, input: Input): Promise<Item>;
  update(actor: Actor, parentId: string, id: string, patch: Patch): Promise<Item>;
  remove(actor: Actor, parentId: string, id: string): Promise<void>;
}

/** list / add / change / remove for records that live under a parent (`/instructors/{id}/time-off`). */
export function registerChildRoutes<Item, Input, Patch, Query>(
  app: FastifyInstance,
  spec: {
    path: string;
    tag: string;
    summaries: { list: string; add: string; update: string; remove: string };
    service: ChildService<Item, Input, Patch, Query>;
    item: z.ZodType;
    input: z.ZodType;
    patch: z.ZodType;
    query?: z.ZodType;
  },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = [spec.tag];
  const { service, summaries } = spec;
  const one = `${spec.path}/:childId`;

  api.get(spec.path, {
    schema: {
      tags,
      summary: summaries.list,
      params: idParams,
      ...(spec.query && { querystring: spec.query }),
      response: { 200: z.object({ items: z.array(spec.item) }), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => ({
      items: await service.list(actorOf(request), request.params.id, (request.query ?? {}) as Query),
    }),
  });
  api.post(spec.path, {
    schema: {
      tags,
      summary: summaries.add,
      params: idParams,
      body: spec.input,
      response: { 201: spec.item, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.add(actorOf(request), request.params.id, request.body as Input)),
  });
  api.patch(one, {
    schema: {
      tags,
      summary: summaries.update,
      params: childParams,
      body: spec.patch,
      response: { 200: spec.item, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request) =>
      service.update(actorOf(request), request.params.id, request.params.childId, request.body as Patch),
  });
  api.delete(one, {
    schema: {
      tags,
      summary: summaries.remove,
      params: childParams,
      response: { 204: z.undefined().meta({ description: "Deleted" }), ...problemResponses(401, 403, 404) },
    },
    handler: async (request, reply) => {
      await service.remove(actorOf(request), request.params.id, request.params.childId);
      return reply.code(204).send();
    },
  });
}
