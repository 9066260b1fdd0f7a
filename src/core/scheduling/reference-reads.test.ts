import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { client, describeEachDatabase, expectInvalid } from "../../../test/app.js";
import { schedulingWorld, sessionBody, type World } from "../../../test/scheduling-fixtures.js";
import { type Core, createCore } from "../app.js";
import { referenceVersionRepository } from "../db/reference-versions.repository.js";
import { createReferenceCache, directReads } from "./reference-reads.js";

describeEachDatabase("reference data cache of the dry run", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);
  const version = () => referenceVersionRepository.current(ctx().core.database.db, ctx().a.id);
  // A second core on the same database: its own pool and its own cache, as another process has.
  let other: Core;
  beforeAll(async () => {
    other = await createCore({ DATABASE_URL: ctx().url, DATABASE_POOL_MAX: 2 }, { migrate: false });
  });
  afterAll(async () => {
    await other?.close();
  });
  const check = async (body: Record<string, unknown>) => {
    const response = await admin().post("/sessions/check", body);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body.conflicts as { type: string }[]).map((conflict) => conflict.type).sort();
  };

  it("bumps the tenant's version on every write to reference data, and on nothing else", async () => {
    const before = await version();
    const world = await schedulingWorld(admin());
    const afterWorld = await version();
    expect(afterWorld).toBeGreaterThan(before);

    const steps: [string, () => Promise<{ status: number }>][] = [
      ["room", () => admin().patch(`/rooms/${world.roomB.id}`, { capacity: 22 })],
      [
        "time off",
        () =>
          admin().post(`/instructors/${world.ben.id}/time-off`, { start: "2031-01-06", end: "2031-01-07" }),
      ],
      ["client", () => admin().post("/clients", { name: "Acme" })],
      [
        "travel",
        () =>
          admin().patch(`/locations/${world.location.id}`, {
            travelTimes: [{ locationId: world.otherSite.id, minutes: 40 }],
          }),
      ],
      ["platform", () => admin().post("/virtual-platforms", { name: "Meet", kind: "jitsi" })],
      ["equipment", () => admin().patch(`/equipment/${world.laptops.id}`, { quantity: 11 })],
    ];
    for (const [name, write] of steps) {
      const was = await version();
      const response = await write();
      expect(response.status, name).toBeLessThan(300);
      expect(await version(), name).toBeGreaterThan(was);
    }

    // Sessions, bookings and learners are not reference data.
    const unchanged = await version();
    expect((await admin().post("/sessions", sessionBody(world, "2031-02-04"))).status).toBe(201);
    expect((await admin().post("/learners", { name: "Lea", email: "lea@example.com" })).status).toBe(201);
    expect(await version()).toBe(unchanged);

    // A write that rolls back leaves the version as it was.
    const { db } = ctx().core.database;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable("rooms").set({ capacity: 1 }).where("id", "=", world.roomA.id).execute();
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await version()).toBe(unchanged);
    // The other tenant's version moves on its own.
    const otherTenant = await referenceVersionRepository.current(db, ctx().b.id);
    await client(ctx().app, ctx().b.token).post("/clients", { name: "Other" });
    expect(await version()).toBe(unchanged);
    expect(await referenceVersionRepository.current(db, ctx().b.id)).toBeGreaterThan(otherTenant);
  });

  it("sees at once what another process changes, through its services or in plain SQL", async () => {
    const world: World = await schedulingWorld(admin());
    const body = sessionBody(world, "2031-03-04", {
      equipment: [{ equipmentId: world.laptops.id, quantity: 8 }],
    });
    expect(await check(body)).toEqual([]);
    expect(await check(body)).toEqual([]); // now from the cache

    const actor = ctx().a.actor;
    await other.timeOff.add(actor, world.anna.id, {
      start: "2031-03-04",
      end: "2031-03-05",
      reason: "Leave",
    });
    expect(await check(body)).toEqual(["instructor_time_off"]);

    await other.rooms.update(actor, world.roomA.id, { capacity: 6 });
    expect(await check(body)).toEqual(["instructor_time_off", "room_too_small"]);

    await other.database.db
      .updateTable("equipment")
      .set({ quantity: 5 })
      .where("id", "=", world.laptops.id)
      .execute();
    expect(await check(body)).toEqual(["equipment_short", "instructor_time_off", "room_too_small"]);

    const qualifications = await other.database.db
      .selectFrom("instructor_qualifications")
      .select("id")
      .where("instructor_id", "=", world.ben.id)
      .execute();
    const benBody = { ...body, instructors: [{ instructorId: world.ben.id, role: "lead" }] };
    expect(await check(benBody)).toEqual(["equipment_short", "room_too_small"]);
    await sql`delete from instructor_qualifications where id = ${qualifications[0]!.id}`.execute(
      other.database.db,
    );
    expect(await check(benBody)).toEqual(["equipment_short", "instructor_unqualified", "room_too_small"]);

    await other.rooms.archive(actor, world.roomA.id);
    expectInvalid(await admin().post("/sessions/check", body), ["segments.0.roomId"]);
  });

  it("serves frozen rows equal to the database's, with time off cut to the window", async () => {
    const world = await schedulingWorld(admin());
    await admin().post(`/instructors/${world.anna.id}/time-off`, { start: "2031-05-04", end: "2031-05-05" });
    await admin().post(`/instructors/${world.anna.id}/time-off`, { start: "2031-06-01", end: "2031-06-02" });
    const { db } = ctx().core.database;
    const tenantId = ctx().a.id;
    const cache = createReferenceCache();
    const direct = directReads(db, tenantId);
    const ids = [world.anna.id, world.ben.id, world.carl.id];
    for (const window of [
      { from: Date.UTC(2031, 4, 1), to: Date.UTC(2031, 4, 10) },
      { from: Date.UTC(2031, 4, 1), to: Date.UTC(2031, 5, 10) },
      { from: Date.UTC(2031, 6, 1), to: Date.UTC(2031, 6, 10) },
    ]) {
      const cached = await (await cache.open(db, tenantId)).instructorDetails(ids, window);
      const expected = await direct.instructorDetails(ids, window);
      const sorted = <T>(rows: readonly T[]) => rows.map((row) => JSON.stringify(row)).sort();
      expect(sorted(cached.availability)).toEqual(sorted(expected.availability));
      expect(sorted(cached.qualifications)).toEqual(sorted(expected.qualifications));
      expect(sorted(cached.timeOff)).toEqual(sorted(expected.timeOff));
    }
    const reads = await cache.open(db, tenantId);
    const [room] = await reads.entities("rooms", [world.roomA.id]);
    expect(room).toEqual((await direct.entities("rooms", [world.roomA.id]))[0]);
    expect(() => {
      (room as { capacity: number }).capacity = 100;
    }).toThrow(TypeError);
    // Learners are not reference data: read each time, never from the cache.
    expect(await reads.entities("learners", ["missing"])).toEqual([]);
  });
});
