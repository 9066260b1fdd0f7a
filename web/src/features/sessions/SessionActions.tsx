import { Alert, Button, Group, List, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { ApiError, api, errorMessage } from "../../api/client";
import type { Session } from "../../api/types";
import { formatRange } from "../../components/time";

type Status = Session["status"];

const transitions: Record<Status, Status[]> = {
  draft: ["planned", "cancelled"],
  planned: ["draft", "confirmed", "postponed", "cancelled"],
  confirmed: ["planned", "in_progress", "postponed", "cancelled"],
  in_progress: ["completed", "cancelled"],
  postponed: ["draft", "planned", "cancelled"],
  completed: [],
  cancelled: [],
};

const actionLabel: Record<Status, string> = {
  draft: "Back to draft",
  planned: "Plan",
  confirmed: "Confirm",
  in_progress: "Start",
  completed: "Complete",
  postponed: "Postpone…",
  cancelled: "Cancel session…",
};

/** Who and what a change touches, from the session as it stands (learners come with enrollments). */
export function ImpactPreview({
  session,
  names,
  children,
}: {
  session: Session;
  names: Map<string, string>;
  children?: ReactNode;
}) {
  const active = session.instructors.filter((a) => a.status === "requested" || a.status === "accepted");
  const rooms = [...new Set(session.segments.map((s) => s.roomId).filter((id): id is string => !!id))];
  return (
    <Stack gap={4} data-testid="impact-preview">
      <Text size="sm" fw={500}>
        This affects
      </Text>
      <List size="sm">
        <List.Item>
          {active.length === 0
            ? "no instructor"
            : `${active.length} instructor${active.length > 1 ? "s" : ""}: ${active
                .map((a) => `${names.get(a.instructorId) ?? "?"} (${a.status})`)
                .join(", ")}`}
        </List.Item>
        <List.Item>
          {rooms.length === 0
            ? "no room"
            : `room${rooms.length > 1 ? "s" : ""} ${rooms.map((r) => names.get(r) ?? "?").join(", ")}`}
        </List.Item>
        <List.Item>
          {session.equipment.length === 0
            ? "no equipment"
            : `equipment: ${session.equipment.map((e) => `${e.quantity} × ${names.get(e.equipmentId) ?? "?"}`).join(", ")}`}
        </List.Item>
        {children}
      </List>
    </Stack>
  );
}

export function SessionActions({ session, names }: { session: Session; names: Map<string, string> }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState<Status | null>(null);
  const [reason, setReason] = useState("");
  const [cloneOpen, setCloneOpen] = useState(false);
  const [cloneDate, setCloneDate] = useState("");

  const refresh = () => queryClient.invalidateQueries({ queryKey: ["sessions"] });
  const changeStatus = useMutation({
    mutationFn: (status: Status) =>
      api.post<{ session: Session }>(`/sessions/${session.id}/status`, {
        status,
        reason: reason.trim() || null,
      }),
    onSuccess: async (result) => {
      setConfirming(null);
      setReason("");
      queryClient.setQueryData(["sessions", session.id], result.session);
      await refresh();
      notifications.show({
        color: "teal",
        message: `The session is ${result.session.status.replace("_", " ")}`,
      });
    },
  });
  const clone = useMutation({
    mutationFn: () =>
      api.post<{ session: Session; dropped: { message: string }[] }>(`/sessions/${session.id}/clone`, {
        startDate: cloneDate,
      }),
    onSuccess: async (result) => {
      setCloneOpen(false);
      await refresh();
      notifications.show({
        color: result.dropped.length ? "orange" : "teal",
        title: "Copied",
        message: result.dropped.length
          ? `Left out where not free: ${result.dropped.map((d) => d.message).join(" ")}`
          : "Instructors, rooms and equipment came along.",
      });
      await navigate({ to: "/sessions/$sessionId", params: { sessionId: result.session.id } });
    },
  });
  const next = transitions[session.status];
  const needsConfirm = (status: Status) => status === "cancelled" || status === "postponed";
  const statusError = changeStatus.error instanceof ApiError ? changeStatus.error : null;

  return (
    <>
      <Group gap="xs" wrap="wrap">
        {next.map((status) => (
          <Button
            key={status}
            size="sm"
            variant={needsConfirm(status) ? "light" : "filled"}
            color={status === "cancelled" ? "red" : status === "postponed" ? "orange" : undefined}
            loading={changeStatus.isPending && changeStatus.variables === status}
            onClick={() => (needsConfirm(status) ? setConfirming(status) : changeStatus.mutate(status))}
          >
            {actionLabel[status]}
          </Button>
        ))}
        <Button size="sm" variant="default" onClick={() => setCloneOpen(true)}>
          Clone…
        </Button>
      </Group>
      {statusError && !confirming && (
        <Alert color="red" mt="xs" role="alert">
          {statusError.message}
        </Alert>
      )}

      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming === "cancelled" ? "Cancel this session?" : "Postpone this session?"}
      >
        <Stack>
          <Text size="sm">
            {session.title}, {formatRange(session.startsAt, session.endsAt, session.timeZone)}. Every booking
            is released.
          </Text>
          <ImpactPreview session={session} names={names} />
          <Textarea
            label="Reason"
            description="Recorded in the history and passed on to the people affected"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={statusError?.fieldError("reason")}
          />
          {statusError && <Alert color="red">{statusError.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Keep it
            </Button>
            <Button
              color={confirming === "cancelled" ? "red" : "orange"}
              loading={changeStatus.isPending}
              onClick={() => confirming && changeStatus.mutate(confirming)}
            >
              {confirming === "cancelled" ? "Cancel the session" : "Postpone"}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={cloneOpen} onClose={() => setCloneOpen(false)} title="Copy to new dates">
        <Stack>
          <TextInput
            type="date"
            label="First day"
            description="The other days keep their distance"
            value={cloneDate}
            onChange={(e) => setCloneDate(e.currentTarget.value)}
            error={clone.error instanceof ApiError ? clone.error.fieldError("startDate") : undefined}
          />
          {clone.error && <Alert color="red">{errorMessage(clone.error)}</Alert>}
          <Group justify="flex-end">
            <Button loading={clone.isPending} disabled={!cloneDate} onClick={() => clone.mutate()}>
              Copy
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
