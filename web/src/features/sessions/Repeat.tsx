import {
  Alert,
  Badge,
  Card,
  Group,
  List,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, errorMessage } from "../../api/client";
import type { Conflict } from "../../api/types";
import { daysBetween } from "../../components/time";
import type { SessionPayload } from "./draft";

export interface RepeatSettings {
  enabled: boolean;
  frequency: "WEEKLY" | "DAILY" | "MONTHLY";
  count: number;
}

export const noRepeat: RepeatSettings = { enabled: false, frequency: "WEEKLY", count: 4 };

/** The series body for POST /sessions/series: the draft's days become each occurrence's pattern. */
export function seriesBody(payload: SessionPayload, repeat: RepeatSettings, dryRun: boolean) {
  const first = payload.segments[0]!.start.slice(0, 10);
  const { segments, ...rest } = payload;
  return {
    ...rest,
    rrule: `FREQ=${repeat.frequency};COUNT=${repeat.count}`,
    start: first,
    pattern: segments.map((s) => ({
      dayOffset: daysBetween(new Date(`${first}T12:00:00`), new Date(`${s.start.slice(0, 10)}T12:00:00`)),
      startTime: s.start.slice(11),
      endTime: s.end.slice(11),
      roomId: s.roomId,
    })),
    dryRun,
  };
}

export interface SeriesCheck {
  occurrences: { date: string; conflicts: Conflict[] }[];
}

/** Dry-runs every occurrence of the series as the draft changes. */
export function useSeriesCheck(payload: SessionPayload | null, repeat: RepeatSettings) {
  const body = payload && repeat.enabled ? JSON.stringify(seriesBody(payload, repeat, true)) : null;
  const [debounced] = useDebouncedValue(body, 500);
  return useQuery({
    queryKey: ["series-check", debounced],
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: () => api.post<SeriesCheck>("/sessions/series", JSON.parse(debounced!)),
  });
}

export function RepeatCard({
  repeat,
  onChange,
  check,
}: {
  repeat: RepeatSettings;
  onChange(repeat: RepeatSettings): void;
  check: ReturnType<typeof useSeriesCheck>;
}) {
  const withConflicts = (check.data?.occurrences ?? []).filter((o) => o.conflicts.length > 0);
  return (
    <Card withBorder component="section" aria-labelledby="repeat-title">
      <Group justify="space-between" mb={repeat.enabled ? "sm" : 0}>
        <Title order={2} size="h4" id="repeat-title">
          Repeat
        </Title>
        <Switch
          label="Create a series"
          checked={repeat.enabled}
          onChange={(e) => onChange({ ...repeat, enabled: e.currentTarget.checked })}
        />
      </Group>
      {repeat.enabled && (
        <Stack gap="xs">
          <Group gap="xs" align="flex-start">
            <Select
              label="Every"
              data={[
                { value: "DAILY", label: "Day" },
                { value: "WEEKLY", label: "Week" },
                { value: "MONTHLY", label: "Month" },
              ]}
              value={repeat.frequency}
              allowDeselect={false}
              onChange={(value) =>
                onChange({ ...repeat, frequency: (value as RepeatSettings["frequency"]) ?? "WEEKLY" })
              }
              w={140}
            />
            <NumberInput
              label="Times"
              min={2}
              max={52}
              value={repeat.count}
              onChange={(value) => onChange({ ...repeat, count: typeof value === "number" ? value : 2 })}
              w={110}
            />
          </Group>
          <Text size="xs" c="dimmed">
            Each occurrence gets the days above, shifted; all are checked, and all or none are created.
          </Text>
          {check.error && <Alert color="red">{errorMessage(check.error)}</Alert>}
          {check.data &&
            (withConflicts.length === 0 ? (
              <Text size="sm" data-testid="series-check">
                All {check.data.occurrences.length} dates are free.
              </Text>
            ) : (
              <List size="sm" spacing={4} listStyleType="none" pl={0} data-testid="series-check">
                {withConflicts.map((o) => (
                  <List.Item key={o.date}>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Badge
                        color="red"
                        variant="dot"
                        tt="none"
                        style={{ flexShrink: 0, minWidth: "fit-content" }}
                      >
                        {o.date}
                      </Badge>
                      <Text size="sm">{o.conflicts.map((c) => c.message).join(" ")}</Text>
                    </Group>
                  </List.Item>
                ))}
              </List>
            ))}
        </Stack>
      )}
    </Card>
  );
}
