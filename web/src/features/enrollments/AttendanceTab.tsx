import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api } from "../../api/client";
import type { Session } from "../../api/types";
import { formatDay, formatRange } from "../../components/time";
import { type AttendanceRecord, type Enrollment, useEnrollmentWrite, useSessionEnrollments } from "./api";
import { CheckInCard } from "./CheckInCard";

/** Whose attendance can be taken (the API refuses the others). */
const ATTENDING = new Set(["enrolled", "attended", "no_show"]);
const MARKS = ["present", "absent", "late", "excused"] as const;
type Mark = (typeof MARKS)[number];

interface Records {
  segmentId: string;
  records: { enrollmentId: string; status: Mark }[];
}

/**
 * Learners × days. A cell saves as soon as it changes; the bulk buttons mark every selected
 * learner for one day at once. A refusal is shown in the row of the learner it names.
 */
export function AttendanceTab({ session }: { session: Session }) {
  const roster = useSessionEnrollments(session.id);
  const attendance = useQuery({
    queryKey: ["attendance", session.id],
    queryFn: () => api.get<{ items: AttendanceRecord[] }>(`/sessions/${session.id}/attendance`),
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [day, setDay] = useState<string | null>(session.segments[0]?.id ?? null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const record = useEnrollmentWrite(session.id, (input: Records) =>
    api.post<{ recorded: number }>(`/sessions/${session.id}/attendance`, input),
  );
  const save = (input: Records) => {
    setGeneral(null);
    setRowErrors({});
    record.mutate(input, {
      onSuccess: (result) => {
        if (input.records.length > 1)
          notifications.show({ color: "teal", message: `${result.recorded} learners marked` });
      },
      onError: (error) => {
        // `records.N.enrollmentId` names the N-th learner of the request: show it in that row.
        const byRow: Record<string, string> = {};
        if (error instanceof ApiError)
          for (const problem of error.errors) {
            const index = Number(problem.path.match(/^records\.(\d+)/)?.[1]);
            const row = input.records[index];
            if (row) byRow[row.enrollmentId] = problem.message;
          }
        if (Object.keys(byRow).length > 0) setRowErrors(byRow);
        else setGeneral(error.message);
      },
    });
  };

  if (roster.isPending || attendance.isPending) return <Loader aria-label="Loading attendance" />;
  if (roster.error || attendance.error)
    return <Alert color="red">{(roster.error ?? attendance.error)?.message}</Alert>;
  const learners: Enrollment[] = roster.data.items.filter((i) => ATTENDING.has(i.status));
  const marks = new Map(attendance.data.items.map((a) => [`${a.enrollmentId}|${a.segmentId}`, a]));
  const segments = session.segments;
  const allSelected = learners.length > 0 && selected.length === learners.length;
  const dayLabel = (index: number) => `Day ${index + 1}`;

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <CheckInCard session={session} />
        <Card withBorder component="section" aria-labelledby="sheet-title">
          <Title order={2} size="h4" id="sheet-title" mb="xs">
            Attendance sheet
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            A printable PDF: one row per learner, a column per day, with what is recorded so far and boxes to
            sign.
          </Text>
          <Anchor href={`/api/v1/sessions/${session.id}/attendance-sheet`} download>
            Download the attendance sheet (PDF)
          </Anchor>
        </Card>
      </SimpleGrid>

      <Card withBorder component="section" aria-labelledby="grid-title">
        <Title order={2} size="h4" id="grid-title" mb="sm">
          Attendance
        </Title>
        {learners.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody holds a seat yet: attendance is taken for enrolled learners.
          </Text>
        ) : (
          <>
            <Group align="flex-end" gap="xs" mb="sm" wrap="wrap">
              <Select
                label="Day"
                data={segments.map((s, i) => ({
                  value: s.id,
                  label: `${dayLabel(i)} · ${formatDay(s.startsAt, session.timeZone)}`,
                }))}
                value={day}
                onChange={setDay}
                allowDeselect={false}
                w={220}
              />
              {(["present", "absent", "late"] as const).map((mark) => (
                <Button
                  key={mark}
                  variant="light"
                  disabled={selected.length === 0 || !day}
                  loading={record.isPending && record.variables?.records.length !== 1}
                  onClick={() =>
                    save({
                      segmentId: day!,
                      records: selected.map((enrollmentId) => ({ enrollmentId, status: mark })),
                    })
                  }
                >
                  Mark {selected.length || ""} {mark}
                </Button>
              ))}
            </Group>
            {general && (
              <Alert color="red" role="alert" mb="sm">
                {general}
              </Alert>
            )}
            <Table.ScrollContainer minWidth={420 + segments.length * 140}>
              <Table data-testid="attendance-grid">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label="Select every learner"
                        checked={allSelected}
                        indeterminate={selected.length > 0 && !allSelected}
                        onChange={() => setSelected(allSelected ? [] : learners.map((l) => l.id))}
                      />
                    </Table.Th>
                    <Table.Th>Learner</Table.Th>
                    {segments.map((s, i) => (
                      <Table.Th key={s.id}>
                        {dayLabel(i)}
                        <Text size="xs" c="dimmed" fw={400}>
                          {formatRange(s.startsAt, s.endsAt)}
                        </Text>
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {learners.map((learner) => {
                    const name = learner.learnerName ?? learner.learnerId;
                    return (
                      <Table.Tr key={learner.id}>
                        <Table.Td>
                          <Checkbox
                            aria-label={`Select ${name}`}
                            checked={selected.includes(learner.id)}
                            onChange={(e) =>
                              setSelected(
                                e.currentTarget.checked
                                  ? [...selected, learner.id]
                                  : selected.filter((id) => id !== learner.id),
                              )
                            }
                          />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{name}</Text>
                          {rowErrors[learner.id] && (
                            <Text size="xs" c="var(--mantine-color-error)" role="alert">
                              {rowErrors[learner.id]}
                            </Text>
                          )}
                        </Table.Td>
                        {segments.map((s, i) => {
                          const mark = marks.get(`${learner.id}|${s.id}`);
                          return (
                            <Table.Td key={s.id}>
                              <NativeSelect
                                size="xs"
                                aria-label={`${name}, ${dayLabel(i).toLowerCase()}`}
                                value={mark?.status ?? ""}
                                data={[
                                  { value: "", label: "not taken", disabled: true },
                                  ...MARKS.map((m) => ({ value: m, label: m })),
                                ]}
                                onChange={(e) =>
                                  save({
                                    segmentId: s.id,
                                    records: [
                                      { enrollmentId: learner.id, status: e.currentTarget.value as Mark },
                                    ],
                                  })
                                }
                              />
                              {mark?.method === "check_in" && (
                                <Text size="xs" c="dimmed">
                                  checked in
                                </Text>
                              )}
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Card>
    </Stack>
  );
}
