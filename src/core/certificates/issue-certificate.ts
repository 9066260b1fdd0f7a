import { randomBytes } from "node:crypto";
import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import type { CertificatesTable, EnrollmentsTable } from "../db/schema.js";
import { publishEvents } from "../events/publish-event.js";
import { newId } from "../shared/ids.js";
import { instantToLocalDate } from "../time/zoned.js";
import { certificateRepository } from "./certificates.repository.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

/** 60 random bits as XXXX-XXXX-XXXX: unguessable, easy to read out and type. */
export function newVerificationCode(): string {
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (byte) => ALPHABET[byte % 32]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** YYYY-MM-DD plus whole months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * Issues the certificate of a completed enrollment (once: a second call returns the first),
 * expiring after the course's validity, and publishes certificate.issued.
 */
export async function issueCertificate(
  trx: Executor,
  actor: Actor,
  now: number,
  enrollment: EnrollmentsTable,
): Promise<CertificatesTable> {
  const existing = await certificateRepository.findForEnrollment(trx, actor.tenantId, enrollment.id);
  if (existing) return existing;
  const [facts, instructors] = await Promise.all([
    certificateRepository.factsFor(trx, actor.tenantId, enrollment),
    certificateRepository.instructorNames(trx, actor.tenantId, enrollment.session_id),
  ]);
  const endDate = instantToLocalDate(facts.ends_at - 1, facts.time_zone);
  const issuedOn = instantToLocalDate(now, facts.time_zone);
  const row: CertificatesTable = {
    tenant_id: actor.tenantId,
    id: newId(),
    enrollment_id: enrollment.id,
    learner_id: enrollment.learner_id,
    session_id: enrollment.session_id,
    course_id: facts.course_id,
    client_id: enrollment.client_id,
    verification_code: newVerificationCode(),
    learner_name: facts.learner_name,
    course_title: facts.course_title,
    instructor_names: instructors.map((i) => i.name).join(", "),
    start_date: facts.start_date,
    end_date: endDate,
    issued_on: issuedOn,
    expires_on:
      facts.certificate_validity_months === null
        ? null
        : addMonths(endDate, facts.certificate_validity_months),
    revoked_at: null,
    created_at: now,
  };
  await certificateRepository.insert(trx, row);
  await publishEvents(trx, actor, now, [
    {
      type: "certificate.issued",
      entityType: "certificate",
      entityId: row.id,
      sessionId: row.session_id,
      payload: {
        certificateId: row.id,
        learnerId: row.learner_id,
        sessionId: row.session_id,
        courseId: row.course_id,
        verificationCode: row.verification_code,
        expiresOn: row.expires_on,
      },
    },
  ]);
  return row;
}
