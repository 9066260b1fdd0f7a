import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useEquipment, useInstructors } from "../../api/reference";
import { AutoStaff } from "./AutoStaff";
import type { InstructorRole } from "./draft";
import type { CardProps } from "./formCard";

/** Instructors and their roles. */
export function InstructorsCard({ draft, set, fieldError, sessionId }: CardProps) {
  const instructors = useInstructors();
  const instructorOptions = useMemo(
    () => (instructors.data ?? []).map((i) => ({ value: i.id, label: i.name })),
    [instructors.data],
  );

  return (
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
        {sessionId && <AutoStaff sessionId={sessionId} draft={draft} set={set} />}
      </Stack>
    </Card>
  );
}

/** Equipment lines and quantities. */
export function EquipmentCard({ draft, set, fieldError }: CardProps) {
  const equipment = useEquipment();

  return (
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
                  equipment: draft.equipment.map((e, i) => (i === index ? { ...e, equipmentId: value } : e)),
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
  );
}
