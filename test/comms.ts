import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import ICAL from "ical.js";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { CommsSettings } from "../src/core/communications/settings.js";
import type { Worker } from "../src/core/jobs/worker.js";
import type { Clock } from "../src/core/shared/clock.js";
import { createTestContext, type TestContext } from "./app.js";
import type { DatabaseKind } from "./databases.js";

/** A real SMTP server on 127.0.0.1 that keeps what arrives; it can refuse connections for a while. */
export async function startSmtpServer(options: { delayMs?: number; rejectRecipient?: RegExp } = {}) {
  const received: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onRcptTo(address, _session, callback) {
          if (options.rejectRecipient?.test(address.address)) {
            return callback(Object.assign(new Error("550 5.1.1 No such user"), { responseCode: 550 }));
          }
          callback();
        },
        onData(stream, _session, callback) {
          simpleParser(stream).then(
            async (mail) => {
              // A slow server keeps sends in flight (the kill test needs them mid-batch).
              if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
              received.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        },
      });
      server.on("error", () => undefined);
      server.listen(port, "127.0.0.1", () => {
        port = (server!.server.address() as AddressInfo).port;
        resolve();
      });
      server.server.once("error", reject);
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const closing = server;
      server = null;
      closing.close(() => resolve());
    });
  await listen();
  return {
    url: () => `smtp://127.0.0.1:${port}`,
    received,
    /** Stops listening: connections are refused (ECONNREFUSED) until `accept()`. */
    refuse: stop,
    accept: listen,
    close: stop,
  };
}
export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;

/** A plain HTTP receiver on 127.0.0.1 that answers with `status()` and records every request. */
export async function startReceiver(status: () => number) {
  const requests: { headers: IncomingMessage["headers"]; body: string; answered: number }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answered = status();
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), answered });
      response.writeHead(answered, { "content-type": "text/plain" }).end(answered < 300 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Like createTestContext, with communications settings (SMTP URL, public URL) of the test's own. */
export function createCommsContext(kind: DatabaseKind, comms: Partial<CommsSettings>, clock?: Clock) {
  return createTestContext(kind, { comms: { publicUrl: "http://lectern.test", ...comms }, clock });
}

/** A worker tuned for tests: short polls and backoff, events dispatched without a settle window. */
export const testWorker = (core: TestContext["core"]) =>
  core.createWorker({
    pollMs: 20,
    backoffBaseMs: 40,
    backoffMaxMs: 200,
    leaseMs: 30_000,
    dispatch: { settleMs: 0 },
    onError: () => undefined,
  });

/** Ticks and drains the worker until `done()` holds (or fails after `timeoutMs`). */
export async function drainUntil(worker: Worker, done: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("drainUntil: timed out");
    await worker.tick();
    const ran = await worker.runOnce();
    if (ran === 0) await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every VEVENT of an ICS text, read by ical.js with the VTIMEZONEs the text itself carries. */
export function readCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  return {
    method: calendar.getFirstPropertyValue("method"),
    events: calendar.getAllSubcomponents("vevent").map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        sequence: event.sequence,
        status: component.getFirstPropertyValue("status"),
        start: event.startDate.toJSDate().getTime(),
        end: event.endDate.toJSDate().getTime(),
        zone: event.startDate.zone?.tzid,
        local: event.startDate.toString(),
      };
    }),
  };
}
