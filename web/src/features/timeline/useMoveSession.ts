import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import type { CalendarItem, Session } from "../../api/types";
import { shiftLocal } from "../../components/time";
import type { CheckResult } from "../sessions/ConflictPanel";
import { draftFromSession, payloadOf, replaceInstructor, replaceRoom } from "../sessions/draft";

export interface MoveRequest {
  item: CalendarItem;
  by: "instructors" | "rooms";
  fromRow: string;
  toRow: string;
  days: number;
}

export interface ProposedMove extends MoveRequest {
  session: Session;
  patch: Record<string, unknown>;
  result: CheckResult;
}

/**
 * A drag on the timeline becomes a proposal: the session shifted by whole days and/or given to
 * another instructor or room, dry-run checked before anything is saved.
 */
export function useMoveSession() {
  const queryClient = useQueryClient();
  const [proposal, setProposal] = useState<ProposedMove | null>(null);
  const propose = useMutation({
    mutationFn: async (move: MoveRequest): Promise<ProposedMove> => {
      const session = await api.get<Session>(`/sessions/${move.item.sessionId}`);
      let draft = draftFromSession(session);
      draft = {
        ...draft,
        segments: draft.segments.map((s) => ({
          ...s,
          start: shiftLocal(s.start, move.days),
          end: shiftLocal(s.end, move.days),
        })),
      };
      if (move.toRow !== move.fromRow) {
        draft =
          move.by === "instructors"
            ? replaceInstructor(draft, move.fromRow, move.toRow)
            : replaceRoom(draft, move.fromRow, move.toRow);
      }
      const { courseId: _c, status: _s, ...patch } = payloadOf(draft)!;
      const result = await api.post<CheckResult>("/sessions/check", {
        ...payloadOf(draft),
        sessionId: session.id,
        suggestions: false,
      });
      return { ...move, session, patch, result };
    },
    onSuccess: setProposal,
  });
  const save = useMutation({
    mutationFn: (input: { proposal: ProposedMove; overrideReason: string }) =>
      api.post(`/sessions/${input.proposal.session.id}/reschedule`, {
        ...input.proposal.patch,
        override: input.overrideReason.trim() ? { reason: input.overrideReason.trim() } : null,
        reason: "Moved on the resource timeline",
      }),
    onSuccess: async () => {
      setProposal(null);
      await queryClient.invalidateQueries({ queryKey: ["calendar"] });
      await queryClient.invalidateQueries({ queryKey: ["sessions"] });
    },
  });
  return {
    proposal,
    propose,
    save,
    close: () => {
      setProposal(null);
      save.reset();
    },
  };
}
