import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Core } from "../../core/app.js";
import {
  createdFeedSchema,
  feedInputSchema,
  feedQuerySchema,
  feedSchema,
  messageDetailSchema,
  messageQuerySchema,
  messageSchema,
  previewInputSchema,
  previewSchema,
  templateInputSchema,
  templateKeySchema,
  templateSchema,
} from "../../core/communications/communications.schemas.js";
import { page } from "../../core/shared/schemas.js";
import { actorOf } from "../auth.js";
import { problemResponses } from "../problem.js";
import { idParams } from "./entity.routes.js";

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const htmlPage = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui;max-width:40rem;margin:3rem auto">${body}</body></html>`;

export function registerCommunicationsRoutes(app: FastifyInstance, core: Pick<Core, "communications">) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const comms = core.communications;

  api.get("/messages", {
    schema: {
      tags: ["Communications"],
      summary: "The message log: every email with its status (queued, sending, sent, failed, bounced)",
      description:
        "Without SMTP_URL, messages stay `queued`: this is the outbox. Filter by recipient, session, status, event or an entity (learner, instructor, enrollment…).",
      querystring: messageQuerySchema,
      response: { 200: page(messageSchema), ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => comms.listMessages(actorOf(request), request.query),
  });

  api.get("/messages/:id", {
    schema: {
      tags: ["Communications"],
      summary: "A message with its text, HTML and calendar invite",
      params: idParams,
      response: { 200: messageDetailSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => comms.getMessage(actorOf(request), request.params.id),
  });

  api.post("/messages/:id/resend", {
    schema: {
      tags: ["Communications"],
      summary: "Send a failed or bounced message again",
      params: idParams,
      response: { 200: messageSchema, ...problemResponses(401, 403, 404, 409) },
    },
    handler: async (request) => comms.resendMessage(actorOf(request), request.params.id),
  });

  api.get("/message-templates", {
    schema: {
      tags: ["Communications"],
      summary: "Templates per event: the tenant's own, and the built-in English ones",
      querystring: z.object({
        language: z
          .string()
          .regex(/^[a-z]{2}$/)
          .default("en"),
      }),
      response: { 200: z.object({ items: z.array(templateSchema) }), ...problemResponses(401, 403) },
    },
    handler: async (request) => ({
      items: await comms.listTemplates(actorOf(request), request.query.language),
    }),
  });

  api.put("/message-templates/:event/:language", {
    schema: {
      tags: ["Communications"],
      summary: "Set the tenant's template for an event and language",
      description:
        "Subject, plain text and optional HTML with `{{variable}}` placeholders (HTML-escaped in the HTML part). Without HTML, the text is sent as simple HTML too.",
      params: templateKeySchema,
      body: templateInputSchema,
      response: { 200: templateSchema, ...problemResponses(401, 403, 422) },
    },
    handler: async (request) =>
      comms.putTemplate(actorOf(request), request.params.event, request.params.language, request.body),
  });

  api.delete("/message-templates/:event/:language", {
    schema: {
      tags: ["Communications"],
      summary: "Go back to the built-in template",
      params: templateKeySchema,
      response: { 204: z.null(), ...problemResponses(401, 403, 404) },
    },
    handler: async (request, reply) => {
      await comms.deleteTemplate(actorOf(request), request.params.event, request.params.language);
      return reply.code(204).send(null);
    },
  });

  api.post("/message-templates/preview", {
    schema: {
      tags: ["Communications"],
      summary: "Render a template with a session's data or sample values; nothing is sent",
      body: previewInputSchema,
      response: { 200: previewSchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request) => comms.preview(actorOf(request), request.body),
  });

  api.post("/feeds", {
    schema: {
      tags: ["Calendar feeds"],
      summary: "Create a secret iCalendar feed URL for an instructor, learner, room or location",
      body: feedInputSchema,
      response: { 201: createdFeedSchema, ...problemResponses(401, 403, 404, 422) },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await comms.createFeed(actorOf(request), request.body)),
  });

  api.get("/feeds", {
    schema: {
      tags: ["Calendar feeds"],
      summary: "List calendar feeds (tokens are never shown again)",
      querystring: feedQuerySchema,
      response: { 200: z.object({ items: z.array(feedSchema) }), ...problemResponses(401, 403) },
    },
    handler: async (request) => ({ items: await comms.listFeeds(actorOf(request), request.query) }),
  });

  api.post("/feeds/:id/revoke", {
    schema: {
      tags: ["Calendar feeds"],
      summary: "Revoke a feed: its URL stops working at once",
      params: idParams,
      response: { 200: feedSchema, ...problemResponses(401, 403, 404) },
    },
    handler: async (request) => comms.revokeFeed(actorOf(request), request.params.id),
  });

  api.get("/feeds/:file", {
    config: { public: true },
    schema: {
      tags: ["Calendar feeds"],
      summary: "A subscribable iCalendar feed (public; the secret token is the credential)",
      description:
        "`GET /api/v1/feeds/<token>.ics` answers text/calendar (METHOD:PUBLISH) with the subject's sessions from 90 days back on, read live: changes show on the client's next refresh. Cancelled sessions stay with STATUS:CANCELLED.",
      security: [],
      params: z.object({ file: z.string().regex(/^lcf_[\w-]+\.ics$/, "must be <token>.ics") }),
      response: {
        200: z.string().meta({ description: "text/calendar (RFC 5545)" }),
        ...problemResponses(404),
      },
    },
    handler: async (request, reply) => {
      const text = await comms.feedCalendar(request.params.file.replace(/\.ics$/, ""));
      return reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "no-cache")
        .serializer((body: unknown) => String(body))
        .send(text);
    },
  });

  // Accept/decline links from assignment emails: no login, the signed token is the credential.
  // GET only shows what the click will do (mail scanners follow links); POST answers.
  const tokenQuery = z.object({ token: z.string().min(10).max(2000) });
  const html = z.string().meta({ description: "text/html page for the instructor" });

  app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string" },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const routes = scope.withTypeProvider<ZodTypeProvider>();
    routes.get("/public/assignments/respond", {
      config: { public: true },
      schema: {
        tags: ["Public"],
        summary: "Show an accept/decline link's question (from an assignment email)",
        security: [],
        querystring: tokenQuery,
        response: { 200: html, ...problemResponses(404, 409) },
      },
      handler: async (request, reply) => {
        const link = await comms.describeLink(request.query.token);
        const verb = link.response === "accept" ? "Accept" : "Decline";
        const when = new Intl.DateTimeFormat("en", {
          dateStyle: "full",
          timeStyle: "short",
          timeZone: link.timeZone,
        }).format(link.startsAt);
        return reply
          .type("text/html; charset=utf-8")
          .serializer(String)
          .send(
            htmlPage(
              `${verb} ${link.courseTitle}`,
              `<h1>${verb}: ${escapeHtml(link.courseTitle)}</h1><p>${escapeHtml(when)} (${escapeHtml(link.timeZone)})</p><form method="post" action="?token=${encodeURIComponent(request.query.token)}"><p><label>Note (optional)<br><textarea name="note" rows="3" cols="40"></textarea></label></p><button type="submit">${verb}</button></form>`,
            ),
          );
      },
    });

    routes.post("/public/assignments/respond", {
      config: { public: true },
      schema: {
        tags: ["Public"],
        summary: "Accept or decline an assignment from a signed link",
        security: [],
        querystring: tokenQuery,
        body: z.object({ note: z.string().max(1000).optional() }).nullish(),
        response: { 200: html, ...problemResponses(404, 409) },
      },
      handler: async (request, reply) => {
        const note = request.body?.note?.trim() || null;
        const result = await comms.respondByLink(request.query.token, note);
        return reply
          .type("text/html; charset=utf-8")
          .serializer(String)
          .send(
            htmlPage(
              "Thank you",
              `<h1>Thank you</h1><p>Your answer is recorded: ${escapeHtml(result.status)}.</p>`,
            ),
          );
      },
    });
  });
}
