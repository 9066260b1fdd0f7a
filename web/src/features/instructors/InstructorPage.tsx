import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useState } from "react";
import { ApiError, api } from "../../api/client";
import { nameIndex, useCourses } from "../../api/reference";
import type { Instructor, Qualification } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { canWrite, useMe } from "../auth/session";
import { AvailabilityEditor } from "./AvailabilityEditor";
import { TimeOffEditor } from "./TimeOffEditor";

function Qualifications({ instructorId, editable }: { instructorId: string; editable: boolean }) {
  const queryClient = useQueryClient();
  const courses = useCourses();
  const courseNames = nameIndex(courses.data, (c) => `${c.code} ${c.title}`);
  const key = ["instructors", instructorId, "qualifications"];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ items: Qualification[] }>(`/instructors/${instructorId}/qualifications`),
  });
  const [skill, setSkill] = useState("");
  const [validUntil, setValidUntil] = useState("");
  const add = useMutation({
    mutationFn: () =>
      api.post(`/instructors/${instructorId}/qualifications`, { skill, validUntil: validUntil || null }),
    onSuccess: async () => {
      setSkill("");
      setValidUntil("");
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/instructors/${instructorId}/qualifications/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const error = add.error instanceof ApiError ? add.error : null;
  return (
    <Card withBorder component="section" aria-labelledby="qualifications-title">
      <Title order={2} size="h4" id="qualifications-title" mb="xs">
        Qualifications
      </Title>
      {(list.data?.items.length ?? 0) === 0 && (
        <Text size="sm" c="dimmed">
          None yet: this instructor cannot be assigned to courses that need a skill.
        </Text>
      )}
      <Table>
        <Table.Tbody>
          {list.data?.items.map((q) => (
            <Table.Tr key={q.id}>
              <Table.Td>{q.skill ?? (q.courseId ? courseNames.get(q.courseId) : "")}</Table.Td>
              <Table.Td>{q.level}</Table.Td>
              <Table.Td>{q.validUntil ? `until ${q.validUntil}` : "no end"}</Table.Td>
              {editable && (
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${q.skill ?? "qualification"}`}
                    onClick={() => remove.mutate(q.id)}
                  >
                    ✕
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editable && (
        <Stack gap="xs" mt="sm">
          <Group gap="xs" align="flex-start">
            <TextInput
              label="Skill"
              value={skill}
              onChange={(e) => setSkill(e.currentTarget.value)}
              error={error?.fieldError("skill")}
            />
            <TextInput
              type="date"
              label="Valid until"
              value={validUntil}
              onChange={(e) => setValidUntil(e.currentTarget.value)}
              error={error?.fieldError("validUntil")}
            />
          </Group>
          {error && error.errors.length === 0 && <Alert color="red">{error.message}</Alert>}
          <Group>
            <Button size="compact-sm" disabled={!skill} loading={add.isPending} onClick={() => add.mutate()}>
              Add qualification
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

export function InstructorPage() {
  const { instructorId } = useParams({ from: "/instructors/$instructorId" });
  const me = useMe();
  const instructor = useQuery({
    queryKey: ["instructors", instructorId],
    queryFn: () => api.get<Instructor>(`/instructors/${instructorId}`),
  });
  if (instructor.isPending) return <Loader aria-label="Loading instructor" />;
  if (!instructor.data) return <Alert color="red">{instructor.error?.message}</Alert>;
  const i = instructor.data;
  const editable = canWrite(me.data);
  return (
    <>
      <PageHeader title={i.name} description={`${i.email} · ${i.kind} · ${i.timeZone}`} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Qualifications instructorId={i.id} editable={editable} />
        <AvailabilityEditor instructorId={i.id} editable={editable} />
        <TimeOffEditor instructorId={i.id} editable={editable} />
      </SimpleGrid>
    </>
  );
}
