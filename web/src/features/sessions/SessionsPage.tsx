import { Button, Group, Select, Table, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import { nameIndex, useInstructors } from "../../api/reference";
import type { Page, Session } from "../../api/types";
import { AnchorLink, ButtonLink } from "../../components/links";
import { PageHeader } from "../../components/PageHeader";
import { StatusBadge } from "../../components/StatusBadge";
import { addDays, formatRange, startOfDay } from "../../components/time";
import { canWrite, useMe } from "../auth/session";

const statuses = ["draft", "planned", "confirmed", "in_progress", "completed", "cancelled", "postponed"];

export function SessionsPage() {
  const me = useMe();
  const [status, setStatus] = useState<string | null>(null);
  const [from] = useState(() => addDays(startOfDay(new Date()), -7).toISOString());
  const instructors = useInstructors();
  const names = nameIndex(instructors.data, (i) => i.name);
  const sessions = useInfiniteQuery({
    queryKey: ["sessions", "list", status, from],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api.get<Page<Session>>("/sessions", {
        from,
        status: status ?? undefined,
        limit: 50,
        cursor: pageParam,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = sessions.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title="Sessions"
        description="From last week on"
        actions={
          canWrite(me.data) && (
            <ButtonLink to="/sessions/new" search={{ date: undefined }}>
              New session
            </ButtonLink>
          )
        }
      />
      <Group mb="sm">
        <Select
          label="Status"
          placeholder="Any"
          clearable
          data={statuses.map((s) => ({ value: s, label: s.replace("_", " ") }))}
          value={status}
          onChange={setStatus}
          w={200}
        />
      </Group>
      <Table.ScrollContainer minWidth={700}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Session</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>Instructors</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <AnchorLink to="/sessions/$sessionId" params={{ sessionId: s.id }}>
                    {s.title}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{formatRange(s.startsAt, s.endsAt, s.timeZone)}</Table.Td>
                <Table.Td>
                  {s.instructors.length === 0 ? (
                    <Text c="red.9" size="sm">
                      unstaffed
                    </Text>
                  ) : (
                    s.instructors.map((a) => names.get(a.instructorId) ?? "…").join(", ")
                  )}
                </Table.Td>
                <Table.Td w={1} style={{ whiteSpace: "nowrap" }}>
                  <StatusBadge status={s.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && !sessions.isPending && (
        <Text c="dimmed" mt="md">
          No sessions yet. {canWrite(me.data) && "Schedule the first one with “New session”."}
        </Text>
      )}
      {sessions.hasNextPage && (
        <Button
          variant="default"
          mt="md"
          loading={sessions.isFetchingNextPage}
          onClick={() => sessions.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </>
  );
}
