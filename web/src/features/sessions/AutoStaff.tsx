import { Alert, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { ApiError, api } from "../../api/client";
import type { AutoStaffResult } from "../planner/types";
import { type Draft, withLead } from "./draft";

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: "currency", currency }).format(minor / 100);

/** "€600.00/day, €100.00/hour", or "no rate". */
const rates = (c: { dayRateMinor: number | null; hourRateMinor: number | null; currency: string }) =>
  [
    ...(c.dayRateMinor === null ? [] : [`${money(c.dayRateMinor, c.currency)}/day`]),
    ...(c.hourRateMinor === null ? [] : [`${money(c.hourRateMinor, c.currency)}/hour`]),
  ].join(", ") || "no rate";

/**
 * Ranks the qualified instructors free for the saved session by the planner's cost (pay by the
 * hour or the day, at most a day rate a day; load that month; journey from home) and puts the chosen one in the form as lead; saving goes
 * through the normal update and its conflict check.
 */
export function AutoStaff({
  sessionId,
  draft,
  set,
}: {
  sessionId: string;
  draft: Draft;
  set(patch: Partial<Draft>): void;
}) {
  const ranking = useMutation({
    mutationFn: () => api.post<AutoStaffResult>(`/sessions/${sessionId}/auto-staff`, { role: "lead" }),
  });
  const result = ranking.data;
  return (
    <Stack gap="xs" data-testid="auto-staff">
      <Group gap="xs">
        <Button
          size="compact-sm"
          variant="light"
          loading={ranking.isPending}
          onClick={() => ranking.mutate()}
        >
          Suggest a lead by cost
        </Button>
        <Text size="xs" c="dimmed">
          For the session as saved: qualified, free, cheapest first.
        </Text>
      </Group>
      {ranking.error && (
        <Alert color="red" title="No ranking">
          {ranking.error instanceof ApiError ? ranking.error.message : String(ranking.error)}
        </Alert>
      )}
      {result && result.candidates.length === 0 && (
        <Text size="sm">Nobody qualified is free for this session.</Text>
      )}
      {result && result.candidates.length > 0 && (
        <Table striped withTableBorder aria-label="Instructors by cost">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Instructor</Table.Th>
              <Table.Th>Rate</Table.Th>
              <Table.Th>Days that month</Table.Th>
              <Table.Th>Travel</Table.Th>
              <Table.Th>Planner cost</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.candidates.slice(0, 5).map((c) => {
              const isLead = draft.instructors.some(
                (a) => a.role === "lead" && a.instructorId === c.instructorId,
              );
              return (
                <Table.Tr key={c.instructorId}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{rates(c)}</Table.Td>
                  <Table.Td>{c.teachingDays}</Table.Td>
                  <Table.Td>{c.travelMinutes > 0 ? `${c.travelMinutes} min` : "local"}</Table.Td>
                  <Table.Td>{Math.round(c.cost)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      disabled={isLead}
                      onClick={() => set({ instructors: withLead(draft, c.instructorId).instructors })}
                      aria-label={`${isLead ? "Lead" : "Make lead"}: ${c.name}`}
                    >
                      {isLead ? "Lead" : "Make lead"}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {result && result.rejected.length > 0 && (
        <Text size="xs" c="dimmed">
          Not free:{" "}
          {result.rejected
            .slice(0, 6)
            .map((r) => `${r.name} (${r.constraints.join(", ").replaceAll("_", " ")})`)
            .join("; ")}
          {result.rejected.length > 6 && `; and ${result.rejected.length - 6} more`}
        </Text>
      )}
    </Stack>
  );
}
