import { z } from "zod";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { CertificatesTable } from "../db/schema.js";
import {
  assertClientRecord,
  authorizeOrClient,
  authorizeOrOwn,
  clientFilter,
  learnerFilter,
} from "../enrollments/client-scope.js";
import { notFound } from "../errors.js";
import type { Clock } from "../shared/clock.js";
import { toIso } from "../shared/clock.js";
import { decodeCursor, toPage } from "../shared/pagination.js";
import { entityId, pageQuery } from "../shared/schemas.js";
import { loadTenant } from "../tenancy/tenancy.service.js";
import { addDays, instantToLocalDate } from "../time/zoned.js";
import { renderCertificatePdf } from "./certificate-pdf.js";
import { certificateRepository } from "./certificates.repository.js";

export const certificateSchema = z
  .object({
    id: z.string(),
    enrollmentId: z.string(),
    learnerId: z.string(),
    sessionId: z.string(),
    courseId: z.string(),
    clientId: z.string().nullable(),
    verificationCode: z.string(),
    learnerName: z.string(),
    courseTitle: z.string(),
    instructorNames: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    issuedOn: z.string(),
    expiresOn: z.string().nullable(),
    revoked: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "Certificate" });

export const certificateQuerySchema = z.object({
  learnerId: entityId.optional(),
  clientId: entityId.optional(),
  sessionId: entityId.optional(),
  courseId: entityId.optional(),
  ...pageQuery,
});

export const expiringQuerySchema = z.object({
  days: z.coerce.number().int().min(0).max(3650).default(90),
  learnerId: entityId.optional(),
  clientId: entityId.optional(),
  ...pageQuery,
});

/** What the public verification shows, and nothing more. */
export const verificationSchema = z
  .object({
    valid: z.boolean(),
    learnerName: z.string(),
    courseTitle: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    issuedOn: z.string(),
    expiresOn: z.string().nullable(),
  })
  .meta({ id: "CertificateVerification" });

const present = (row: CertificatesTable) => ({
  id: row.id,
  enrollmentId: row.enrollment_id,
  learnerId: row.learner_id,
  sessionId: row.session_id,
  courseId: row.course_id,
  clientId: row.client_id,
  verificationCode: row.verification_code,
  learnerName: row.learner_name,
  courseTitle: row.course_title,
  instructorNames: row.instructor_names,
  startDate: row.start_date,
  endDate: row.end_date,
  issuedOn: row.issued_on,
  expiresOn: row.expires_on,
  revoked: row.revoked_at !== null,
  createdAt: toIso(row.created_at),
});

export function createCertificateService(deps: {
  database: Pick<Database, "db">;
  clock: Clock;
  publicUrl?: string;
}) {
  const { db } = deps.database;
  const verifyUrl = (code: string) => `${deps.publicUrl ?? ""}/api/v1/certificates/verify/${code}`;
  return {
    async list(actor: Actor, query: z.infer<typeof certificateQuerySchema>) {
      authorizeOrOwn(actor, "reference:read");
      const rows = await certificateRepository.list(db, actor.tenantId, {
        ...query,
        clientId: clientFilter(actor, query.clientId),
        learnerId: learnerFilter(actor, query.learnerId),
        afterId: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      return toPage(rows.map(present), query.limit);
    },

    /** Certifications running out within `days` (from today, UTC), per learner or client. */
    async expiring(actor: Actor, query: z.infer<typeof expiringQuerySchema>) {
      authorizeOrClient(actor, "reference:read");
      const today = instantToLocalDate(deps.clock.now(), "UTC");
      const rows = await certificateRepository.list(db, actor.tenantId, {
        learnerId: query.learnerId,
        clientId: clientFilter(actor, query.clientId),
        expiringFrom: today,
        expiringTo: addDays(today, query.days),
        afterId: decodeCursor(query.cursor),
        limit: query.limit + 1,
      });
      return toPage(rows.map(present), query.limit);
    },

    async get(actor: Actor, id: string) {
      authorizeOrOwn(actor, "reference:read");
      const row = await certificateRepository.find(db, actor.tenantId, id);
      if (!row) throw notFound("Certificate", id);
      assertClientRecord(actor, "Certificate", row);
      return present(row);
    },

    async pdf(actor: Actor, id: string): Promise<{ filename: string; bytes: Uint8Array }> {
      authorizeOrOwn(actor, "reference:read");
      const row = await certificateRepository.find(db, actor.tenantId, id);
      if (!row) throw notFound("Certificate", id);
      assertClientRecord(actor, "Certificate", row);
      const tenant = await loadTenant(db, actor.tenantId);
      return {
        filename: `certificate-${row.verification_code}.pdf`,
        bytes: await renderCertificatePdf(row, tenant.name, verifyUrl(row.verification_code)),
      };
    },

    /** Public: is this code a valid certificate? Only the facts printed on it, never ids or contacts. */
    async verify(code: string) {
      const row = await certificateRepository.findByCode(db, code.trim().toUpperCase());
      if (!row) throw notFound("Certificate", code);
      const today = instantToLocalDate(deps.clock.now(), "UTC");
      return {
        valid: row.revoked_at === null && (row.expires_on === null || row.expires_on >= today),
        learnerName: row.learner_name,
        courseTitle: row.course_title,
        startDate: row.start_date,
        endDate: row.end_date,
        issuedOn: row.issued_on,
        expiresOn: row.expires_on,
      };
    },
  };
}

export type CertificateService = ReturnType<typeof createCertificateService>;
