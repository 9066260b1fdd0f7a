import type { z } from "zod";
import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import { certificateRepository } from "../certificates/certificates.repository.js";
import { addMonths } from "../certificates/issue-certificate.js";
import type { Database } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import type { CertificatesTable, ComplianceRequirementsTable } from "../db/schema.js";
import { authorizeOrClient, clientFilter } from "../enrollments/client-scope.js";
import { type FieldError, notFound, throwIfErrors } from "../errors.js";
import type { Clock } from "../shared/clock.js";
import { toIso } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { fromJson } from "../shared/json.js";
import { addDays, instantToLocalDate } from "../time/zoned.js";
import { complianceRepository } from "./compliance.repository.js";
import type { complianceQuerySchema, complianceStatuses, RequirementInput } from "./compliance.schemas.js";

type Status = (typeof complianceStatuses)[number];

const present = (row: ComplianceRequirementsTable) => ({
  id: row.id,
  name: row.name,
  clientId: row.client_id,
  learnerTag: row.learner_tag,
  courseId: row.course_id,
  renewMonths: row.renew_months,
  dueSoonDays: row.due_soon_days,
  createdAt: toIso(row.created_at),
  updatedAt: toIso(row.updated_at),
});

/** When a certificate stops counting: its expiry, or issue date + the renewal period, whichever comes first. */
export function dueOn(
  certificate: Pick<CertificatesTable, "issued_on" | "expires_on">,
  renewMonths: number | null,
) {
  const renewal = renewMonths === null ? null : addMonths(certificate.issued_on, renewMonths);
  if (renewal === null) return certificate.expires_on;
  if (certificate.expires_on === null) return renewal;
  return renewal < certificate.expires_on ? renewal : certificate.expires_on;
}

/** Compliant; due soon (within dueSoonDays of today); overdue (past due); never (no certificate). */
export function complianceStatus(
  due: string | null | undefined,
  hasCertificate: boolean,
  today: string,
  dueSoonDays: number,
): Status {
  if (!hasCertificate) return "never";
  if (due === null || due === undefined) return "compliant";
  if (due < today) return "overdue";
  if (due <= addDays(today, dueSoonDays)) return "due_soon";
  return "compliant";
}

