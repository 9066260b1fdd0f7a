import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Message } from "../../../../src/core/communications/communications.schemas.js";
import type {
  AttendanceRecord,
  BulkResult,
  Enrollment,
  Policy,
  SeatSummary,
} from "../../../../src/core/enrollments/enrollments.schemas.js";
import { api } from "../../api/client";
import type { Learner, Page } from "../../api/types";

// The enrollment API's shapes, type-only from the server's zod schemas.
export type { AttendanceRecord, BulkResult, Enrollment, Message, Policy, SeatSummary };
export type LearnerOption = Pick<Learner, "id" | "name" | "email" | "clientId">;

/** `GET /sessions/{id}/enrollments`: seats first, then the waitlist in position order. */
export interface SessionEnrollments {
  sessionId: string;
  maxSeats: number;
  minSeats: number;
  enrolled: number;
  offered: number;
  waitlisted: number;
  pendingApproval: number;
  items: Enrollment[];
}

export const enrollmentsKey = (sessionId: string) => ["enrollments", sessionId];

export const useSessionEnrollments = (sessionId: string) =>
  useQuery({
    queryKey: enrollmentsKey(sessionId),
    queryFn: () => api.get<SessionEnrollments>(`/sessions/${sessionId}/enrollments`),
  });

export const usePolicy = (sessionId: string) =>
  useQuery({
    queryKey: ["enrollment-policy", sessionId],
    queryFn: () => api.get<Policy>(`/sessions/${sessionId}/enrollment-policy`),
    staleTime: 60_000,
  });

/** Learners matching a search, for the pickers (the list endpoint's `q`). */
export const useLearnerSearch = (q: string, clientId?: string | null) =>
  useQuery({
    queryKey: ["learners", "search", q, clientId ?? null],
    queryFn: () =>
      api.get<Page<LearnerOption>>("/learners", {
        q: q || undefined,
        clientId: clientId ?? undefined,
        limit: 20,
      }),
    staleTime: 30_000,
  });

/**
 * A write on a session's registrations: afterwards everything that counts seats is read again
 * (the roster, attendance, messages, the session itself and the dashboard's figures).
 */
export function useEnrollmentWrite<TInput, TResult>(
  sessionId: string,
  write: (input: TInput) => Promise<TResult>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: async () => {
      await Promise.all(
        [enrollmentsKey(sessionId), ["attendance", sessionId], ["messages", sessionId], ["seat-summary"]].map(
          (queryKey) => queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export const statusLabel = (status: string) => status.replace(/_/g, " ");
