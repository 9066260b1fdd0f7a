import { Badge, Group, Loader, Tabs } from "@mantine/core";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { lazy, type ReactNode, Suspense } from "react";
import type { Session } from "../../api/types";
import { useSessionEnrollments } from "./api";

// Each tab but the editor is its own chunk, loaded when first opened.
const EnrollmentsTab = lazy(() => import("./EnrollmentsTab").then((m) => ({ default: m.EnrollmentsTab })));
const WaitlistTab = lazy(() => import("./WaitlistTab").then((m) => ({ default: m.WaitlistTab })));
const ApprovalsTab = lazy(() => import("./ApprovalsTab").then((m) => ({ default: m.ApprovalsTab })));
const AttendanceTab = lazy(() => import("./AttendanceTab").then((m) => ({ default: m.AttendanceTab })));
const MessagesTab = lazy(() => import("./MessagesTab").then((m) => ({ default: m.MessagesTab })));

export type SessionTab = "details" | "enrollments" | "waitlist" | "approvals" | "attendance" | "messages";

function Count({ value, label }: { value: number | undefined; label: string }) {
  if (!value) return null;
  return (
    <Badge size="sm" variant="light" circle={value < 10} aria-label={`${value} ${label}`}>
      {value}
    </Badge>
  );
}

/** The session page: the editor and the registrations, one tab each; the tab is in the URL (`?tab=`). */
export function SessionTabs({ session, details }: { session: Session; details: ReactNode }) {
  const { tab = "details" } = useSearch({ from: "/sessions/$sessionId" });
  const navigate = useNavigate({ from: "/sessions/$sessionId" });
  const roster = useSessionEnrollments(session.id);
  const counts = roster.data;
  const seated = counts ? counts.enrolled + counts.offered : undefined;
  const panel = (value: SessionTab, content: ReactNode) => (
    <Tabs.Panel value={value} pt="md">
      <Suspense fallback={<Loader aria-label="Loading" />}>{content}</Suspense>
    </Tabs.Panel>
  );
  return (
    <Tabs
      value={tab}
      keepMounted={false}
      onChange={(value) =>
        navigate({ search: (prev) => ({ ...prev, tab: (value ?? "details") as SessionTab }), replace: true })
      }
    >
      <Tabs.List aria-label="Session">
        <Tabs.Tab value="details">Details</Tabs.Tab>
        <Tabs.Tab value="enrollments">
          <Group gap={6} wrap="nowrap">
            Enrollments
            {counts && (
              <Badge size="sm" variant="light" aria-label={`${seated} of ${counts.maxSeats} seats taken`}>
                {seated}/{counts.maxSeats}
              </Badge>
            )}
          </Group>
        </Tabs.Tab>
        <Tabs.Tab value="waitlist">
          <Group gap={6} wrap="nowrap">
            Waitlist <Count value={counts?.waitlisted} label="waiting" />
          </Group>
        </Tabs.Tab>
        <Tabs.Tab value="approvals">
          <Group gap={6} wrap="nowrap">
            Approvals <Count value={counts?.pendingApproval} label="pending" />
          </Group>
        </Tabs.Tab>
        <Tabs.Tab value="attendance">Attendance</Tabs.Tab>
        <Tabs.Tab value="messages">Messages</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="details" pt="md">
        {details}
      </Tabs.Panel>
      {panel("enrollments", <EnrollmentsTab session={session} />)}
      {panel("waitlist", <WaitlistTab session={session} />)}
      {panel("approvals", <ApprovalsTab session={session} />)}
      {panel("attendance", <AttendanceTab session={session} />)}
      {panel("messages", <MessagesTab session={session} />)}
    </Tabs>
  );
}
