import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { EntityService, ListParams } from "../../core/shared/entity-service.js";
import { page } from "../../core/shared/schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";

export const idParams = z.object({ id: z.string().min(1).max(100).meta({ description: "Record id" }) });

export interface EntityRoutesSpec<Entity, Input, Patch, Query> {
  /** Collection path under /api/v1, e.g. "/rooms". */
  path: string;
  tag: string;
  /** Singular and plural for summaries: "room", "rooms". */
  noun: string;
  plural: string;
  service: EntityService<Entity, Input, Patch, Query>;
  input: z.ZodType;
  patch: z.ZodType;
  entity: z.ZodType;
  query: z.ZodType;
}

/**
 * The seven routes every reference-data collection has. Each stays thin: validate, take the
 * actor, call the use case, return its result.
 */
export function registerEntityRoutes<Entity, Input, Patch, Query>(
  app: FastifyInstance,
  spec: EntityRoutesSpec<Entity, Input, Patch, Query>,
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { path, tag, noun, plural, service } = spec;
  const one = `${path}/:id`;
  const tags = [tag];

  api.post(path, {
    schema: {
      tags,
      summary: `Create a ${noun}`,
      body: spec.input,
      response: { 201: spec.entity, ...problemResponses(401, 403, 409, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.create(actorOf(request), request.body as Input)),
  });

  api.get(path, {
    schema: {
      tags,
      summary: `List ${plural}`,
      description: "Cursor-paginated in creation order; filters combine with AND.",
      querystring: spec.query,
      response: { 200: page(spec.entity), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => service.list(actorOf(request), request.query as Query & ListParams),
  });

  api.get(one, {
    schema: {
      tags,
      summary: `Get a ${noun}`,
      params: idParams,
      response: { 200: spec.entity, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => service.get(actorOf(request), request.params.id),
  });

  api.patch(one, {
    schema: {
      tags,
      summary: `Update a ${noun}`,
      description: "Send only the fields to change; `null` clears an optional field; lists are replaced.",
      params: idParams,
      body: spec.patch,
      response: { 200: spec.entity, ...problemResponses(401, 403, 404, 409, 422) },
    },
    handler: async (request) => service.update(actorOf(request), request.params.id, request.body as Patch),
  });

  api.delete(one, {
    schema: {
      tags,
      summary: `Delete a ${noun}`,
      description: `Refused with 409 (code in_use) while other records refer to the ${noun}; archive it instead.`,
      params: idParams,
      response: {
        204: z.undefined().meta({ description: "Deleted" }),
        ...problemResponses(401, 403, 404, 409),
      },
    },
    handler: async (request, reply) => {
      await service.remove(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  });

  api.post(`${one}/archive`, {
    schema: {
      tags,
      summary: `Archive a ${noun}`,
      description: "Hidden from lists and from new use; history stays intact.",
      params: idParams,
      response: { 200: spec.entity, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => service.archive(actorOf(request), request.params.id),
  });

  api.post(`${one}/unarchive`, {
    schema: {
      tags,
      summary: `Restore an archived ${noun}`,
      params: idParams,
      response: { 200: spec.entity, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => service.unarchive(actorOf(request), request.params.id),
  });
}
