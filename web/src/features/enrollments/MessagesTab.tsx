import { Alert, Button, Card, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { Page, Session } from "../../api/types";
import { formatDateTime } from "../../components/time";
import type { Message } from "./api";
import { EnrollmentBadge } from "./EnrollmentBadge";

/** Every e-mail sent (or queued) about this session, newest first, from the message log. */
export function MessagesTab({ session }: { session: Session }) {
  const messages = useInfiniteQuery({
    queryKey: ["messages", session.id],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<Page<Message>>("/messages", { sessionId: session.id, limit: 50, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (messages.isPending) return <Loader aria-label="Loading messages" />;
  if (messages.error) return <Alert color="red">{messages.error.message}</Alert>;
  const items = messages.data.pages.flatMap((p) => p.items);

  return (
    <Card withBorder component="section" aria-labelledby="messages-title">
      <Title order={2} size="h4" id="messages-title" mb="xs">
        Messages sent
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No message about this session yet. Learners and instructors are written to when they are enrolled,
          waitlisted, offered a seat, or when the session changes.
        </Text>
      ) : (
        <Stack>
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Text size="sm">{formatDateTime(m.sentAt ?? m.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.recipientName ?? m.recipient}</Text>
                      {m.recipientName && (
                        <Text size="xs" c="dimmed">
                          {m.recipient}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.subject}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{m.event}</Text>
                    </Table.Td>
                    <Table.Td>
                      <EnrollmentBadge status={m.status} />
                      {m.lastError && (
                        <Text size="xs" c="var(--mantine-color-error)">
                          {m.lastError}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {messages.hasNextPage && (
            <Button
              variant="default"
              onClick={() => messages.fetchNextPage()}
              loading={messages.isFetchingNextPage}
            >
              Show older messages
            </Button>
          )}
        </Stack>
      )}
    </Card>
  );
}