/** Requirements ("learners of client X / with tag Y hold a certification of course Z, renewed every N months") and the status they give. */
export function createComplianceService(deps: { database: Pick<Database, "db">; clock: Clock }) {
  const { db } = deps.database;
  const check = async (actor: Actor, input: RequirementInput) => {
    const errors: FieldError[] = [];
    if (!(await entityStore.find(db, "courses", actor.tenantId, input.courseId)))
      errors.push({ path: "courseId", message: "no such course" });
    if (input.clientId && !(await entityStore.find(db, "clients", actor.tenantId, input.clientId)))
      errors.push({ path: "clientId", message: "no such client" });
    throwIfErrors(errors);
  };
  return {
    async create(actor: Actor, input: RequirementInput) {
      authorize(actor, "reference:write");
      await check(actor, input);
      const now = deps.clock.now();
      const row: ComplianceRequirementsTable = {
        tenant_id: actor.tenantId,
        id: newId(),
        name: input.name,
        client_id: input.clientId,
        learner_tag: input.learnerTag,
        course_id: input.courseId,
        renew_months: input.renewMonths,
        due_soon_days: input.dueSoonDays,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await complianceRepository.insert(trx, row);
        await recordAudit(trx, actor, now, {
          action: "create",
          entityType: "compliance_requirement",
          entityId: row.id,
          after: present(row),
        });
      });
      return present(row);
    },

    async list(actor: Actor) {
      authorize(actor, "reference:read");
      return { items: (await complianceRepository.list(db, actor.tenantId)).map(present) };
    },

    async get(actor: Actor, id: string) {
      authorize(actor, "reference:read");
      const row = await complianceRepository.find(db, actor.tenantId, id);
      if (!row) throw notFound("Compliance requirement", id);
      return present(row);
    },

    async update(actor: Actor, id: string, input: RequirementInput) {
      authorize(actor, "reference:write");
      const before = await complianceRepository.find(db, actor.tenantId, id);
      if (!before) throw notFound("Compliance requirement", id);
      await check(actor, input);
      const now = deps.clock.now();
      const after: ComplianceRequirementsTable = {
        ...before,
        name: input.name,
        client_id: input.clientId,
        learner_tag: input.learnerTag,
        course_id: input.courseId,
        renew_months: input.renewMonths,
        due_soon_days: input.dueSoonDays,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await complianceRepository.update(trx, actor.tenantId, id, after);
        await recordAudit(trx, actor, now, {
          action: "update",
          entityType: "compliance_requirement",
          entityId: id,
          before: present(before),
          after: present(after),
        });
      });
      return present(after);
    },

    async remove(actor: Actor, id: string) {
      authorize(actor, "reference:write");
      const before = await complianceRepository.find(db, actor.tenantId, id);
      if (!before) throw notFound("Compliance requirement", id);
      const now = deps.clock.now();
      await db.transaction().execute(async (trx) => {
        await complianceRepository.remove(trx, actor.tenantId, id);
        await recordAudit(trx, actor, now, {
          action: "delete",
          entityType: "compliance_requirement",
          entityId: id,
          before: present(before),
        });
      });
    },

    /** Status of every learner a requirement applies to, and counts per client. */
    async status(actor: Actor, query: z.infer<typeof complianceQuerySchema>) {
      authorizeOrClient(actor, "reference:read");
      // A client contact reads their own client's status only.
      query = { ...query, clientId: clientFilter(actor, query.clientId) };
      const today = instantToLocalDate(deps.clock.now(), "UTC");
      const requirements = await complianceRepository.list(db, actor.tenantId, {
        clientId: query.clientId,
        id: query.requirementId,
      });
      const learners = await complianceRepository.learners(db, actor.tenantId, query);
      const certificates = await certificateRepository.forLearners(
        db,
        actor.tenantId,
        learners.map((l) => l.id),
        [...new Set(requirements.map((r) => r.course_id))],
      );
      const items = [];
      for (const requirement of requirements) {
        for (const learner of learners) {
          if (requirement.client_id && learner.client_id !== requirement.client_id) continue;
          if (
            requirement.learner_tag &&
            !fromJson<string[]>(learner.tags_json, []).includes(requirement.learner_tag)
          )
            continue;
          // The certificate that counts longest.
          let best: { certificate: CertificatesTable; due: string | null } | null = null;
          for (const certificate of certificates) {
            if (certificate.learner_id !== learner.id || certificate.course_id !== requirement.course_id)
              continue;
            const due = dueOn(certificate, requirement.renew_months);
            const longer = !best || (best.due !== null && (due === null || due > best.due));
            if (longer) best = { certificate, due };
          }
          items.push({
            learnerId: learner.id,
            learnerName: learner.name,
            clientId: learner.client_id,
            requirementId: requirement.id,
            courseId: requirement.course_id,
            status: complianceStatus(best?.due, best !== null, today, requirement.due_soon_days),
            certificateId: best?.certificate.id ?? null,
            dueOn: best?.due ?? null,
          });
        }
      }
      const byClient = new Map<
        string | null,
        { clientId: string | null; compliant: number; dueSoon: number; overdue: number; never: number }
      >();
      for (const item of items) {
        const entry = byClient.get(item.clientId) ?? {
          clientId: item.clientId,
          compliant: 0,
          dueSoon: 0,
          overdue: 0,
          never: 0,
        };
        if (item.status === "compliant") entry.compliant++;
        else if (item.status === "due_soon") entry.dueSoon++;
        else if (item.status === "overdue") entry.overdue++;
        else entry.never++;
        byClient.set(item.clientId, entry);
      }
      return { items, byClient: [...byClient.values()] };
    },
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
