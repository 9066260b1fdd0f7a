import { Card, Group, Progress, Text } from "@mantine/core";
import type { SessionEnrollments } from "./api";

/** Seats taken against the maximum, with the minimum the session needs to run. */
export function SeatsSummary({ roster }: { roster: SessionEnrollments }) {
  const taken = roster.enrolled + roster.offered;
  const percent = roster.maxSeats > 0 ? Math.min(100, (taken / roster.maxSeats) * 100) : 0;
  const short = Math.max(0, roster.minSeats - taken);
  return (
    <Card withBorder padding="md" data-testid="seats-summary">
      <Group justify="space-between" wrap="wrap" mb={6}>
        <Text fw={700}>
          {taken} of {roster.maxSeats} seats taken
        </Text>
        <Text size="sm" c={short > 0 ? "var(--mantine-color-error)" : "dimmed"}>
          Minimum {roster.minSeats}
          {short > 0 ? ` · ${short} more needed to run` : " · reached"}
        </Text>
      </Group>
      <Progress
        value={percent}
        color={short > 0 ? "orange" : "teal"}
        aria-label={`${taken} of ${roster.maxSeats} seats taken`}
      />
      <Text size="sm" c="dimmed" mt={6}>
        {roster.enrolled} enrolled · {roster.offered} offered · {roster.waitlisted} on the waitlist ·{" "}
        {roster.pendingApproval} waiting for approval
      </Text>
    </Card>
  );
}
