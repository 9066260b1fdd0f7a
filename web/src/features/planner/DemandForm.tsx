import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Text, TextInput } from "@mantine/core";
import type { ApiError } from "../../api/client";
import { useCourses, useLocations } from "../../api/reference";
import { type DemandLine, emptyLine } from "./types";

const VIRTUAL = "virtual";
const DAILY_HOURS = [
  { field: "startTime", label: "Starts" },
  { field: "endTime", label: "Ends" },
] as const;

/**
 * The demand lines: course × runs × window × location (or virtual), daily hours and seats, with
 * errors by field path.
 */
export function DemandForm({
  lines,
  onChange,
  error,
}: {
  lines: DemandLine[];
  onChange: (lines: DemandLine[]) => void;
  error: ApiError | null;
}) {
  const courses = useCourses();
  const locations = useLocations();
  const courseOptions = (courses.data ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.title}` }));
  const locationOptions = [
    { value: VIRTUAL, label: "Virtual (no room)" },
    ...(locations.data ?? []).map((l) => ({ value: l.id, label: l.name })),
  ];
  const set = (index: number, change: Partial<DemandLine>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...change } : line)));
  const fieldError = (index: number, path: string) => error?.fieldError(`demand.${index}.${path}`);

  return (
    <Stack gap="sm">
      {lines.map((line, index) => (
        <Card
          withBorder
          key={line.key}
          padding="sm"
          component="fieldset"
          aria-label={`Demand line ${index + 1}`}
        >
          <Group align="flex-start" wrap="wrap" gap="sm">
            <Select
              label="Course"
              searchable
              data={courseOptions}
              value={line.courseId}
              onChange={(courseId) => set(index, { courseId })}
              error={fieldError(index, "courseId")}
              w={260}
            />
            <NumberInput
              label="Runs"
              min={1}
              max={50}
              value={line.runs}
              onChange={(runs) => set(index, { runs: Number(runs) || 1 })}
              error={fieldError(index, "runs")}
              w={90}
            />
            <Select
              label="Location"
              data={locationOptions}
              value={line.locationId ?? VIRTUAL}
              allowDeselect={false}
              onChange={(value) => set(index, { locationId: value === VIRTUAL ? null : value })}
              error={fieldError(index, "locationId")}
              w={220}
            />
            <TextInput
              type="date"
              label="From"
              value={line.from}
              onChange={(event) => set(index, { from: event.currentTarget.value })}
              error={fieldError(index, "window.from")}
            />
            <TextInput
              type="date"
              label="To"
              value={line.to}
              onChange={(event) => set(index, { to: event.currentTarget.value })}
              error={fieldError(index, "window.to")}
            />
            {DAILY_HOURS.map(({ field, label }) => (
              <TextInput
                key={field}
                type="time"
                label={label}
                description="Course's if empty"
                value={line[field]}
                onChange={(event) => set(index, { [field]: event.currentTarget.value })}
                error={fieldError(index, field)}
                w={130}
              />
            ))}
            <NumberInput
              label="Seats"
              description="Course default if empty"
              min={1}
              value={line.maxSeats}
              onChange={(value) => set(index, { maxSeats: value === "" ? "" : Number(value) })}
              error={fieldError(index, "maxSeats")}
              w={130}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={26}
              aria-label={`Remove demand line ${index + 1}`}
              onClick={() => onChange(lines.filter((_, i) => i !== index))}
            >
              ✕
            </ActionIcon>
          </Group>
        </Card>
      ))}
      {lines.length === 0 && (
        <Text c="dimmed">No demand lines: plan draft sessions only, or add a line.</Text>
      )}
      <Group>
        <Button variant="light" onClick={() => onChange([...lines, emptyLine()])}>
          Add demand line
        </Button>
      </Group>
    </Stack>
  );
}
