import { Button, Group, Progress, Text } from "@mantine/core";
import { StatusBadge } from "../../components/StatusBadge";
import type { Plan } from "./types";

/** Status, share of the move budget spent and the best score so far; cancel while it runs. */
export function PlanProgress({
  plan,
  onCancel,
  cancelling,
}: {
  plan: Plan;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const running = plan.status === "running" || plan.status === "queued";
  const percent = Math.round(plan.progress * 100);
  return (
    <div data-testid="plan-progress">
      <Group justify="space-between" mb={4}>
        <Group gap="xs">
          <Text fw={500}>Plan</Text>
          <StatusBadge status={plan.status} />
        </Group>
        <Text size="sm" c="dimmed" aria-live="polite">
          {percent}% · best: {plan.bestHard ?? "–"} hard,{" "}
          {plan.bestSoft === null ? "–" : Math.round(plan.bestSoft)} soft
        </Text>
      </Group>
      <Progress value={percent} aria-label="Planning progress" animated={running} />
      {running && (
        <Group mt="xs">
          <Button variant="default" size="xs" onClick={onCancel} loading={cancelling}>
            Stop and keep the best so far
          </Button>
        </Group>
      )}
      {plan.error && (
        <Text c="red" mt="xs" role="alert">
          {plan.error}
        </Text>
      )}
    </div>
  );
}
