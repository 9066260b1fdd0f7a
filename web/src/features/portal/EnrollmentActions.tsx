import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage } from "../../api/client";
import type { CatalogSession, PortalEnrollment } from "../../api/types";
import { formatRange } from "../../components/time";

const cancellable = new Set(["enrolled", "waitlisted", "offered", "pending_approval"]);

/** Cancel, or transfer to another open session of the same course, within the policy's cut-offs. */
export function EnrollmentActions({ item, tenant }: { item: PortalEnrollment; tenant: string }) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"cancel" | "transfer" | null>(null);
  const [reason, setReason] = useState("");
  const [target, setTarget] = useState<string | null>(null);
  const now = Date.now();
  const upcoming = Date.parse(item.session.startsAt) > now;
  const canCancel =
    upcoming &&
    cancellable.has(item.status) &&
    (item.status !== "enrolled" || Date.parse(item.cancelUntil) >= now);
  const canTransfer = upcoming && item.status === "enrolled" && Date.parse(item.transferUntil) >= now;
  const catalog = useQuery({
    queryKey: ["public-catalog", tenant],
    enabled: mode === "transfer",
    queryFn: () => api.get<{ items: CatalogSession[] }>(`/public/${encodeURIComponent(tenant)}/sessions`),
  });
  const options = (catalog.data?.items ?? []).filter(
    (s) => s.courseCode === item.session.courseCode && s.sessionId !== item.sessionId,
  );
  const act = useMutation({
    mutationFn: () =>
      mode === "cancel"
        ? api.post(`/enrollments/${item.id}/cancel`, { reason: reason.trim() || null })
        : api.post(`/enrollments/${item.id}/transfer`, { toSessionId: target }),
    onSuccess: async () => {
      notifications.show({
        color: "teal",
        message: mode === "cancel" ? "Cancelled" : "Moved to the new session",
      });
      setMode(null);
      await queryClient.invalidateQueries({ queryKey: ["portal-enrollments"] });
    },
  });
  const error = act.error instanceof ApiError ? act.error : null;
  if (!canCancel && !canTransfer) return null;
  const title =
    mode === "cancel" ? `Cancel: ${item.session.title}` : `Move to another date: ${item.session.title}`;
  return (
    <>
      <Group gap="xs">
        {canTransfer && (
          <Button size="xs" variant="light" onClick={() => setMode("transfer")}>
            Change date
          </Button>
        )}
        {canCancel && (
          <Button size="xs" variant="light" color="red" onClick={() => setMode("cancel")}>
            Cancel
          </Button>
        )}
      </Group>
      <Modal opened={mode !== null} onClose={() => setMode(null)} title={title}>
        <Stack>
          {mode === "cancel" ? (
            <TextInput
              label="Reason"
              placeholder="Optional"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={error?.fieldError("reason")}
            />
          ) : (
            <Select
              label="New session"
              placeholder={
                catalog.isPending ? "Loading…" : options.length ? "Choose" : "No other open session"
              }
              data={options.map((s) => ({
                value: s.sessionId,
                label: `${formatRange(s.startsAt, s.endsAt, s.timeZone)} (${s.seatsLeft} left)`,
              }))}
              value={target}
              onChange={setTarget}
              error={error?.fieldError("toSessionId")}
            />
          )}
          {act.error && !error?.errors.length && (
            <Alert color="red" role="alert">
              {errorMessage(act.error)}
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            {mode === "cancel" ? "Possible until" : "Date changes possible until"}{" "}
            {new Date(mode === "cancel" ? item.cancelUntil : item.transferUntil).toLocaleString()}.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMode(null)}>
              Keep
            </Button>
            <Button
              color={mode === "cancel" ? "red" : undefined}
              loading={act.isPending}
              disabled={mode === "transfer" && !target}
              onClick={() => act.mutate()}
            >
              {mode === "cancel" ? "Cancel my place" : "Move"}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
