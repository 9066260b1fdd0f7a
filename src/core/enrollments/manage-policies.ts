import { recordAudit } from "../audit/audit.service.js";
import { type Actor, authorize } from "../auth/actor.js";
import { entityStore } from "../db/entity-store.js";
import { AppError, notFound } from "../errors.js";
import { type EnrollmentDeps, inTransaction } from "./enrollment-writes.js";
import { enrollmentRepository } from "./enrollments.repository.js";
import type { Policy, PolicyInput } from "./enrollments.schemas.js";
import { loadPolicy } from "./policies.js";
import { fillFreedSeats, openSession } from "./waitlist.js";

const flag = (value: boolean | null | undefined) =>
  value === undefined || value === null ? null : value ? 1 : 0;

/** Policies per course and per session (the session's set fields win), and client seat quotas per session. */
export function createPolicyService(deps: EnrollmentDeps) {
  const { db } = deps.database;
  return {
    /** The policy a session's enrollments follow (defaults ← course ← session). */
    async effective(actor: Actor, sessionId: string): Promise<Policy> {
      authorize(actor, "reference:read");
      const session = await enrollmentRepository.findSession(db, actor.tenantId, sessionId);
      if (!session) throw notFound("Session", sessionId);
      return loadPolicy(db, actor.tenantId, session);
    },

    async set(actor: Actor, scopeType: "course" | "session", scopeId: string, input: PolicyInput) {
      authorize(actor, "reference:write");
      return inTransaction(deps, async (trx) => {
        const now = deps.clock.now();
        const exists =
          scopeType === "course"
            ? await entityStore.find(trx, "courses", actor.tenantId, scopeId)
            : await enrollmentRepository.findSession(trx, actor.tenantId, scopeId);
        if (!exists) throw notFound(scopeType === "course" ? "Course" : "Session", scopeId);
        const before = await enrollmentRepository.findPolicy(trx, actor.tenantId, scopeType, scopeId);
        const row = {
          tenant_id: actor.tenantId,
          scope_type: scopeType,
          scope_id: scopeId,
          waitlist_policy: input.waitlistPolicy ?? null,
          offer_hours: input.offerHours ?? null,
          cancellation_cutoff_hours: input.cancellationCutoffHours ?? null,
          transfer_cutoff_hours: input.transferCutoffHours ?? null,
          approval_required: flag(input.approvalRequired),
          min_attendance_percent: input.minAttendancePercent ?? null,
          pass_required: flag(input.passRequired),
          updated_at: now,
        };
        await enrollmentRepository.upsertPolicy(trx, row);
        await recordAudit(trx, actor, now, {
          action: "policy:set",
          entityType: `${scopeType}_enrollment_policy`,
          entityId: scopeId,
          before,
          after: row,
        });
        return input;
      });
    },

    async quotas(actor: Actor, sessionId: string) {
      authorize(actor, "reference:read");
      const session = await enrollmentRepository.findSession(db, actor.tenantId, sessionId);
      if (!session) throw notFound("Session", sessionId);
      const rows = await enrollmentRepository.quotasOf(db, actor.tenantId, sessionId);
      return { quotas: rows.map((row) => ({ clientId: row.client_id, seats: row.seats })) };
    },

    /** Replaces a session's reserved seats per client; their sum cannot exceed the session's seats. */
    async setQuotas(actor: Actor, sessionId: string, quotas: { clientId: string; seats: number }[]) {
      authorize(actor, "reference:write");
      return inTransaction(deps, async (trx) => {
        const now = deps.clock.now();
        const scope = await openSession(deps, trx, actor, sessionId, now);
        const errors: { path: string; message: string }[] = [];
        const seen = new Set<string>();
        for (const [index, quota] of quotas.entries()) {
          if (seen.has(quota.clientId))
            errors.push({ path: `quotas.${index}.clientId`, message: "is listed twice" });
          seen.add(quota.clientId);
          if (!(await entityStore.find(trx, "clients", actor.tenantId, quota.clientId))) {
            errors.push({ path: `quotas.${index}.clientId`, message: "no such client" });
          }
        }
        if (quotas.reduce((sum, q) => sum + q.seats, 0) > scope.session.max_seats) {
          errors.push({
            path: "quotas",
            message: `reserve at most the session's ${scope.session.max_seats} seats`,
          });
        }
        if (errors.length > 0) {
          throw new AppError("validation_failed", errors.map((e) => `${e.path}: ${e.message}`).join("; "), {
            errors,
          });
        }
        const before = await enrollmentRepository.quotasOf(trx, actor.tenantId, sessionId);
        await enrollmentRepository.replaceQuotas(
          trx,
          actor.tenantId,
          sessionId,
          quotas.map((q) => ({
            tenant_id: actor.tenantId,
            session_id: sessionId,
            client_id: q.clientId,
            seats: q.seats,
            updated_at: now,
          })),
        );
        await recordAudit(trx, actor, now, {
          action: "quotas:set",
          entityType: "session",
          entityId: sessionId,
          before: { quotas: before.map((q) => ({ clientId: q.client_id, seats: q.seats })) },
          after: { quotas },
        });
        // Released reservations may free seats for the waitlist.
        await fillFreedSeats(deps, trx, actor, scope, now);
        return { quotas };
      });
    },
  };
}
