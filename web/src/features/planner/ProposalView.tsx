import { Alert, List, Stack, Table, Text, Title } from "@mantine/core";
import { AnchorLink } from "../../components/links";
import { StatusBadge } from "../../components/StatusBadge";
import type { ApplyItem, PlanResult } from "./types";

const itemStatus = (status: string) => (status === "placed" ? "planned" : "cancelled");

/** The proposal: each item's days, instructors and rooms, or why it could not be placed. */
export function ProposalView({ result, applied }: { result: PlanResult; applied: ApplyItem[] | null }) {
  const report = new Map((applied ?? []).map((entry) => [entry.key, entry]));
  return (
    <Stack gap="md">
      <section aria-labelledby="proposal-title">
        <Title order={2} size="h4" id="proposal-title" mb="xs">
          Proposal: {result.placed} placed, {result.unplaced} not placed
        </Title>
        <Table striped withTableBorder data-testid="proposal">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Course</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Days, instructors and rooms</Table.Th>
              {applied && <Table.Th>Applied</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.items.map((item) => {
              const entry = report.get(item.key);
              return (
                <Table.Tr key={item.key} data-testid={`plan-item-${item.key}`}>
                  <Table.Td>{item.key}</Table.Td>
                  <Table.Td>{item.courseTitle}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={itemStatus(item.status)} />
                    <Text size="xs">{item.status}</Text>
                  </Table.Td>
                  <Table.Td>
                    {item.status === "placed" ? (
                      <List size="sm" listStyleType="none">
                        {item.segments.map((s) => (
                          <List.Item key={s.date}>
                            {s.date} {s.start}–{s.end} · {s.instructorName ?? "no instructor"} ·{" "}
                            {s.roomName ?? "virtual"}
                          </List.Item>
                        ))}
                        {item.equipment.map((line) => (
                          <List.Item key={line.equipmentId} data-testid="plan-equipment">
                            {line.quantity} × {line.name}
                            {line.segments ? ` (day ${line.segments.map((p) => p + 1).join(", ")})` : ""}
                          </List.Item>
                        ))}
                      </List>
                    ) : (
                      <Alert color="orange" p="xs" title="Could not be placed">
                        <List size="sm">
                          {item.explanation.map((e) => (
                            // A constraint can appear twice (the plan's own limit and a day blocked alone).
                            <List.Item key={`${e.constraint}|${e.message}`}>
                              <strong>{e.constraint}</strong>: {e.message}
                            </List.Item>
                          ))}
                        </List>
                      </Alert>
                    )}
                  </Table.Td>
                  {applied && (
                    <Table.Td>
                      {entry ? (
                        <Stack gap={2}>
                          <Text size="sm">{entry.status.replace("_", " ")}</Text>
                          {entry.sessionId && entry.status !== "skipped" && (
                            <AnchorLink
                              to="/sessions/$sessionId"
                              params={{ sessionId: entry.sessionId }}
                              size="sm"
                            >
                              Open session
                            </AnchorLink>
                          )}
                          {entry.conflicts.map((c) => (
                            <Text key={`${c.type}-${c.resource.id}-${c.segment}`} size="xs" c="red">
                              {c.message}
                            </Text>
                          ))}
                          {entry.status === "error" && entry.message && (
                            <Text size="xs" c="red">
                              {entry.message}
                            </Text>
                          )}
                        </Stack>
                      ) : (
                        "–"
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </section>
      <section aria-labelledby="score-title">
        <Title order={2} size="h4" id="score-title" mb="xs">
          Score: {result.score.hard} hard, {Math.round(result.score.soft)} soft
        </Title>
        <Table withTableBorder data-testid="score">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Constraint</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Count</Table.Th>
              <Table.Th>Weight</Table.Th>
              <Table.Th>Cost</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.score.constraints.map((c) => (
              <Table.Tr key={c.constraint}>
                <Table.Td>{c.constraint.replaceAll("_", " ")}</Table.Td>
                <Table.Td>{c.kind}</Table.Td>
                <Table.Td>{c.count}</Table.Td>
                <Table.Td>{c.weight}</Table.Td>
                <Table.Td>{c.cost}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt={4}>
          {result.stats.iterations.toLocaleString()} moves in {(result.stats.elapsedMs / 1000).toFixed(1)} s
          (stopped by {result.stats.stoppedBy}); instructor cost is the day rate in currency units plus a load
          penalty and travel from the instructor's home; consecutive days counts lone days of multi-day runs.
        </Text>
      </section>
    </Stack>
  );
}
