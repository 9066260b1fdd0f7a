import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommsContext } from "../../../test/comms.js";
import { databaseKinds } from "../../../test/databases.js";
import type { Core } from "../app.js";
import type { DomainEventsTable } from "../db/schema.js";
import { publishEvents } from "../events/publish-event.js";
import { dispatchEvents, idBoundary } from "./dispatch-events.js";

describe("idBoundary", () => {
  it("sorts below every UUIDv7 of its millisecond and above every earlier one", () => {
    const ms = Date.parse("2027-01-01T00:00:00Z");
    const hex = ms.toString(16).padStart(12, "0");
    const same = `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`;
    const earlier = (ms - 1).toString(16).padStart(12, "0");
    expect(idBoundary(ms) <= same).toBe(true);
    expect(`${earlier.slice(0, 8)}-${earlier.slice(8)}-7fff-bfff-ffffffffffff` < idBoundary(ms)).toBe(true);
  });
});

describe.each(databaseKinds)("event dispatcher [%s]", (kind) => {
  let created: Awaited<ReturnType<typeof createCommsContext>>;
  let core: Core;
  beforeAll(async () => {
    created = await createCommsContext(kind, {});
    core = created.context.core;
  }, 60_000);
  afterAll(() => created?.close());

  const publish = (count: number, tag: string) =>
    core.database.db.transaction().execute((trx) =>
      publishEvents(
        trx,
        created.context.a.actor,
        Date.now(),
        Array.from({ length: count }, (_, n) => ({
          type: "thing.happened",
          entityType: "thing",
          entityId: `${tag}-${n}`,
          payload: {},
        })),
      ),
    );
  const route = async (_trx: unknown, event: DomainEventsTable) => [
    { type: "test.handle", payload: { entityId: event.entity_id }, idempotencyKey: `handle:${event.id}` },
  ];
  const handled = async () =>
    (
      await core.database.db
        .selectFrom("jobs")
        .select("payload_json")
        .where("type", "=", "test.handle")
        .execute()
    ).map((row) => JSON.parse(row.payload_json).entityId as string);
  const options = { settleMs: 0, limit: 3 };

  it("turns each event into jobs exactly once: a failed pass leaves nothing, concurrent passes take turns", async () => {
    await publish(7, "first");
    await new Promise((resolve) => setTimeout(resolve, 5));
    let calls = 0;
    const crashing = async (trx: unknown, event: DomainEventsTable) => {
      if (++calls === 2) throw new Error("dispatcher died");
      return route(trx, event);
    };
    await expect(dispatchEvents(core, "test", crashing, options)).rejects.toThrow("dispatcher died");
    expect(await handled()).toEqual([]);
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => dispatchEvents(core, "test", route, options)),
    );
    while ((await dispatchEvents(core, "test", route, options)) > 0) {}
    expect(runs.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(7);
    expect((await handled()).sort()).toEqual(Array.from({ length: 7 }, (_, n) => `first-${n}`).sort());
    await publish(2, "second");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await dispatchEvents(core, "test", route, options)).toBe(2);
    expect(await dispatchEvents(core, "test", route, options)).toBe(0);
    expect(await handled()).toHaveLength(9);
  });
});
