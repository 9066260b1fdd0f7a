import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { systemActor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { AppError, notFound } from "../errors.js";
import { publishEvents } from "../events/publish-event.js";
import { toIso } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { email, text } from "../shared/schemas.js";
import { tenantRepository } from "../tenancy/tenant.repository.js";
import { type EnrollmentDeps, inTransaction, lockLearners, resultOf } from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import { placeLearner } from "./place-learner.js";
import { selfRegistrationRepository } from "./self-registration.repository.js";
import { openSession } from "./waitlist.js";

export const registrationInputSchema = z.object({ name: text(200), email });
export const confirmInputSchema = z.object({ token: z.string().min(20).max(200) });

const CONFIRM_WITHIN_MS = 48 * 3600_000;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
// The web app's page, which confirms through the API and shows the result.
const confirmPath = (tenantSlug: string, token: string) =>
  `/register/confirm?tenant=${encodeURIComponent(tenantSlug)}&token=${token}`;

async function tenantBySlug(db: Executor, slug: string) {
  const tenant = await tenantRepository.findBySlug(db, slug);
  if (!tenant) throw notFound("Catalog", slug);
  return tenant;
}

/** Public sessions of a tenant that start later and still have a seat (reserved client seats excluded). */
export async function publicCatalog(deps: EnrollmentDeps, tenantSlug: string) {
  const { db } = deps.database;
  const tenant = await tenantBySlug(db, tenantSlug);
  const rows = await selfRegistrationRepository.upcomingPublic(db, tenant.id, deps.clock.now(), 200);
  const items = [];
  for (const row of rows) {
    const quotas = await enrollmentRepository.quotasOf(db, tenant.id, row.id);
    const reserved = quotas.length === 0 ? 0 : await unusedReservations(db, tenant.id, row.id, quotas);
    const seatsLeft = row.max_seats - Number(row.taken ?? 0) - reserved;
    if (seatsLeft <= 0) continue;
    items.push({
      sessionId: row.id,
      courseCode: row.code,
      title: row.title ?? row.course_title,
      description: row.description,
      language: row.language,
      format: row.format,
      timeZone: row.time_zone,
      location: row.location_name,
      startsAt: toIso(row.starts_at),
      endsAt: toIso(row.ends_at),
      priceMinor: row.price_minor,
      currency: row.currency,
      seatsLeft,
    });
  }
  return { items };
}

async function unusedReservations(
  db: Executor,
  tenantId: string,
  sessionId: string,
  quotas: { client_id: string; seats: number }[],
) {
  const taken = await enrollmentRepository.seatsTaken(db, tenantId, sessionId);
  return quotas.reduce((sum, q) => sum + Math.max(0, q.seats - (taken.byClient.get(q.client_id) ?? 0)), 0);
}

/**
 * Someone asks for a seat on a public session: a registration waits for e-mail confirmation
 * (registration.confirmation_requested carries the link). Submitting again with the same e-mail
 * creates nothing new; a lapsed request gets a fresh link. The answer is the same in every case,
 * so it tells nobody who is registered.
 */
export async function requestRegistration(
  deps: EnrollmentDeps,
  tenantSlug: string,
  sessionId: string,
  input: z.infer<typeof registrationInputSchema>,
) {
  const tenant = await tenantBySlug(deps.database.db, tenantSlug);
  const actor = systemActor(tenant.id, "self-registration");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const scope = await openSession(deps, trx, actor, sessionId, now).catch((error) => {
      throw error instanceof AppError && error.code === "not_found" ? notFound("Session", sessionId) : error;
    });
    const { session } = scope;
    if (
      session.visibility !== "public" ||
      !["planned", "confirmed"].includes(session.status) ||
      session.starts_at <= now
    ) {
      throw notFound("Session", sessionId);
    }
    const normalized = input.email.trim().toLowerCase();
    const existing = await selfRegistrationRepository.find(trx, tenant.id, sessionId, normalized);
    const answer = { status: "confirmation_requested" as const };
    if (existing && (existing.status === "confirmed" || existing.expires_at > now)) return answer;
    const token = randomBytes(24).toString("base64url");
    const expiresAt = now + CONFIRM_WITHIN_MS;
    if (existing) {
      await selfRegistrationRepository.update(trx, tenant.id, existing.id, {
        token_hash: hashToken(token),
        expires_at: expiresAt,
        name: input.name,
      });
    } else {
      await selfRegistrationRepository.insert(trx, {
        tenant_id: tenant.id,
        id: newId(),
        session_id: sessionId,
        email: input.email,
        email_normalized: normalized,
        name: input.name,
        token_hash: hashToken(token),
        status: "pending",
        expires_at: expiresAt,
        enrollment_id: null,
        created_at: now,
        confirmed_at: null,
      });
    }
    await publishEvents(trx, actor, now, [
      {
        type: "registration.confirmation_requested",
        entityType: "session",
        entityId: sessionId,
        sessionId,
        payload: {
          email: input.email,
          name: input.name,
          sessionId,
          confirmUrl: confirmPath(tenantSlug, token),
          expiresAt: toIso(expiresAt),
        },
      },
    ]);
    return answer;
  });
}

/**
 * The link in the e-mail: the learner (found by e-mail, or created) is enrolled, waitlisted or
 * left pending approval like any other registration. Confirming twice answers the same.
 */
export async function confirmRegistration(deps: EnrollmentDeps, token: string) {
  const { db } = deps.database;
  const found = await selfRegistrationRepository.findByTokenHash(db, hashToken(token));
  if (!found) throw notFound("Registration", "for this link");
  const actor = systemActor(found.tenant_id, "self-registration");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    let learner = await selfRegistrationRepository.learnerByEmail(
      trx,
      found.tenant_id,
      found.email_normalized,
    );
    const scope = await openSession(deps, trx, actor, found.session_id, now);
    if (learner) await lockLearners(deps, trx, found.tenant_id, [learner.id]);
    const registration = (await selfRegistrationRepository.findByTokenHash(trx, hashToken(token)))!;
    if (registration.status === "confirmed" && registration.enrollment_id) {
      const enrollment = await enrollmentRepository.find(trx, found.tenant_id, registration.enrollment_id);
      return resultOf(enrollment!);
    }
    if (registration.expires_at <= now) {
      throw new AppError("conflict", "This confirmation link has expired; register again for a new one");
    }
    if (!learner) {
      learner = {
        tenant_id: found.tenant_id,
        id: newId(),
        name: registration.name,
        email: registration.email,
        email_normalized: registration.email_normalized,
        client_id: null,
        manager_email: null,
        phone: null,
        language: null,
        time_zone: null,
        external_id: null,
        custom_fields_json: "{}",
        tags_json: "[]",
        notes: "Created by self-registration",
        archived_at: null,
        created_at: now,
        updated_at: now,
      };
      await selfRegistrationRepository.insertLearner(trx, learner);
    }
    const existing = await enrollmentRepository.findActive(
      trx,
      found.tenant_id,
      found.session_id,
      learner.id,
    );
    const row =
      existing ??
      (await placeLearner(deps, trx, actor, scope, { learnerId: learner.id, source: "self" }, now));
    await selfRegistrationRepository.update(trx, found.tenant_id, registration.id, {
      status: "confirmed",
      confirmed_at: now,
      enrollment_id: row.id,
    });
    return resultOf(row);
  });
}
