import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMemo } from "react";
import {
  useCourses,
  useEquipment,
  useInstructors,
  useLocations,
  usePlatforms,
  useRooms,
} from "../../api/reference";
import { type Draft, type Format, type InstructorRole, segmentsForCourse } from "./draft";

interface Props {
  draft: Draft;
  onChange(draft: Draft): void;
  fieldError(path: string): string | undefined;
  isNew: boolean;
}

const zones = Intl.supportedValuesOf("timeZone");

/** The session's fields; every API error is shown next to the field its path names. */
export function SessionForm({ draft, onChange, fieldError, isNew }: Props) {
  const courses = useCourses();
  const instructors = useInstructors();
  const rooms = useRooms();
  const locations = useLocations();
  const equipment = useEquipment();
  const platforms = usePlatforms();
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });

  const courseOptions = useMemo(
    () => (courses.data ?? []).map((c) => ({ value: c.id, label: `${c.code} · ${c.title}` })),
    [courses.data],
  );
  const roomOptions = useMemo(
    () =>
      (rooms.data ?? [])
        .filter((r) => !draft.locationId || r.locationId === draft.locationId)
        .map((r) => ({ value: r.id, label: `${r.name} (${r.capacity})` })),
    [rooms.data, draft.locationId],
  );
  const instructorOptions = useMemo(
    () => (instructors.data ?? []).map((i) => ({ value: i.id, label: i.name })),
    [instructors.data],
  );

  const chooseCourse = (courseId: string | null) => {
    const course = courses.data?.find((c) => c.id === courseId);
    if (!course) return set({ courseId });
    const firstDate = draft.segments[0]?.start.slice(0, 10) ?? new Date().toISOString().slice(0, 10);
    set({
      courseId,
      format: course.formats.includes(draft.format) ? draft.format : (course.formats[0] ?? "ilt"),
      maxSeats: course.maxSeats,
      // A new session takes the course's days and hours; an existing one keeps its dates.
      ...(isNew && { segments: segmentsForCourse(course, firstDate, draft.segments[0]?.roomId ?? null) }),
    });
  };
  const chooseLocation = (locationId: string | null) => {
    const location = locations.data?.find((l) => l.id === locationId);
    set({
      locationId,
      ...(location && { timeZone: location.timeZone }),
      segments: draft.segments.map((s) => ({
        ...s,
        roomId: rooms.data?.find((r) => r.id === s.roomId)?.locationId === locationId ? s.roomId : null,
      })),
    });
  };
  const setSegment = (index: number, patch: Partial<Draft["segments"][number]>) =>
    set({ segments: draft.segments.map((s, i) => (i === index ? { ...s, ...patch } : s)) });

  return (
    <Stack gap="md">
      <Card withBorder component="section" aria-labelledby="what-title">
        <Title order={2} size="h4" id="what-title" mb="sm">
          What
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Course"
            required
            searchable
            data={courseOptions}
            value={draft.courseId}
            onChange={chooseCourse}
            error={fieldError("courseId")}
            nothingFoundMessage="No course matches"
          />
          <TextInput
            label="Title"
            description="Leave empty to use the course title"
            value={draft.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            error={fieldError("title")}
          />
          <div>
            <Text size="sm" fw={500} id="format-label" mb={4}>
              Format
            </Text>
            <SegmentedControl
              aria-labelledby="format-label"
              value={draft.format}
              onChange={(value) => set({ format: value as Format })}
              data={[
                { value: "ilt", label: "In person" },
                { value: "vilt", label: "Virtual" },
                { value: "hybrid", label: "Hybrid" },
              ]}
            />
            {fieldError("format") && (
              <Text c="red.9" size="xs" role="alert">
                {fieldError("format")}
              </Text>
            )}
          </div>
          <NumberInput
            label="Max seats"
            min={1}
            value={draft.maxSeats ?? ""}
            onChange={(value) => set({ maxSeats: typeof value === "number" ? value : null })}
            error={fieldError("maxSeats")}
          />
          {isNew && (
            <Select
              label="Status"
              data={[
                { value: "draft", label: "Draft" },
                { value: "planned", label: "Planned" },
              ]}
              value={draft.status}
              onChange={(value) => set({ status: (value as "draft" | "planned") ?? "draft" })}
              allowDeselect={false}
            />
          )}
        </SimpleGrid>
      </Card>

      <Card withBorder component="section" aria-labelledby="where-title">
        <Title order={2} size="h4" id="where-title" mb="sm">
          Where
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Location"
            searchable
            clearable
            data={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
            value={draft.locationId}
            onChange={chooseLocation}
            error={fieldError("locationId")}
          />
          <Select
            label="Time zone"
            description="Segment times are wall-clock in this zone"
            searchable
            data={zones}
            value={draft.timeZone}
            onChange={(value) => value && set({ timeZone: value })}
            allowDeselect={false}
            error={fieldError("timeZone")}
          />
          {draft.format !== "ilt" && (
            <Select
              label="Virtual platform"
              description="None chosen: a Jitsi meeting"
              clearable
              data={(platforms.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={draft.virtualPlatformId}
              onChange={(value) => set({ virtualPlatformId: value })}
              error={fieldError("virtualPlatformId")}
            />
          )}
        </SimpleGrid>
      </Card>

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

      <Card withBorder component="section" aria-labelledby="who-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="who-title">
            Instructors
          </Title>
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() =>
              set({
                instructors: [
                  ...draft.instructors,
                  { instructorId: null, role: draft.instructors.length ? "co" : "lead", segments: null },
                ],
              })
            }
          >
            Add an instructor
          </Button>
        </Group>
        <Stack gap="xs">
          {draft.instructors.length === 0 && (
            <Text size="sm" c="dimmed">
              Nobody yet: the session is unstaffed.
            </Text>
          )}
          {draft.instructors.map((assignment, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: position in a list that has no ids of its own
            <Group key={`a-${index}-${assignment.instructorId}`} gap="xs" align="flex-start">
              <Select
                label={`Instructor ${index + 1}`}
                searchable
                data={instructorOptions}
                value={assignment.instructorId}
                onChange={(value) =>
                  set({
                    instructors: draft.instructors.map((a, i) =>
                      i === index ? { ...a, instructorId: value } : a,
                    ),
                  })
                }
                error={fieldError(`instructors.${index}.instructorId`) ?? fieldError(`instructors.${index}`)}
                w={240}
              />
              <Select
                label="Role"
                data={[
                  { value: "lead", label: "Lead" },
                  { value: "co", label: "Co-trainer" },
                  { value: "assistant", label: "Assistant" },
                ]}
                value={assignment.role}
                allowDeselect={false}
                onChange={(value) =>
                  set({
                    instructors: draft.instructors.map((a, i) =>
                      i === index ? { ...a, role: (value as InstructorRole) ?? "lead" } : a,
                    ),
                  })
                }
                w={140}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                aria-label={`Remove instructor ${index + 1}`}
                onClick={() => set({ instructors: draft.instructors.filter((_, i) => i !== index) })}
              >
                ✕
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="equipment-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="equipment-title">
            Equipment
          </Title>
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() =>
              set({ equipment: [...draft.equipment, { equipmentId: null, quantity: 1, segments: null }] })
            }
          >
            Add equipment
          </Button>
        </Group>
        <Stack gap="xs">
          {draft.equipment.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: position in a list that has no ids of its own
            <Group key={`e-${index}-${line.equipmentId}`} gap="xs" align="flex-start">
              <Select
                label={`Equipment ${index + 1}`}
                searchable
                data={(equipment.data ?? []).map((e) => ({
                  value: e.id,
                  label: `${e.name} (${e.quantity})`,
                }))}
                value={line.equipmentId}
                onChange={(value) =>
                  set({
                    equipment: draft.equipment.map((e, i) =>
                      i === index ? { ...e, equipmentId: value } : e,
                    ),
                  })
                }
                error={fieldError(`equipment.${index}.equipmentId`)}
                w={240}
              />
              <NumberInput
                label="Quantity"
                min={1}
                value={line.quantity}
                onChange={(value) =>
                  set({
                    equipment: draft.equipment.map((e, i) =>
                      i === index ? { ...e, quantity: typeof value === "number" ? value : 1 } : e,
                    ),
                  })
                }
                error={fieldError(`equipment.${index}.quantity`)}
                w={110}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                aria-label={`Remove equipment ${index + 1}`}
                onClick={() => set({ equipment: draft.equipment.filter((_, i) => i !== index) })}
              >
                ✕
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      </Card>

      <Textarea
        label="Notes"
        autosize
        minRows={2}
        value={draft.notes}
        onChange={(e) => set({ notes: e.currentTarget.value })}
        error={fieldError("notes")}
      />
    </Stack>
  );
}
