import type { DomainEventsTable } from "../db/schema.js";
import { type DispatchOptions, dispatchEvents } from "../jobs/dispatch-events.js";
import { createWorker, type Worker, type WorkerOptions } from "../jobs/worker.js";
import { createDeliverHandler, routeToWebhooks } from "../webhooks/deliver-webhook.js";
import type { CommsDeps } from "./compose.js";
import {
  createAssignmentReminderHandler,
  createCertificateReminderHandler,
  createNotifyHandler,
  createSignInLinkHandler,
  notifyingEvents,
} from "./notify-event.js";
import { armReminders, createRemindHandler, sweepOutbox } from "./reminders.js";
import { createSendHandler } from "./send-message.js";

export interface AutomationOptions extends Omit<WorkerOptions, "database" | "clock" | "handlers" | "ticks"> {
  dispatch?: DispatchOptions;
  /** How often reminders are armed and the outbox swept (default one minute). */
  scheduleEveryMs?: number;
  webhookTimeoutMs?: number;
}

/** Turns the events after each consumer's cursor into jobs: notifications and webhook deliveries. */
export async function dispatchAll(deps: CommsDeps, options: DispatchOptions = {}): Promise<number> {
  const notify = async (_trx: unknown, event: DomainEventsTable) =>
    event.type in notifyingEvents
      ? [{ type: "notify.event", payload: { eventId: event.id }, idempotencyKey: `notify:${event.id}` }]
      : [];
  const a = await dispatchEvents(deps, "communications", notify, options);
  const b = await dispatchEvents(
    deps,
    "webhooks",
    (trx, event) => routeToWebhooks(trx, event, deps.clock.now()),
    options,
  );
  return a + b;
}

/**
 * The worker every process runs (inside `lectern serve`, or `lectern worker`): drains jobs and,
 * on ticks, dispatches domain events and arms reminders. Any number may run at once.
 */
export function createAutomationWorker(deps: CommsDeps, options: AutomationOptions = {}): Worker {
  const pollMs = options.pollMs ?? 1000;
  const scheduleEveryMs = options.scheduleEveryMs ?? 60_000;
  return createWorker({
    ...options,
    database: deps.database,
    clock: deps.clock,
    handlers: {
      "notify.event": createNotifyHandler(deps),
      "assignment.remind": createAssignmentReminderHandler(deps),
      "session.remind": createRemindHandler(deps),
      "certificate.remind": createCertificateReminderHandler(deps),
      "learner.sign_in_link": createSignInLinkHandler(deps),
      "email.send": createSendHandler(deps),
      "webhook.deliver": createDeliverHandler({ ...deps, timeoutMs: options.webhookTimeoutMs }),
    },
    ticks: [
      { name: "dispatch", everyMs: pollMs, run: () => dispatchAll(deps, options.dispatch) },
      { name: "reminders", everyMs: scheduleEveryMs, run: () => armReminders(deps) },
      { name: "outbox", everyMs: scheduleEveryMs, run: () => sweepOutbox(deps) },
    ],
  });
}
