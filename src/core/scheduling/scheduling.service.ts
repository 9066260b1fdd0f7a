import type { Actor } from "../auth/actor.js";
import { changeSessionStatus, type StatusChange } from "./change-session-status.js";
import { checkSession } from "./check-session.js";
import { createSession } from "./create-session.js";
import { deleteSession } from "./delete-session.js";
import { createFreeBusy } from "./free-busy.js";
import { createReferenceCache } from "./reference-reads.js";
import { type AssignmentResponse, respondToAssignment } from "./respond-to-assignment.js";
import { cloneSession } from "./series/clone-session.js";
import { createSeries } from "./series/create-series.js";
import type { CloneInput, SeriesInput, ShiftInput } from "./series/series.schemas.js";
import { shiftSeries } from "./series/shift-series.js";
import { createSessionQueries } from "./session-queries.js";
import type { SchedulingDeps } from "./session-writes.js";
import type { SessionCheckInput, SessionInput, SessionPatch } from "./sessions.schemas.js";
import { updateSession } from "./update-session.js";

/** The scheduling use cases, one file each, bound to their dependencies. */
export function createSchedulingService(deps: SchedulingDeps) {
  const references = createReferenceCache();
  return {
    ...createSessionQueries(deps),
    freeBusy: createFreeBusy(deps),
    create: (actor: Actor, input: SessionInput) => createSession(deps, actor, input),
    update: (actor: Actor, id: string, patch: SessionPatch) => updateSession(deps, actor, id, patch),
    remove: (actor: Actor, id: string) => deleteSession(deps, actor, id),
    createSeries: (actor: Actor, input: SeriesInput) => createSeries(deps, actor, input),
    clone: (actor: Actor, id: string, input: CloneInput) => cloneSession(deps, actor, id, input),
    shiftSeries: (actor: Actor, seriesId: string, input: ShiftInput) =>
      shiftSeries(deps, actor, seriesId, input),
    check: (actor: Actor, input: SessionCheckInput) => checkSession({ ...deps, references }, actor, input),
    changeStatus: (actor: Actor, id: string, change: StatusChange) =>
      changeSessionStatus(deps, actor, id, change),
    respond: (
      actor: Actor,
      sessionId: string,
      assignmentId: string,
      response: AssignmentResponse,
      note: string | null,
    ) => respondToAssignment(deps, actor, sessionId, assignmentId, response, note),
  };
}

export type SchedulingService = ReturnType<typeof createSchedulingService>;
