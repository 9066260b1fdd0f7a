import { createHmac, timingSafeEqual } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "../../../test/app.js";
import { createCommsContext, drainUntil, startReceiver, testWorker } from "../../../test/comms.js";
import { databaseKinds } from "../../../test/databases.js";
import { schedulingWorld, sessionBody } from "../../../test/scheduling-fixtures.js";

/**
 * A receiver's check written from the Standard Webhooks description alone: the signed content is
 * "<webhook-id>.<webhook-timestamp>.<raw body>", the key is the base64 after "whsec_", the
 * header holds space-separated "v1,<base64 HMAC-SHA256>" signatures, and old timestamps are refused.
 */
function verifyStandardWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const id = String(headers["webhook-id"] ?? "");
  const timestamp = String(headers["webhook-timestamp"] ?? "");
  const signatures = String(headers["webhook-signature"] ?? "").split(" ");
  if (!id || !/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.some((entry) => {
    const [version, signature] = entry.split(",");
    if (version !== "v1" || !signature) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe.each(databaseKinds)("webhooks [%s]", (kind) => {
  let created: Awaited<ReturnType<typeof createCommsContext>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let failuresLeft = 0;

  beforeAll(async () => {
    receiver = await startReceiver(() => (failuresLeft-- > 0 ? 500 : 200));
    created = await createCommsContext(kind, {});
  }, 60_000);
  afterAll(async () => {
    await created?.close();
    await receiver?.close();
  });

  it("delivers signed events exactly once through 500s, logs every attempt, and redelivers on demand", async () => {
    const { app, a, b, core } = created.context;
    const api = client(app, a.token);
    const subscription = await api.post("/webhooks", { url: receiver.url, eventTypes: ["session.*"] });
    expect(subscription.status).toBe(201);
    expect(subscription.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const secret = subscription.body.secret as string;
    const ignored = await api.post("/webhooks", {
      url: `${receiver.url}/other`,
      eventTypes: ["enrollment.*"],
    });
    expect(ignored.status).toBe(201);
    expect((await client(app, b.token).get(`/webhooks/${subscription.body.id}`)).status).toBe(404);
    expect((await api.post("/webhooks", { url: "ftp://x", eventTypes: ["bad type"] })).status).toBe(422);

    const world = await schedulingWorld(api);
    failuresLeft = 3;
    const session = (await api.post("/sessions", sessionBody(world, "2027-03-02", { status: "planned" })))
      .body;
    const worker = testWorker(core);
    await drainUntil(worker, () => receiver.requests.some((r) => r.answered === 200));
    for (let i = 0; i < 5; i++) {
      await worker.tick();
      await worker.runOnce();
    }
    const created_ = receiver.requests.filter((r) => JSON.parse(r.body).type === "session.created");
    expect(created_.map((r) => r.answered)).toEqual([500, 500, 500, 200]);
    expect(new Set(created_.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const request of created_)
      expect(verifyStandardWebhook(secret, request.headers, request.body)).toBe(true);
    expect(
      verifyStandardWebhook(
        secret,
        created_[0]!.headers,
        created_[0]!.body.replace("session.created", "session.cancelled"),
      ),
    ).toBe(false);
    expect(
      verifyStandardWebhook(
        "whsec_c2VjcmV0LW9mLXNvbWVvbmUtZWxzZQ==",
        created_[0]!.headers,
        created_[0]!.body,
      ),
    ).toBe(false);
    const payload = JSON.parse(created_[0]!.body);
    expect(payload).toMatchObject({
      type: "session.created",
      data: { entityType: "session", entityId: session.id, sessionId: session.id },
    });
    expect(receiver.requests.some((r) => r.body.includes("enrollment."))).toBe(false);

    const log = await api.get(`/webhook-deliveries?subscriptionId=${subscription.body.id}`);
    const delivery = log.body.items.find((d: { eventType: string }) => d.eventType === "session.created");
    expect(delivery).toMatchObject({ status: "sent", attempts: 4, responseStatus: 200, lastError: null });
    expect(delivery.id).toBe(created_[0]!.headers["webhook-id"]);

    const redelivered = await api.post(`/webhook-deliveries/${delivery.id}/redeliver`);
    expect(redelivered.body.status).toBe("queued");
    const before = receiver.requests.length;
    await drainUntil(worker, () => receiver.requests.length > before);
    const last = receiver.requests.at(-1)!;
    expect(last.headers["webhook-id"]).toBe(delivery.id);
    expect(verifyStandardWebhook(secret, last.headers, last.body)).toBe(true);
    expect((await client(app, b.token).post(`/webhook-deliveries/${delivery.id}/redeliver`)).status).toBe(
      404,
    );
  });
});
