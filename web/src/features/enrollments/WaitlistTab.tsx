import { ActionIcon, Alert, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ApiError, api } from "../../api/client";
import type { Session } from "../../api/types";
import { formatDateTime } from "../../components/time";
import { canWrite, useMe } from "../auth/session";
import { type Enrollment, useEnrollmentWrite, usePolicy, useSessionEnrollments } from "./api";

const REASON = "reordered on the session page";

/** The API's refusal, shown under the row it concerns. */
const rowError = (error: unknown, id: string | undefined, rowId: string) =>
  id === rowId && error ? (error instanceof ApiError ? error.message : String(error)) : null;

/**
 * The waitlist in order. Up/down buttons (keyboard: Tab to them, Enter) move a learner; the API
 * audits every move. A freed seat goes to the first in line, directly or as an offer (the policy).
 */
export function WaitlistTab({ session }: { session: Session }) {
  const me = useMe();
  const writable = canWrite(me.data);
  const roster = useSessionEnrollments(session.id);
  const policy = usePolicy(session.id);
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string>();
  const [focus, setFocus] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const move = useEnrollmentWrite(session.id, (input: { id: string; position: number }) =>
    api.post<Enrollment>(`/enrollments/${input.id}/waitlist-position`, {
      position: input.position,
      reason: REASON,
    }),
  );
  const answer = useEnrollmentWrite(session.id, (input: { id: string; response: "accept" | "decline" }) =>
    api.post<Enrollment>(`/enrollments/${input.id}/offer/${input.response}`),
  );
  // One more seat: the API gives it to the first in line (enrolled, or offered under the offer policy).
  const promote = useEnrollmentWrite(session.id, (maxSeats: number) =>
    api.patch<Session>(`/sessions/${session.id}`, { maxSeats }),
  );

  // Keep the keyboard focus on the button that moved a learner, wherever the row went.
  useEffect(() => {
    if (!focus || move.isPending) return;
    const button = list.current?.querySelector<HTMLButtonElement>(
      `[data-focus-key="${focus}"]:not(:disabled)`,
    );
    button?.focus();
  });

  if (roster.isPending) return <Loader aria-label="Loading the waitlist" />;
  if (roster.error) return <Alert color="red">{roster.error.message}</Alert>;
  const waiting = roster.data.items.filter((i) => i.status === "waitlisted");
  const offered = roster.data.items.filter((i) => i.status === "offered");
  const free = roster.data.maxSeats - roster.data.enrolled - roster.data.offered;

  const reorder = (item: Enrollment, position: number, key: string) => {
    setTarget(item.id);
    setFocus(key);
    move.mutate({ id: item.id, position });
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {policy.data?.waitlistPolicy === "offer"
          ? `A freed seat is offered to the first in line and held for ${policy.data.offerHours} hours.`
          : "A freed seat goes to the first in line at once."}{" "}
        {free > 0 ? `${free} seat${free === 1 ? "" : "s"} free.` : "The session is full."}
      </Text>

      {offered.length > 0 && (
        <Card withBorder component="section" aria-labelledby="offers-title">
          <Title order={2} size="h4" id="offers-title" mb="sm">
            Seats offered
          </Title>
          <Stack gap="xs">
            {offered.map((item) => (
              <div key={item.id}>
                <Group justify="space-between" wrap="wrap">
                  <Text size="sm">
                    {item.learnerName}
                    {item.offerExpiresAt && ` · until ${formatDateTime(item.offerExpiresAt)}`}
                  </Text>
                  {writable && (
                    <Group gap="xs">
                      <Button
                        size="compact-sm"
                        loading={answer.isPending && target === item.id}
                        onClick={() => {
                          setTarget(item.id);
                          answer.mutate({ id: item.id, response: "accept" });
                        }}
                      >
                        Accept for {item.learnerName}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => {
                          setTarget(item.id);
                          answer.mutate({ id: item.id, response: "decline" });
                        }}
                      >
                        Decline
                      </Button>
                    </Group>
                  )}
                </Group>
                {rowError(answer.error, target, item.id) && (
                  <Text size="xs" c="var(--mantine-color-error)" role="alert">
                    {rowError(answer.error, target, item.id)}
                  </Text>
                )}
              </div>
            ))}
          </Stack>
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="waitlist-title">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4" id="waitlist-title">
            Waitlist
          </Title>
          {writable && waiting.length > 0 && (
            <Stack gap={2} align="flex-end">
              <Button
                size="compact-sm"
                variant="light"
                loading={promote.isPending}
                onClick={() =>
                  promote.mutate(roster.data.maxSeats + 1, {
                    onSuccess: async (saved) => {
                      queryClient.setQueryData(["sessions", session.id], saved);
                      await queryClient.invalidateQueries({ queryKey: ["sessions"] });
                      notifications.show({
                        color: "teal",
                        message: `${waiting[0]!.learnerName} ${policy.data?.waitlistPolicy === "offer" ? "is offered the seat" : "is enrolled"}`,
                      });
                    },
                  })
                }
              >
                Add a seat for {waiting[0]!.learnerName}
              </Button>
              {promote.error && (
                <Text size="xs" c="var(--mantine-color-error)" role="alert">
                  {promote.error instanceof ApiError
                    ? (promote.error.fieldError("maxSeats") ?? promote.error.message)
                    : promote.error.message}
                </Text>
              )}
            </Stack>
          )}
        </Group>
        {waiting.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody is waiting. Learners enrolled once every seat is taken line up here.
          </Text>
        ) : (
          <ol ref={list} style={{ margin: 0, paddingLeft: 0, listStyle: "none" }} data-testid="waitlist">
            {waiting.map((item, index) => {
              const position = item.waitlistPosition ?? index + 1;
              const name = item.learnerName ?? item.learnerId;
              return (
                <li
                  key={item.id}
                  style={{ padding: "6px 0", borderBottom: "1px solid var(--mantine-color-default-border)" }}
                >
                  <Group justify="space-between" wrap="nowrap">
                    <Text size="sm">
                      <Text span fw={700} mr="xs">
                        {position}.
                      </Text>
                      {name}
                      <Text span size="xs" c="dimmed" ml="xs">
                        since {formatDateTime(item.createdAt)}
                      </Text>
                    </Text>
                    {writable && (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="default"
                          aria-label={`Move ${name} up`}
                          data-focus-key={`${item.id}-up`}
                          disabled={index === 0 || move.isPending}
                          onClick={() => reorder(item, position - 1, `${item.id}-up`)}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          aria-label={`Move ${name} down`}
                          data-focus-key={`${item.id}-down`}
                          disabled={index === waiting.length - 1 || move.isPending}
                          onClick={() => reorder(item, position + 1, `${item.id}-down`)}
                        >
                          ↓
                        </ActionIcon>
                      </Group>
                    )}
                  </Group>
                  {rowError(move.error, target, item.id) && (
                    <Text size="xs" c="var(--mantine-color-error)" role="alert">
                      {rowError(move.error, target, item.id)}
                    </Text>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </Card>
    </Stack>
  );
}
