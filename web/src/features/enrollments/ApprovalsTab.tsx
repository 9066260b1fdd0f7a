import { Alert, Button, Card, Group, Loader, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { ApiError, api } from "../../api/client";
import type { Session } from "../../api/types";
import { formatDateTime } from "../../components/time";
import { canWrite, useMe } from "../auth/session";
import { type Enrollment, useEnrollmentWrite, usePolicy, useSessionEnrollments } from "./api";

/** Registrations waiting for a manager's or client's approval: approve (a seat or the waitlist) or reject. */
export function ApprovalsTab({ session }: { session: Session }) {
  const me = useMe();
  const writable = canWrite(me.data);
  const roster = useSessionEnrollments(session.id);
  const policy = usePolicy(session.id);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [target, setTarget] = useState<string>();
  const decide = useEnrollmentWrite(session.id, (input: { id: string; decision: "approve" | "reject" }) =>
    api.post<Enrollment>(`/enrollments/${input.id}/${input.decision}`, {
      reason: reasons[input.id]?.trim() || null,
    }),
  );

  if (roster.isPending) return <Loader aria-label="Loading approvals" />;
  if (roster.error) return <Alert color="red">{roster.error.message}</Alert>;
  const pending = roster.data.items.filter((i) => i.status === "pending_approval");

  return (
    <Card withBorder component="section" aria-labelledby="approvals-title">
      <Title order={2} size="h4" id="approvals-title" mb="xs">
        Waiting for approval
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {policy.data?.approvalRequired
          ? "This session's policy asks for approval: registrations wait here until approved or rejected."
          : "This session's policy does not ask for approval; registrations made while it did still wait here."}
      </Text>
      {pending.length === 0 ? (
        <Text size="sm" c="dimmed">
          No registration is waiting for approval.
        </Text>
      ) : (
        <Stack gap="md">
          {pending.map((item) => {
            const name = item.learnerName ?? item.learnerId;
            const error = target === item.id && decide.error;
            const message =
              error instanceof ApiError
                ? (error.fieldError("reason") ?? error.message)
                : error
                  ? String(error)
                  : undefined;
            return (
              <Group key={item.id} align="flex-end" wrap="wrap" gap="sm">
                <div style={{ minWidth: 200 }}>
                  <Text size="sm" fw={600}>
                    {name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    registered {formatDateTime(item.createdAt)} · {item.source}
                  </Text>
                </div>
                {writable && (
                  <>
                    <TextInput
                      label={`Reason for ${name}`}
                      description="Optional, kept in the history"
                      value={reasons[item.id] ?? ""}
                      onChange={(e) => setReasons({ ...reasons, [item.id]: e.currentTarget.value })}
                      error={message}
                      w={280}
                    />
                    <Button
                      aria-label={`Approve ${name}`}
                      loading={decide.isPending && target === item.id}
                      onClick={() => {
                        setTarget(item.id);
                        decide.mutate(
                          { id: item.id, decision: "approve" },
                          {
                            onSuccess: (result) =>
                              notifications.show({
                                color: "teal",
                                message: `${name} approved: ${result.status.replace(/_/g, " ")}`,
                              }),
                          },
                        );
                      }}
                    >
                      Approve
                    </Button>
                    <Button
                      aria-label={`Reject ${name}`}
                      variant="default"
                      color="red"
                      onClick={() => {
                        setTarget(item.id);
                        decide.mutate({ id: item.id, decision: "reject" });
                      }}
                    >
                      Reject
                    </Button>
                  </>
                )}
              </Group>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}
