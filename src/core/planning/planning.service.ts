import type { Actor } from "../auth/actor.js";
import type { SchedulingDeps } from "../scheduling/session-writes.js";
import { applyPlan } from "./apply-plan.js";
import { autoStaffSession } from "./auto-staff-session.js";
import { cancelPlan } from "./cancel-plan.js";
import { createPlan } from "./create-plan.js";
import { getPlan, listPlans } from "./get-plan.js";
import { createPlanRunner } from "./plan-runner.js";
import type { ApplyInput, AutoStaffInput, PlanInput, PlanQuery } from "./plans.schemas.js";

/** The planning use cases (issue 6, phase 2), one file each, with this process's plan runner. */
export function createPlanningService(deps: SchedulingDeps) {
  const runner = createPlanRunner(deps);
  const planning = { ...deps, runner };
  return {
    create: (actor: Actor, input: PlanInput) => createPlan(planning, actor, input),
    get: (actor: Actor, id: string) => getPlan(planning, actor, id),
    list: (actor: Actor, query: PlanQuery) => listPlans(planning, actor, query),
    cancel: (actor: Actor, id: string) => cancelPlan(planning, actor, id),
    apply: (actor: Actor, id: string, input: ApplyInput) => applyPlan(planning, actor, id, input),
    autoStaff: (actor: Actor, sessionId: string, input: AutoStaffInput) =>
      autoStaffSession(deps, actor, sessionId, input),
    /** Resolves when a plan running in this process has stored its outcome (CLI --wait, tests). */
    settled: (id: string) => runner.settled(id),
    close: () => runner.close(),
  };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
