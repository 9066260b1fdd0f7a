import { type Core, createCore } from "../src/core/app.js";
import { type Actor, systemActor } from "../src/core/auth/actor.js";
import { courseInputSchema } from "../src/core/catalog/courses.schemas.js";
import type { EnrollmentsTable } from "../src/core/db/schema.js";
import { learnerInputSchema } from "../src/core/learners/learners.schemas.js";
import { sessionInputSchema } from "../src/core/scheduling/sessions.schemas.js";
import { newId } from "../src/core/shared/ids.js";
import { buildServer } from "../src/server/app.js";
import { freshDatabase, pgUrl, round, writeResult } from "./support.js";

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const REQUESTS = Number(process.env.REQUESTS ?? 200);
const SEATS = Number(process.env.SEATS ?? 20);

/** A 20-seat virtual session and 200 learners, through the services. */
async function prepareRound(core: Core, actor: Actor, courseId: string, round: number) {
  const day = String(1 + (round % 28)).padStart(2, "0");
  const month = String(1 + Math.floor(round / 28)).padStart(2, "0");
  const date = `2030-${month}-${day}`;
  const session = await core.sessions.create(
    actor,
    sessionInputSchema.parse({
      courseId,
      format: "vilt",
      timeZone: "Europe/Berlin",
      maxSeats: SEATS,
      status: "planned",
      segments: [{ start: `${date}T09:00`, end: `${date}T17:00` }],
    }),
  );
  const learnerIds: string[] = [];
  for (let index = 0; index < REQUESTS; index++) {
    const learner = await core.learners.create(
      actor,
      learnerInputSchema.parse({
        name: `Learner ${round}-${index}`,
        email: `learner-${round}-${index}@bench.example`,
      }),
    );
    learnerIds.push(learner.id);
  }
  return { sessionId: session.id, learnerIds };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function measure(kind: "sqlite" | "postgres") {
  const database = await freshDatabase(kind, "enrollment");
  const core = await createCore({ DATABASE_URL: database.url, DATABASE_POOL_MAX: 10 });
  const app = await buildServer(core);
  try {
    const { tenant } = await core.tenancy.ensureTenant("bench", "Bench");
    const actor = systemActor(tenant.id, "bench");
    const { token } = await core.auth.issueToken(actor, { name: "bench", role: "admin", expiresAt: null });
    const course = await core.courses.create(
      actor,
      courseInputSchema.parse({
        code: "BENCH",
        title: "Bench course",
        formats: ["vilt"],
        minSeats: 1,
        maxSeats: SEATS,
      }),
    );

    const storms: number[] = [];
    const inserts: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // The storm.
      const storm = await prepareRound(core, actor, course.id, round * 2);
      let started = performance.now();
      const responses = await Promise.all(
        storm.learnerIds.map((learnerId) =>
          app.inject({
            method: "POST",
            url: `/api/v1/sessions/${storm.sessionId}/enrollments`,
            headers: { authorization: `Bearer ${token}` },
            payload: { learnerId },
          }),
        ),
      );
      const stormMs = performance.now() - started;
      const statuses = responses.map((r) => JSON.parse(r.body).status as string);
      const enrolled = statuses.filter((s) => s === "enrolled").length;
      if (responses.some((r) => r.statusCode !== 201) || enrolled !== SEATS) {
        throw new Error(
          `storm went wrong: ${enrolled} enrolled, statuses ${[...new Set(responses.map((r) => r.statusCode))]}`,
        );
      }
      storms.push((REQUESTS / stormMs) * 1000);

      // The baseline: the same rows, one plain INSERT each.
      const plain = await prepareRound(core, actor, course.id, round * 2 + 1);
      const now = Date.now();
      const rows: EnrollmentsTable[] = plain.learnerIds.map((learnerId, index) => ({
        tenant_id: tenant.id,
        id: newId(),
        session_id: plain.sessionId,
        learner_id: learnerId,
        client_id: null,
        status: index < SEATS ? "enrolled" : "waitlisted",
        waitlist_position: index < SEATS ? null : index - SEATS + 1,
        offer_expires_at: null,
        source: "coordinator",
        approved_by: null,
        approved_at: null,
        transferred_from_id: null,
        transferred_to_id: null,
        price_minor: null,
        currency: "EUR",
        payment_status: "unpaid",
        payment_reference: null,
        passed: null,
        status_reason: null,
        completed_at: null,
        cancelled_at: null,
        version: 1,
        created_at: now,
        updated_at: now,
      }));
      started = performance.now();
      for (const row of rows) await core.database.db.insertInto("enrollments").values(row).execute();
      inserts.push((REQUESTS / (performance.now() - started)) * 1000);
    }
    const storm = median(storms);
    const insert = median(inserts);
    return {
      database: kind,
      stormPerSecond: round(storm),
      plainInsertPerSecond: round(insert),
      insertVsStorm: round(insert / storm, 1),
      storms: storms.map((v) => round(v)),
      inserts: inserts.map((v) => round(v)),
    };
  } finally {
    await app.close();
    await core.close();
    await database.drop();
  }
}

const results = [];
for (const kind of pgUrl ? (["sqlite", "postgres"] as const) : (["sqlite"] as const)) {
  const result = await measure(kind);
  results.push(result);
  console.log(
    `${kind}: storm ${result.stormPerSecond} enrollments/s (${REQUESTS} requests, ${SEATS} seats), plain insert ${result.plainInsertPerSecond} rows/s, insert/storm ${result.insertVsStorm}×`,
  );
}
console.log(
  `written to ${writeResult("enrollment", { date: new Date().toISOString(), node: process.version, rounds: ROUNDS, requests: REQUESTS, seats: SEATS, results })}`,
);
