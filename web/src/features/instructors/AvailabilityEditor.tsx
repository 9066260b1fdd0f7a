import { ActionIcon, Alert, Button, Card, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ApiError, api } from "../../api/client";

interface Rule {
  weekday: number;
  startTime: string;
  endTime: string;
  validFrom: string | null;
  validUntil: string | null;
}

const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Weekly windows in the instructor's zone; saved as one list (PUT replaces the rules). */
export function AvailabilityEditor({ instructorId, editable }: { instructorId: string; editable: boolean }) {
  const queryClient = useQueryClient();
  const key = ["instructors", instructorId, "availability"];
  const availability = useQuery({
    queryKey: key,
    queryFn: () =>
      api.get<{ timeZone: string; rules: Rule[] }>(`/instructors/${instructorId}/availability-rules`),
  });
  const [rules, setRules] = useState<Rule[]>([]);
  useEffect(() => setRules(availability.data?.rules ?? []), [availability.data]);
  const save = useMutation({
    mutationFn: () => api.put(`/instructors/${instructorId}/availability-rules`, { rules }),
    onSuccess: async () => {
      notifications.show({ color: "teal", message: "Availability saved" });
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const update = (index: number, patch: Partial<Rule>) =>
    setRules(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  return (
    <Card withBorder component="section" aria-labelledby="availability-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="availability-title">
          Weekly availability
        </Title>
        <Text size="xs" c="dimmed">
          {availability.data?.timeZone}
        </Text>
      </Group>
      <Stack gap="xs">
        {rules.length === 0 && (
          <Text size="sm" c="dimmed">
            No rules: available at any time.
          </Text>
        )}
        {rules.map((rule, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: position in a list that has no ids of its own
          <Group key={`${index}-${rule.weekday}`} gap="xs" align="flex-start">
            <Select
              label="Day"
              data={weekdays.map((label, i) => ({ value: String(i + 1), label }))}
              value={String(rule.weekday)}
              allowDeselect={false}
              disabled={!editable}
              onChange={(value) => update(index, { weekday: Number(value) })}
              w={140}
            />
            <TextInput
              type="time"
              label="From"
              value={rule.startTime}
              disabled={!editable}
              onChange={(e) => update(index, { startTime: e.currentTarget.value })}
              error={error?.fieldError(`rules.${index}.startTime`)}
              w={110}
            />
            <TextInput
              type="time"
              label="To"
              value={rule.endTime}
              disabled={!editable}
              onChange={(e) => update(index, { endTime: e.currentTarget.value })}
              error={error?.fieldError(`rules.${index}.endTime`) ?? error?.fieldError(`rules.${index}`)}
              w={110}
            />
            {editable && (
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                aria-label={`Remove ${weekdays[rule.weekday - 1]} ${rule.startTime}`}
                onClick={() => setRules(rules.filter((_, i) => i !== index))}
              >
                ✕
              </ActionIcon>
            )}
          </Group>
        ))}
        {error && error.errors.length === 0 && <Alert color="red">{error.message}</Alert>}
        {editable && (
          <Group>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() =>
                setRules([
                  ...rules,
                  { weekday: 1, startTime: "09:00", endTime: "17:00", validFrom: null, validUntil: null },
                ])
              }
            >
              Add a window
            </Button>
            <Button size="compact-sm" loading={save.isPending} onClick={() => save.mutate()}>
              Save availability
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
