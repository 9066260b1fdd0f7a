import { describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds } from "../../../test/databases.js";
import { createCore } from "../app.js";
import { systemActor } from "../auth/actor.js";
import { domainEventRepository } from "./domain-events.repository.js";
import { publishEvent } from "./publish-event.js";

describe.each(databaseKinds)("domain events [%s]", (kind) => {
  it("commit with the change and vanish with a rollback", async () => {
    const database = await createTestDatabase(kind);
    const core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 4 });
    try {
      const { tenant } = await core.tenancy.ensureTenant("events");
      const actor = systemActor(tenant.id, "test");
      const event = { type: "thing.happened", entityType: "thing", entityId: "t1", payload: { n: 1 } };
      await core.database.db.transaction().execute((trx) => publishEvent(trx, actor, 1, event));
      await expect(
        core.database.db.transaction().execute(async (trx) => {
          await publishEvent(trx, actor, 2, { ...event, entityId: "t2" });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      const seen = await domainEventRepository.after(core.database.db, null, 10);
      expect(seen.map((row) => [row.entity_id, JSON.parse(row.payload_json)])).toEqual([["t1", { n: 1 }]]);
      expect(await domainEventRepository.after(core.database.db, seen[0]!.id, 10)).toEqual([]);
    } finally {
      await core.close();
      await database.drop();
    }
  });
});
