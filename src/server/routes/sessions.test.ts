import { expect, it } from "vitest";
import { client, describeEachDatabase, expectInvalid, expectProblem } from "../../../test/app.js";
import { schedulingWorld, sessionBody } from "../../../test/scheduling-fixtures.js";

// 2027-03-28 is the Sunday Berlin moves to summer time; 2027-03-29 is the Monday after.
describeEachDatabase("sessions API", (ctx) => {
  const admin = () => client(ctx().app, ctx().a.token);

  it("creates a session from the minimal contract body, with UTC instants across the DST change", async () => {
    const world = await schedulingWorld(admin());
    const created = await admin().post("/sessions", {
      courseId: world.course.id,
      timeZone: "Europe/Berlin",
      format: "ilt",
      locationId: world.location.id,
      maxSeats: 8,
      segments: [
        { start: "2027-03-26T09:00", end: "2027-03-26T17:00", roomId: world.roomA.id },
        { start: "2027-03-29T09:00", end: "2027-03-29T17:00", roomId: world.roomA.id },
      ],
      instructors: [{ instructorId: world.anna.id, role: "lead" }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: "draft",
      title: "SQL Basics",
      maxSeats: 8,
      minSeats: 1,
      startsAt: "2027-03-26T08:00:00.000Z",
      endsAt: "2027-03-29T15:00:00.000Z",
      joinUrl: null,
    });
    expect(created.body.segments.map((s: any) => [s.start, s.startsAt])).toEqual([
      ["2027-03-26T09:00", "2027-03-26T08:00:00.000Z"],
      ["2027-03-29T09:00", "2027-03-29T07:00:00.000Z"],
    ]);
    expect(created.body.instructors).toMatchObject([
      { instructorId: world.anna.id, role: "lead", status: "requested" },
    ]);
    expect((await admin().get(`/sessions/${created.body.id}`)).body).toEqual(created.body);
  });

  it("refuses to double-book an instructor and explains why, with a dry run that agrees and suggests", async () => {
    const world = await schedulingWorld(admin());
    expect((await admin().post("/sessions", sessionBody(world, "2027-04-05"))).status).toBe(201);
    const clash = sessionBody(world, "2027-04-05", {
      segments: [{ start: "2027-04-05T13:00", end: "2027-04-05T15:00", roomId: world.roomB.id }],
    });
    const refused = await admin().post("/sessions", clash);
    expectProblem(refused, 409, "conflict");
    expect(refused.body.conflicts).toHaveLength(1);
    expect(refused.body.conflicts[0]).toMatchObject({
      type: "instructor_double_booked",
      severity: "blocking",
      resource: { type: "instructor", id: world.anna.id, name: world.anna.name },
      segment: 0,
      interval: { startsAt: "2027-04-05T11:00:00.000Z", endsAt: "2027-04-05T13:00:00.000Z" },
    });
    expect(refused.body.conflicts[0].message).toContain(world.anna.name);

    const check = await admin().post("/sessions/check", clash);
    expect(check.status).toBe(200);
    expect(check.body.conflicts).toEqual(refused.body.conflicts);
    const substitutes = check.body.suggestions.instructors[0];
    expect(substitutes.replaces).toBe(world.anna.id);
    // Ben is free and qualified; Carl is not qualified; Anna is the one being replaced.
    expect(substitutes.candidates.map((c: any) => c.instructorId)).toEqual([world.ben.id]);
    expect(substitutes.candidates[0]).toMatchObject({ dayRateMinor: 50_000, teachingDaysThatMonth: 0 });
    expect(check.body.suggestions.slots[0]).toMatchObject({ shiftDays: 1 });

    const withBen = await admin().post("/sessions", {
      ...clash,
      instructors: [{ instructorId: world.ben.id }],
    });
    expect(withBen.status).toBe(201);
  });

  it("counts a room's setup and teardown, and lets the next session start once they are over", async () => {
    const world = await schedulingWorld(admin());
    await admin().post("/sessions", sessionBody(world, "2027-04-06", { instructors: [] }));
    // Room A: busy 08:30–17:15 Berlin (30 min setup, 15 min teardown).
    const tooSoon = await admin().post(
      "/sessions",
      sessionBody(world, "2027-04-06", { instructors: [] }, ["17:40", "19:00"]),
    );
    expectProblem(tooSoon, 409, "conflict");
    expect(tooSoon.body.conflicts.map((c: any) => c.type)).toEqual(["room_double_booked"]);
    const check = await admin().post(
      "/sessions/check",
      sessionBody(world, "2027-04-06", { instructors: [] }, ["17:40", "19:00"]),
    );
    expect(check.body.suggestions.rooms[0].candidates.map((r: any) => r.roomId)).toEqual([world.roomB.id]);
    const later = await admin().post(
      "/sessions",
      sessionBody(world, "2027-04-06", { instructors: [] }, ["17:45", "19:00"]),
    );
    expect(later.status, JSON.stringify(later.body)).toBe(201);
  });

  it("treats availability, qualification and room fit as warnings an audited override accepts", async () => {
    const world = await schedulingWorld(admin());
    const saturday = sessionBody(world, "2027-04-10", {
      maxSeats: 15,
      instructors: [{ instructorId: world.carl.id, role: "lead" }],
    });
    const refused = await admin().post("/sessions", saturday);
    expectProblem(refused, 409, "conflict");
    expect(refused.body.conflicts.map((c: any) => [c.type, c.severity]).sort()).toEqual([
      ["instructor_unavailable", "warning"],
      ["instructor_unqualified", "warning"],
      ["room_too_small", "warning"],
    ]);
    const accepted = await admin().post("/sessions", {
      ...saturday,
      override: { reason: "Carl covers, client agreed to 15" },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.instructors[0].overrideReason).toBe("Carl covers, client agreed to 15");
    const audit = await admin().get(`/audit-events?entityType=session&entityId=${accepted.body.id}`);
    expect(audit.body.items[0].after).toMatchObject({ override: "Carl covers, client agreed to 15" });
    expect(audit.body.items[0].after.acceptedWarnings).toHaveLength(3);
    const history = await admin().get(`/sessions/${accepted.body.id}/history`);
    expect(history.body.items[0]).toMatchObject({
      kind: "created",
      reason: "Carl covers, client agreed to 15",
    });

    // No override turns a double booking into a warning.
    const doubled = await admin().post("/sessions", { ...saturday, override: { reason: "please" } });
    expectProblem(doubled, 409, "conflict");
    expect(doubled.body.conflicts.some((c: any) => c.severity === "blocking")).toBe(true);
  });

  it("never lends out more laptops than the pool holds", async () => {
    const world = await schedulingWorld(admin());
    const body = (room: string) =>
      sessionBody(world, "2027-04-07", {
        instructors: [],
        segments: [{ start: "2027-04-07T09:00", end: "2027-04-07T12:00", roomId: room }],
        equipment: [{ equipmentId: world.laptops.id, quantity: 7 }],
      });
    expect((await admin().post("/sessions", body(world.roomA.id))).status).toBe(201);
    const short = await admin().post("/sessions", body(world.roomB.id));
    expectProblem(short, 409, "conflict");
    expect(short.body.conflicts[0]).toMatchObject({
      type: "equipment_short",
      severity: "blocking",
      details: { requested: 7, inUse: 7, stock: 10 },
    });
  });

  it("counts teaching days over the whole month and ISO week, in the instructor's zone", async () => {
    const world = await schedulingWorld(admin());
    // Ben lives in London: his days and weeks are counted there.
    expect(
      (
        await admin().patch(`/instructors/${world.ben.id}`, {
          timeZone: "Europe/London",
          maxDaysPerWeek: 2,
          maxDaysPerMonth: 3,
        })
      ).status,
    ).toBe(200);
    const teach = (date: string) =>
      sessionBody(world, date, { instructors: [{ instructorId: world.ben.id, role: "lead" }] });
    for (const date of ["2027-03-01", "2027-03-02", "2027-03-16"])
      expect((await admin().post("/sessions", teach(date))).status).toBe(201);
    // The last day of the month is 30 days after its first: still the same month.
    const monthEnd = await admin().post("/sessions/check", teach("2027-03-31"));
    expect(monthEnd.body.conflicts.map((c: any) => [c.type, c.details?.days])).toEqual([
      ["instructor_month_limit", 4],
    ]);
    // Thursday of the first week: Monday and Tuesday already count.
    const sameWeek = await admin().post("/sessions/check", teach("2027-03-04"));
    expect(sameWeek.body.conflicts.map((c: any) => c.type).sort()).toEqual([
      "instructor_month_limit",
      "instructor_week_limit",
    ]);
    expect((await admin().post("/sessions/check", teach("2027-04-01"))).body.conflicts).toEqual([]);
  });

  it("validates the body: format offered, times, rooms at the location, references in the tenant", async () => {
    const world = await schedulingWorld(admin());
    const course = await admin().post("/courses", { code: `ONLY-ILT-${Date.now()}`, title: "Room only" });
    expectInvalid(
      await admin().post("/sessions", {
        ...sessionBody(world, "2027-04-08"),
        courseId: course.body.id,
        format: "vilt",
      }),
      ["format"],
    );
    expectInvalid(await admin().post("/sessions", sessionBody(world, "2027-04-08", {}, ["17:00", "09:00"])), [
      "segments.0.end",
    ]);
    expectInvalid(await admin().post("/sessions", sessionBody(world, "2027-02-30", {})), [
      "segments.0.end",
      "segments.0.start",
    ]);
    expectInvalid(
      await admin().post("/sessions", {
        ...sessionBody(world, "2027-04-08"),
        locationId: world.otherSite.id,
      }),
      ["segments.0.roomId"],
    );
    const foreign = await schedulingWorld(client(ctx().app, ctx().b.token));
    expectInvalid(
      await admin().post(
        "/sessions",
        sessionBody(world, "2027-04-08", { instructors: [{ instructorId: foreign.anna.id }] }),
      ),
      ["instructors.0.instructorId"],
    );
    expectInvalid(
      await admin().post("/sessions", sessionBody(world, "2027-04-08", { visibility: "private" })),
      ["clientId"],
    );
    expectInvalid(
      await admin().post(
        "/sessions",
        sessionBody(world, "2027-04-08", { instructors: [{ instructorId: world.anna.id, segments: [3] }] }),
      ),
      ["instructors.0.segments.0"],
    );
  });

  it("gives virtual sessions a Jitsi link by default, or the platform's", async () => {
    const world = await schedulingWorld(admin());
    const jitsi = await admin().post(
      "/sessions",
      sessionBody(world, "2027-04-12", {
        format: "vilt",
        locationId: null,
        segments: [{ start: "2027-04-12T09:00", end: "2027-04-12T12:00" }],
      }),
    );
    expect(jitsi.status).toBe(201);
    expect(jitsi.body.joinUrl).toBe(`https://meet.jit.si/lectern-tenant-a-${jitsi.body.id}`);
    const zoom = await admin().post("/virtual-platforms", {
      name: `Zoom ${Date.now()}`,
      kind: "zoom",
      joinUrlTemplate: "https://zoom.example/j/{course}-{session}",
    });
    const viaZoom = await admin().post(
      "/sessions",
      sessionBody(world, "2027-04-13", {
        format: "vilt",
        locationId: null,
        virtualPlatformId: zoom.body.id,
        segments: [{ start: "2027-04-13T09:00", end: "2027-04-13T12:00" }],
      }),
    );
    expect(viaZoom.body.joinUrl).toBe(`https://zoom.example/j/${world.course.code}-${viaZoom.body.id}`);
  });

  it("walks the lifecycle, releases bookings on cancel and records every step", async () => {
    const world = await schedulingWorld(admin());
    const session = (await admin().post("/sessions", sessionBody(world, "2027-04-14"))).body;
    const to = (status: string, reason: string | null = null) =>
      admin().post(`/sessions/${session.id}/status`, { status, reason });
    expect((await to("planned")).body.session.status).toBe("planned");
    expect((await to("confirmed")).body.session.status).toBe("confirmed");
    const skipped = await to("completed");
    expectProblem(skipped, 409, "conflict");
    const cancelled = await to("cancelled", "Too few learners");
    expect(cancelled.body.session.status).toBe("cancelled");
    expect(cancelled.body.impact).toMatchObject({
      instructors: [{ instructorId: world.anna.id }],
      rooms: [world.roomA.id],
    });
    // Anna and Room A are free again.
    expect((await admin().post("/sessions", sessionBody(world, "2027-04-14"))).status).toBe(201);
    expectProblem(await admin().patch(`/sessions/${session.id}`, { notes: "x" }), 409, "conflict");
    expectProblem(await to("planned"), 409, "conflict");
    const history = (await admin().get(`/sessions/${session.id}/history`)).body.items;
    expect(history.map((e: any) => [e.kind, e.toStatus])).toEqual([
      ["created", "draft"],
      ["status", "planned"],
      ["status", "confirmed"],
      ["status", "cancelled"],
    ]);
    expect(history[3].reason).toBe("Too few learners");
  });

  it("postponing frees the slot; coming back re-checks it", async () => {
    const world = await schedulingWorld(admin());
    const session = (await admin().post("/sessions", sessionBody(world, "2027-04-15"))).body;
    await admin().post(`/sessions/${session.id}/status`, { status: "planned" });
    expect((await admin().post(`/sessions/${session.id}/status`, { status: "postponed" })).status).toBe(200);
    const taker = await admin().post("/sessions", sessionBody(world, "2027-04-15"));
    expect(taker.status).toBe(201);
    const back = await admin().post(`/sessions/${session.id}/status`, { status: "planned" });
    expectProblem(back, 409, "conflict");
    expect(back.body.conflicts.map((c: any) => c.type).sort()).toEqual([
      "instructor_double_booked",
      "room_double_booked",
    ]);
    const moved = await admin().patch(`/sessions/${session.id}`, {
      segments: [{ start: "2027-04-16T09:00", end: "2027-04-16T17:00", roomId: world.roomA.id }],
    });
    expect(moved.status).toBe(200);
    expect(
      (await admin().post(`/sessions/${session.id}/status`, { status: "planned" })).body.session.status,
    ).toBe("planned");
  });

  it("reschedules with impact and history, keeping segment ids the caller keeps", async () => {
    const world = await schedulingWorld(admin());
    const session = (await admin().post("/sessions", sessionBody(world, "2027-04-19"))).body;
    const segmentId = session.segments[0].id;
    const moved = await admin().post(`/sessions/${session.id}/reschedule`, {
      segments: [
        { id: segmentId, start: "2027-04-20T10:00", end: "2027-04-20T16:00", roomId: world.roomB.id },
      ],
      reason: "Trainer travel",
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.session.segments[0]).toMatchObject({
      id: segmentId,
      start: "2027-04-20T10:00",
      roomId: world.roomB.id,
    });
    expect(moved.body.impact).toMatchObject({ timesChanged: true, rooms: [world.roomA.id, world.roomB.id] });
    const history = (await admin().get(`/sessions/${session.id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({ kind: "rescheduled", reason: "Trainer travel" });
    // The old slot is free, the new one taken.
    expect((await admin().post("/sessions", sessionBody(world, "2027-04-19"))).status).toBe(201);
    const clash = await admin().post("/sessions", sessionBody(world, "2027-04-20"));
    expect(clash.body.conflicts.map((c: any) => c.type)).toEqual(["instructor_double_booked"]);
  });

  it("lets an instructor accept or decline; declining frees their time", async () => {
    const world = await schedulingWorld(admin());
    const session = (await admin().post("/sessions", sessionBody(world, "2027-04-21"))).body;
    const assignment = session.instructors[0].id;
    const accepted = await admin().post(`/sessions/${session.id}/instructors/${assignment}/accept`, {
      note: "Happy to",
    });
    expect(accepted.body.session.instructors[0]).toMatchObject({
      status: "accepted",
      responseNote: "Happy to",
    });
    expect(accepted.body.substitutes).toEqual([]);
    expectProblem(
      await admin().post(`/sessions/${session.id}/instructors/${assignment}/accept`, {}),
      409,
      "conflict",
    );
    const declined = await admin().post(`/sessions/${session.id}/instructors/${assignment}/decline`, {
      note: "Ill",
    });
    expect(declined.body.session.instructors[0].status).toBe("declined");
    // The substitution search starts at once: Ben is free and qualified, Carl is not qualified.
    expect(declined.body.substitutes.map((c: any) => c.instructorId)).toEqual([world.ben.id]);
    const elsewhere = await admin().post(
      "/sessions",
      sessionBody(world, "2027-04-21", {
        segments: [{ start: "2027-04-21T09:00", end: "2027-04-21T12:00", roomId: world.roomB.id }],
      }),
    );
    expect(elsewhere.status).toBe(201);
  });

  it("answers free/busy for instructors and rooms, and the calendar by resource", async () => {
    const world = await schedulingWorld(admin());
    const session = (await admin().post("/sessions", sessionBody(world, "2027-04-22"))).body;
    const range = "from=2027-04-22T00:00:00Z&to=2027-04-23T00:00:00Z";
    const anna = await admin().get(`/instructors/${world.anna.id}/availability?${range}`);
    expect(anna.status).toBe(200);
    expect(anna.body.busy).toEqual([
      expect.objectContaining({ startsAt: "2027-04-22T07:00:00.000Z", endsAt: "2027-04-22T15:00:00.000Z" }),
    ]);
    expect(anna.body.available).toEqual([
      expect.objectContaining({ startsAt: "2027-04-22T06:00:00.000Z", endsAt: "2027-04-22T07:00:00.000Z" }),
      expect.objectContaining({ startsAt: "2027-04-22T15:00:00.000Z", endsAt: "2027-04-22T16:00:00.000Z" }),
    ]);
    const room = await admin().get(`/rooms/${world.roomA.id}/availability?${range}`);
    expect(room.body.busy).toEqual([
      expect.objectContaining({ startsAt: "2027-04-22T06:30:00.000Z", endsAt: "2027-04-22T15:15:00.000Z" }),
    ]);
    const calendar = await admin().get(
      `/calendar?from=2027-04-01T00:00:00Z&to=2027-05-01T00:00:00Z&instructor=${world.anna.id}`,
    );
    expect(calendar.body.items.map((i: any) => i.sessionId)).toEqual([session.id]);
    expect(calendar.body.items[0]).toMatchObject({
      courseCode: world.course.code,
      start: "2027-04-22T09:00",
      roomId: world.roomA.id,
    });
    expect(
      (
        await admin().get(
          `/calendar?from=2027-04-01T00:00:00Z&to=2027-05-01T00:00:00Z&room=${world.roomB.id}`,
        )
      ).body.items,
    ).toEqual([]);
    expectProblem(
      await admin().get("/calendar?from=2027-01-01T00:00:00Z&to=2027-12-01T00:00:00Z"),
      400,
      "bad_request",
    );
  });

  it("keeps tenants apart and refuses to delete what sessions use", async () => {
    const world = await schedulingWorld(admin());
    const session = (await admin().post("/sessions", sessionBody(world, "2027-04-23"))).body;
    const other = client(ctx().app, ctx().b.token);
    expectProblem(await other.get(`/sessions/${session.id}`), 404, "not_found");
    expectProblem(
      await other.post(`/sessions/${session.id}/status`, { status: "cancelled" }),
      404,
      "not_found",
    );
    expect(
      (await other.get("/calendar?from=2027-04-01T00:00:00Z&to=2027-05-01T00:00:00Z")).body.items,
    ).toEqual([]);
    expectProblem(
      await other.get(
        `/instructors/${world.anna.id}/availability?from=2027-04-22T00:00:00Z&to=2027-04-23T00:00:00Z`,
      ),
      404,
      "not_found",
    );
    const roomDelete = await admin().delete(`/rooms/${world.roomA.id}`);
    expectProblem(roomDelete, 409, "in_use");
    expectProblem(await admin().delete(`/instructors/${world.anna.id}`), 409, "in_use");
    expectProblem(await admin().delete(`/courses/${world.course.id}`), 409, "in_use");
    expect((await admin().delete(`/sessions/${session.id}`)).status).toBe(204);
    expect((await admin().delete(`/rooms/${world.roomA.id}`)).status).toBe(204);
  });
});
