import {
  Alert,
  Badge,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "../../api/client";
import type { ComplianceReport, PortalEnrollment } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { StatusBadge } from "../../components/StatusBadge";
import { formatRange } from "../../components/time";
import { useMe } from "../auth/session";

const complianceColors: Record<string, string> = {
  compliant: "teal",
  due_soon: "yellow",
  overdue: "red",
  never: "gray",
};

/** A client contact's page: their employees' enrollments and compliance status. */
export function ClientPortalPage() {
  const me = useMe();
  const clientId = me.data?.actor.clientId;
  const [q, setQ] = useState("");
  const [when, setWhen] = useState("upcoming");
  const enrollments = useQuery({
    queryKey: ["portal-enrollments"],
    enabled: !!clientId,
    queryFn: () => api.get<{ items: PortalEnrollment[] }>("/portal/enrollments"),
  });
  const compliance = useQuery({
    queryKey: ["client-compliance"],
    enabled: !!clientId,
    queryFn: () => api.get<ComplianceReport>("/compliance/status"),
  });
  if (!clientId) return <Alert color="gray">This page is for client contacts.</Alert>;
  const now = Date.now();
  const needle = q.trim().toLowerCase();
  const rows = (enrollments.data?.items ?? [])
    .filter((e) =>
      when === "upcoming" ? Date.parse(e.session.endsAt) >= now : Date.parse(e.session.endsAt) < now,
    )
    .filter(
      (e) =>
        !needle ||
        e.learnerName.toLowerCase().includes(needle) ||
        e.session.title.toLowerCase().includes(needle),
    );
  const counts = compliance.data?.byClient.find((c) => c.clientId === clientId);
  return (
    <>
      <PageHeader title="My employees" description="Their registrations and certifications" />
      {(enrollments.error || compliance.error) && (
        <Alert color="red" role="alert" mb="md">
          {errorMessage(enrollments.error ?? compliance.error)}
        </Alert>
      )}
      <Stack component="section" aria-labelledby="employee-enrollments" mb="xl">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h4" id="employee-enrollments">
            Enrollments
          </Title>
          <Group>
            <TextInput
              label="Search"
              placeholder="Name or course"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
            />
            <SegmentedControl
              aria-label="Which sessions"
              value={when}
              onChange={setWhen}
              data={[
                { value: "upcoming", label: "Upcoming" },
                { value: "past", label: "Past" },
              ]}
            />
          </Group>
        </Group>
        <Table.ScrollContainer minWidth={600}>
          <Table striped data-testid="employee-enrollments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Employee</Table.Th>
                <Table.Th>Course</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.learnerName}</Table.Td>
                  <Table.Td>{e.session.title}</Table.Td>
                  <Table.Td>{formatRange(e.session.startsAt, e.session.endsAt, e.session.timeZone)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={e.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {enrollments.isPending ? "Loading…" : "No enrollments."}
          </Text>
        )}
      </Stack>
      <Stack component="section" aria-labelledby="compliance-title">
        <Title order={2} size="h4" id="compliance-title">
          Compliance
        </Title>
        {counts && (
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {(["compliant", "dueSoon", "overdue", "never"] as const).map((key) => (
              <div key={key}>
                <Text size="xl" fw={700}>
                  {counts[key]}
                </Text>
                <Text size="sm" c="dimmed">
                  {
                    {
                      compliant: "compliant",
                      dueSoon: "due soon",
                      overdue: "overdue",
                      never: "never certified",
                    }[key]
                  }
                </Text>
              </div>
            ))}
          </SimpleGrid>
        )}
        {compliance.data && compliance.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            No certification requirements apply to your employees.
          </Text>
        )}
        {compliance.data && compliance.data.items.length > 0 && (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Employee</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {compliance.data.items.map((item) => (
                <Table.Tr key={`${item.learnerId}:${item.requirementId}`}>
                  <Table.Td>{item.learnerName}</Table.Td>
                  <Table.Td>
                    <Badge color={complianceColors[item.status]} variant="light" tt="none">
                      {item.status.replace("_", " ")}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{item.dueOn ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </>
  );
}
