import { ActionIcon, Alert, Button, Card, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api } from "../../api/client";
import type { TimeOff } from "../../api/types";
import { formatDay } from "../../components/time";

/** Whole days off (first and last day inclusive), upcoming first. */
export function TimeOffEditor({ instructorId, editable }: { instructorId: string; editable: boolean }) {
  const queryClient = useQueryClient();
  const key = ["instructors", instructorId, "time-off"];
  const [from] = useState(() => new Date(Date.now() - 86_400_000).toISOString());
  const timeOff = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ items: TimeOff[] }>(`/instructors/${instructorId}/time-off`, { from }),
  });
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [reason, setReason] = useState("");
  const add = useMutation({
    mutationFn: () =>
      api.post(`/instructors/${instructorId}/time-off`, { start, end: end || start, reason: reason || null }),
    onSuccess: async () => {
      setStart("");
      setEnd("");
      setReason("");
      notifications.show({ color: "teal", message: "Time off added" });
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/instructors/${instructorId}/time-off/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const error = add.error instanceof ApiError ? add.error : null;

  return (
    <Card withBorder component="section" aria-labelledby="time-off-title">
      <Title order={2} size="h4" id="time-off-title" mb="xs">
        Time off
      </Title>
      {(timeOff.data?.items.length ?? 0) === 0 ? (
        <Text size="sm" c="dimmed">
          None planned.
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {timeOff.data?.items.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  {t.allDay ? `${t.start} – ${t.end}` : `${formatDay(t.startsAt)} – ${formatDay(t.endsAt)}`}
                </Table.Td>
                <Table.Td>{t.reason}</Table.Td>
                {editable && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove time off from ${t.start}`}
                      onClick={() => remove.mutate(t.id)}
                    >
                      ✕
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editable && (
        <Stack gap="xs" mt="sm">
          <Group gap="xs" align="flex-start">
            <TextInput
              type="date"
              label="First day"
              value={start}
              onChange={(e) => setStart(e.currentTarget.value)}
              error={error?.fieldError("start")}
            />
            <TextInput
              type="date"
              label="Last day"
              value={end}
              onChange={(e) => setEnd(e.currentTarget.value)}
              error={error?.fieldError("end")}
            />
            <TextInput
              label="Reason"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={error?.fieldError("reason")}
            />
          </Group>
          {error && error.errors.length === 0 && <Alert color="red">{error.message}</Alert>}
          <Group>
            <Button size="compact-sm" disabled={!start} loading={add.isPending} onClick={() => add.mutate()}>
              Add time off
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
