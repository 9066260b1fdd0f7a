import { ActionIcon, Button, Card, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMemo } from "react";
import { useRooms } from "../../api/reference";
import type { Draft } from "./draft";
import type { CardProps } from "./formCard";

/** The session's days: date, times and room of each. */
export function WhenCard({ draft, set, fieldError }: CardProps) {
  const rooms = useRooms();
  const roomOptions = useMemo(
    () =>
      (rooms.data ?? [])
        .filter((r) => !draft.locationId || r.locationId === draft.locationId)
        .map((r) => ({ value: r.id, label: `${r.name} (${r.capacity})` })),
    [rooms.data, draft.locationId],
  );
  const setSegment = (index: number, patch: Partial<Draft["segments"][number]>) =>
    set({ segments: draft.segments.map((s, i) => (i === index ? { ...s, ...patch } : s)) });

  return (
    <Card withBorder component="section" aria-labelledby="when-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="when-title">
          When
        </Title>
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => {
            const last = draft.segments[draft.segments.length - 1];
            const day = last ? last.start.slice(0, 10) : new Date().toISOString().slice(0, 10);
            const next = new Date(`${day}T12:00:00Z`);
            next.setUTCDate(next.getUTCDate() + 1);
            const date = next.toISOString().slice(0, 10);
            set({
              segments: [
                ...draft.segments,
                {
                  start: `${date}T${last?.start.slice(11) ?? "09:00"}`,
                  end: `${date}T${last?.end.slice(11) ?? "17:00"}`,
                  roomId: last?.roomId ?? null,
                },
              ],
            });
          }}
        >
          Add a day
        </Button>
      </Group>
      <Stack gap="xs">
        {draft.segments.map((segment, index) => {
          const date = segment.start.slice(0, 10);
          const label = `Day ${index + 1}`;
          return (
            <Group
              key={segment.id ?? `new-${index}`}
              gap="xs"
              align="flex-start"
              wrap="wrap"
              data-testid={`segment-${index}`}
            >
              <TextInput
                type="date"
                label={`${label} date`}
                value={date}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setSegment(index, {
                    start: `${value}T${segment.start.slice(11)}`,
                    end: `${value}T${segment.end.slice(11)}`,
                  });
                }}
                error={fieldError(`segments.${index}.start`)}
                w={165}
              />
              <TextInput
                type="time"
                label="From"
                value={segment.start.slice(11)}
                onChange={(e) => setSegment(index, { start: `${date}T${e.currentTarget.value}` })}
                w={130}
              />
              <TextInput
                type="time"
                label="To"
                value={segment.end.slice(11)}
                onChange={(e) =>
                  setSegment(index, { end: `${segment.end.slice(0, 10)}T${e.currentTarget.value}` })
                }
                error={fieldError(`segments.${index}.end`)}
                w={130}
              />
              {draft.format !== "vilt" && (
                <Select
                  label={`${label} room`}
                  searchable
                  clearable
                  data={roomOptions}
                  value={segment.roomId}
                  onChange={(value) => setSegment(index, { roomId: value })}
                  error={fieldError(`segments.${index}.roomId`)}
                  w={220}
                />
              )}
              {draft.segments.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  aria-label={`Remove ${label.toLowerCase()}`}
                  onClick={() => set({ segments: draft.segments.filter((_, i) => i !== index) })}
                >
                  ✕
                </ActionIcon>
              )}
            </Group>
          );
        })}
        {fieldError("segments") && !draft.segments.some((_, i) => fieldError(`segments.${i}`)) && (
          <Text c="red.9" size="xs" role="alert">
            {fieldError("segments")}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
