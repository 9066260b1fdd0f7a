import { Alert, Button, Group, Modal, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api } from "../../api/client";
import type { Page, Session } from "../../api/types";
import { formatRange } from "../../components/time";
import { type Enrollment, useEnrollmentWrite, useLearnerSearch } from "./api";

export type EnrollmentAction = "cancel" | "transfer" | "substitute";

const titles: Record<EnrollmentAction, string> = {
  cancel: "Cancel the registration",
  transfer: "Transfer to another session",
  substitute: "Send a colleague instead",
};

/** Other upcoming sessions of the same course: where a learner can be transferred. */
function useTransferTargets(session: Session, enabled: boolean) {
  return useQuery({
    queryKey: ["sessions", "transfer-targets", session.courseId],
    enabled,
    queryFn: () =>
      api.get<Page<Session>>("/sessions", {
        courseId: session.courseId,
        from: new Date().toISOString(),
        limit: 200,
      }),
    select: (page) =>
      page.items.filter((s) => s.id !== session.id && ["draft", "planned", "confirmed"].includes(s.status)),
  });
}

/**
 * Cancel, transfer or substitute one registration. The API's answer is shown next to the field
 * it concerns: the target session, the colleague, the reason or, past a cut-off, the override.
 */
export function EnrollmentActionModal({
  session,
  enrollment,
  action,
  onClose,
}: {
  session: Session;
  enrollment: Enrollment;
  action: EnrollmentAction;
  onClose(): void;
}) {
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState("");
  const [target, setTarget] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const targets = useTransferTargets(session, action === "transfer");
  const colleagues = useLearnerSearch(debounced, enrollment.clientId);

  const write = useEnrollmentWrite(session.id, () => {
    const common = {
      reason: reason.trim() || null,
      ...(action !== "substitute" && { override: override.trim() ? { reason: override.trim() } : null }),
    };
    if (action === "cancel") return api.post(`/enrollments/${enrollment.id}/cancel`, common);
    if (action === "transfer")
      return api.post(`/enrollments/${enrollment.id}/transfer`, { ...common, toSessionId: target });
    return api.post(`/enrollments/${enrollment.id}/substitute`, { ...common, learnerId: target });
  });
  const error = write.error instanceof ApiError ? write.error : null;
  const pastCutoff = Boolean(error?.body.cutoff);
  // A refusal without a field (no seat free, not allowed from this status) concerns the main choice.
  const mainField = action === "transfer" ? "toSessionId" : action === "substitute" ? "learnerId" : "reason";
  const unplaced = error && !pastCutoff && error.errors.length === 0 ? error.message : undefined;
  const fieldError = (path: string) => error?.fieldError(path) ?? (path === mainField ? unplaced : undefined);

  const submit = () =>
    write.mutate(undefined, {
      onSuccess: () => {
        notifications.show({ color: "teal", message: `${enrollment.learnerName ?? "Learner"}: done` });
        onClose();
      },
    });

  return (
    <Modal opened onClose={onClose} title={`${titles[action]}: ${enrollment.learnerName ?? ""}`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          {action === "transfer" && (
            <Select
              label="Session"
              description="Another session of the same course; keeps price and payment"
              required
              searchable
              data={(targets.data ?? []).map((s) => ({
                value: s.id,
                label: `${s.title} · ${formatRange(s.startsAt, s.endsAt, s.timeZone)}`,
              }))}
              value={target}
              onChange={setTarget}
              nothingFoundMessage={
                targets.isPending ? "Loading…" : "No other upcoming session of this course"
              }
              error={fieldError("toSessionId")}
            />
          )}
          {action === "substitute" && (
            <Select
              label="Colleague"
              description={enrollment.clientId ? "From the same client" : "A learner without a client"}
              required
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              filter={({ options }) => options}
              data={(colleagues.data?.items ?? [])
                .filter((l) => l.id !== enrollment.learnerId)
                .map((l) => ({ value: l.id, label: `${l.name} (${l.email})` }))}
              value={target}
              onChange={setTarget}
              nothingFoundMessage="No learner matches"
              error={fieldError("learnerId")}
            />
          )}
          <Textarea
            label="Reason"
            description="Kept in the enrollment's history"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError("reason")}
          />
          {pastCutoff && (
            <TextInput
              label="Reason to pass the cut-off"
              description="Recorded in the audit trail"
              value={override}
              onChange={(e) => setOverride(e.currentTarget.value)}
              error={fieldError("override.reason") ?? (override.trim() ? undefined : error?.message)}
            />
          )}
          {error?.fieldError("status") && (
            <Alert color="red" role="alert">
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Close
            </Button>
            <Button
              type="submit"
              color={action === "cancel" ? "red" : undefined}
              loading={write.isPending}
              disabled={action !== "cancel" && !target}
            >
              {action === "cancel"
                ? "Cancel registration"
                : action === "transfer"
                  ? "Transfer"
                  : "Substitute"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
