import { type Actor, authorize } from "../auth/actor.js";
import { enrollmentRepository } from "../enrollments/enrollments.repository.js";
import { loadConflictContext } from "./conflict-context.js";
import { findConflicts } from "./engine/find-conflicts.js";
import { prepareSession } from "./prepare-session.js";
import { presentConflicts } from "./present-session.js";
import type { ReferenceCache } from "./reference-reads.js";
import { loadRecord, type SchedulingDeps } from "./session-writes.js";
import type { ConflictView, SessionCheckInput } from "./sessions.schemas.js";
import { replacementsFor, type Suggestions, suggestAlternatives } from "./suggest-alternatives.js";

/**
 * Dry run: every conflict the session (new, or an existing one with these values) would have,
 * explained, with ranked alternatives. Writes nothing and takes no locks, and reads reference data
 * through the process's cache (validated by one version read), so it costs little more than the
 * bookings it reads.
 */
export async function checkSession(
  deps: SchedulingDeps & { references: ReferenceCache },
  actor: Actor,
  input: SessionCheckInput,
): Promise<{ conflicts: ConflictView[]; suggestions: Suggestions | null }> {
  authorize(actor, "reference:read");
  const { db } = deps.database;
  const [reads, existing] = await Promise.all([
    deps.references.open(db, actor.tenantId),
    input.sessionId ? loadRecord(db, actor.tenantId, input.sessionId) : null,
  ]);
  const prepared = await prepareSession(db, actor, null, input, existing, deps.clock.now(), reads);
  // A change to an existing session moves its seated learners too, as the write will.
  if (existing) {
    prepared.proposal.learnerIds = await enrollmentRepository.seatedLearnerIds(
      db,
      actor.tenantId,
      existing.session.id,
    );
  }
  const context = await loadConflictContext(db, actor.tenantId, {
    course: prepared.course,
    proposal: prepared.proposal,
    preloaded: prepared.referenced,
    reads,
  });
  const conflicts = findConflicts(prepared.proposal, context);
  const suggestions =
    input.suggestions && conflicts.length > 0
      ? await suggestAlternatives(
          db,
          actor.tenantId,
          prepared.course,
          prepared.proposal,
          replacementsFor(conflicts),
          { reads },
        )
      : null;
  return {
    conflicts: presentConflicts(
      conflicts,
      prepared.proposal.segments.map((s) => s.key),
    ),
    suggestions,
  };
}
