import type { Actor } from "../auth/actor.js";
import type { Executor } from "../db/database.js";
import { entityStore } from "../db/entity-store.js";
import { AppError } from "../errors.js";
import type { presentConflicts } from "../scheduling/present-session.js";
import { assertMayActFor, assertSessionOpenTo, authorizeOrClient, isClientContact } from "./client-scope.js";
import {
  assertOpen,
  type EnrollmentDeps,
  inTransaction,
  lockLearners,
  resultOf,
} from "./enrollment-writes.js";
import type { BulkResult, EnrollInput, EnrollResult } from "./enrollments.schemas.js";
import { type Placement, placeLearner } from "./place-learner.js";
import { openSession } from "./waitlist.js";

/** A coordinator (or client contact) enrolls one learner: enrolled, waitlisted or pending approval. */
export function enrollLearner(
  deps: EnrollmentDeps,
  actor: Actor,
  sessionId: string,
  input: EnrollInput,
  source: Placement["source"] = "coordinator",
): Promise<EnrollResult> {
  authorizeOrClient(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const scope = await openSession(deps, trx, actor, sessionId, now);
    assertSessionOpenTo(actor, scope.session);
    await lockLearners(deps, trx, actor.tenantId, [input.learnerId]);
    await assertLearnerOfClient(trx, actor, input.learnerId);
    const row = await placeLearner(
      deps,
      trx,
      actor,
      scope,
      { ...input, source: isClientContact(actor) ? "client" : source },
      now,
    );
    return resultOf(row);
  });
}

/**
 * Enrolls a list of learners in list order, in one transaction: each gets a seat, a waitlist
 * place or pending approval; those refused (unknown, already registered, double-booked) are
 * reported with the reason and do not stop the others.
 */
export function enrollMany(
  deps: EnrollmentDeps,
  actor: Actor,
  sessionId: string,
  learnerIds: string[],
): Promise<BulkResult> {
  authorizeOrClient(actor, "reference:write");
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const scope = await openSession(deps, trx, actor, sessionId, now);
    assertSessionOpenTo(actor, scope.session);
    await lockLearners(deps, trx, actor.tenantId, learnerIds);
    assertOpen(scope.session);
    const results: BulkResult["results"] = [];
    for (const learnerId of learnerIds) {
      try {
        await assertLearnerOfClient(trx, actor, learnerId);
        const row = await placeLearner(deps, trx, actor, scope, { learnerId, source: "bulk" }, now);
        results.push({ learnerId, enrollment: resultOf(row), error: null });
      } catch (error) {
        if (!(error instanceof AppError) || error.code === "forbidden") throw error;
        const conflicts = error.details.conflicts as ReturnType<typeof presentConflicts> | undefined;
        results.push({
          learnerId,
          enrollment: null,
          error: { code: error.code, message: error.message, ...(conflicts && { conflicts }) },
        });
      }
    }
    return { results };
  });
}

/** A client contact enrolls only their client's learners (another's is "not found"). */
async function assertLearnerOfClient(trx: Executor, actor: Actor, learnerId: string) {
  if (!isClientContact(actor)) return;
  const learner = await entityStore.find(trx, "learners", actor.tenantId, learnerId);
  // An unknown learner is placeLearner's to report, as for anyone.
  if (learner) assertMayActFor(actor, learner);
}
