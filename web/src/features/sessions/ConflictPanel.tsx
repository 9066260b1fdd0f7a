import { Alert, Badge, Button, Card, Group, List, Loader, Stack, Text, Title } from "@mantine/core";
import type { Conflict, Suggestions } from "../../api/types";
import { formatRange } from "../../components/time";

export interface CheckResult {
  conflicts: Conflict[];
  suggestions: Suggestions | null;
}

interface Props {
  result: CheckResult | undefined;
  checking: boolean;
  incomplete: boolean;
  error: string | null;
  timeZone: string;
  names: Map<string, string>;
  onUseInstructor(from: string, to: string): void;
  onUseRoom(from: string, to: string): void;
  onUseSlot(slot: Suggestions["slots"][number]): void;
}

/** The live dry run: every conflict as a sentence, and one-click ways out that change the draft. */
export function ConflictPanel(props: Props) {
  const { result, checking } = props;
  const conflicts = result?.conflicts ?? [];
  const suggestions = result?.suggestions;
  const blocking = conflicts.filter((c) => c.severity === "blocking").length;
  return (
    <Card withBorder padding="md" aria-labelledby="conflict-panel-title" component="section">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="conflict-panel-title">
          Conflicts
        </Title>
        {checking && <Loader size="xs" aria-label="Checking" />}
      </Group>
      <div aria-live="polite" data-testid="conflict-panel">
        {props.incomplete ? (
          <Text size="sm" c="dimmed">
            Choose a course and the dates: the draft is checked as you type.
          </Text>
        ) : props.error ? (
          <Alert color="red" role="alert">
            {props.error}
          </Alert>
        ) : !result ? (
          <Text size="sm" c="dimmed">
            Checking…
          </Text>
        ) : conflicts.length === 0 ? (
          <Alert color="teal" title="No conflicts">
            Everyone and everything is free and fits.
          </Alert>
        ) : (
          <Stack gap="sm">
            <Text size="sm">
              {blocking > 0
                ? `${blocking} double booking${blocking > 1 ? "s" : ""} must be solved before saving.`
                : "Only warnings: they can be accepted with a reason."}
            </Text>
            <List spacing="xs" size="sm" listStyleType="none" ml={0} pl={0}>
              {conflicts.map((conflict, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: position in a list that has no ids of its own
                <List.Item key={`${conflict.type}-${conflict.resource.id}-${conflict.segment}-${index}`}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Badge
                      color={conflict.severity === "blocking" ? "red" : "orange"}
                      variant="dot"
                      tt="none"
                      maw="none"
                      style={{ flexShrink: 0, minWidth: "fit-content" }}
                      size="sm"
                    >
                      {conflict.severity}
                    </Badge>
                    <Text size="sm" data-testid="conflict-message">
                      {conflict.message}
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {suggestions && conflicts.length > 0 && (
          <Stack gap="xs" mt="md" data-testid="suggestions">
            <Title order={3} size="h5">
              Suggestions
            </Title>
            {suggestions.instructors.map((group) => (
              <div key={`i-${group.replaces}`}>
                <Text size="xs" c="dimmed">
                  Instead of {props.names.get(group.replaces) ?? "this instructor"}: free, qualified
                </Text>
                <Group gap={6} mt={4}>
                  {group.candidates.length === 0 && <Text size="xs">nobody is free</Text>}
                  {group.candidates.map((c) => (
                    <Button
                      key={c.instructorId}
                      size="compact-sm"
                      variant="light"
                      onClick={() => props.onUseInstructor(group.replaces, c.instructorId)}
                    >
                      Use {c.name}
                    </Button>
                  ))}
                </Group>
              </div>
            ))}
            {suggestions.rooms.map((group) => (
              <div key={`r-${group.replaces}`}>
                <Text size="xs" c="dimmed">
                  Instead of {props.names.get(group.replaces) ?? "this room"}: free rooms that fit
                </Text>
                <Group gap={6} mt={4}>
                  {group.candidates.length === 0 && <Text size="xs">no room is free</Text>}
                  {group.candidates.map((c) => (
                    <Button
                      key={c.roomId}
                      size="compact-sm"
                      variant="light"
                      onClick={() => props.onUseRoom(group.replaces, c.roomId)}
                    >
                      Use {c.name} ({c.capacity} seats)
                    </Button>
                  ))}
                </Group>
              </div>
            ))}
            {suggestions.slots.length > 0 && (
              <div>
                <Text size="xs" c="dimmed">
                  Nearest dates without any conflict
                </Text>
                <Group gap={6} mt={4}>
                  {suggestions.slots.map((slot) => (
                    <Button
                      key={slot.shiftDays}
                      size="compact-sm"
                      variant="light"
                      title={formatRange(
                        slot.segments[0]!.startsAt,
                        slot.segments[0]!.endsAt,
                        props.timeZone,
                      )}
                      onClick={() => props.onUseSlot(slot)}
                    >
                      Move to {formatRange(slot.segments[0]!.startsAt, slot.segments[0]!.endsAt)}
                    </Button>
                  ))}
                </Group>
              </div>
            )}
          </Stack>
        )}
      </div>
    </Card>
  );
}
