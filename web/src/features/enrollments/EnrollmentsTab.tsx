import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  Menu,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useState } from "react";
import type { Session } from "../../api/types";
import { formatDateTime } from "../../components/time";
import { canWrite, useMe } from "../auth/session";
import { type Enrollment, useSessionEnrollments } from "./api";
import { EnrollLearners } from "./EnrollLearners";
import { type EnrollmentAction, EnrollmentActionModal } from "./EnrollmentActionModal";
import { EnrollmentBadge } from "./EnrollmentBadge";
import { SeatsSummary } from "./SeatsSummary";

const LIVE = new Set([
  "pending_approval",
  "enrolled",
  "waitlisted",
  "offered",
  "attended",
  "no_show",
  "completed",
  "failed",
]);
const CANCELLABLE = new Set(["pending_approval", "enrolled", "waitlisted", "offered"]);

function detail(item: Enrollment): string {
  if (item.status === "waitlisted") return `position ${item.waitlistPosition}`;
  if (item.status === "offered" && item.offerExpiresAt) return `until ${formatDateTime(item.offerExpiresAt)}`;
  return item.statusReason ?? "";
}

/** The session's registrations: who holds a seat, who waits, and what a coordinator can do about it. */
export function EnrollmentsTab({ session }: { session: Session }) {
  const me = useMe();
  const writable = canWrite(me.data);
  const roster = useSessionEnrollments(session.id);
  const [show, setShow] = useState<"current" | "all">("current");
  const [acting, setActing] = useState<{ enrollment: Enrollment; action: EnrollmentAction } | null>(null);

  if (roster.isPending) return <Loader aria-label="Loading enrollments" />;
  if (roster.error) return <Alert color="red">{roster.error.message}</Alert>;
  const items = roster.data.items.filter((item) => show === "all" || LIVE.has(item.status));

  return (
    <Stack>
      <SeatsSummary roster={roster.data} />
      {writable && <EnrollLearners session={session} />}
      <Card withBorder component="section" aria-labelledby="roster-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="roster-title">
            Registrations
          </Title>
          <SegmentedControl
            size="xs"
            aria-label="Which registrations"
            value={show}
            onChange={(value) => setShow(value as "current" | "all")}
            data={[
              { value: "current", label: "Current" },
              { value: "all", label: "With cancelled" },
            ]}
          />
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nobody is registered yet.{writable ? " Search for learners above, or upload a CSV file." : ""}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="roster">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Learner</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Detail</Table.Th>
                  <Table.Th>Payment</Table.Th>
                  {writable && (
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{item.learnerName ?? item.learnerId}</Table.Td>
                    <Table.Td>
                      <EnrollmentBadge status={item.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{detail(item)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.paymentStatus}</Text>
                    </Table.Td>
                    {writable && (
                      <Table.Td w={1}>
                        {CANCELLABLE.has(item.status) && (
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                aria-label={`Actions for ${item.learnerName}`}
                              >
                                Actions
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              {item.status === "enrolled" && (
                                <Menu.Item
                                  onClick={() => setActing({ enrollment: item, action: "transfer" })}
                                >
                                  Transfer…
                                </Menu.Item>
                              )}
                              <Menu.Item
                                onClick={() => setActing({ enrollment: item, action: "substitute" })}
                              >
                                Substitute…
                              </Menu.Item>
                              <Menu.Item
                                color="red"
                                onClick={() => setActing({ enrollment: item, action: "cancel" })}
                              >
                                Cancel…
                              </Menu.Item>
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {acting && (
        <EnrollmentActionModal
          session={session}
          enrollment={acting.enrollment}
          action={acting.action}
          onClose={() => setActing(null)}
        />
      )}
    </Stack>
  );
}
