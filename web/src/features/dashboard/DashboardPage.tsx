import "@mantine/charts/styles.css";
import { BarChart, DonutChart } from "@mantine/charts";
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "../../api/client";
import type { Page, Session } from "../../api/types";
import { AnchorLink, ButtonLink } from "../../components/links";
import { PageHeader } from "../../components/PageHeader";
import { StatusBadge } from "../../components/StatusBadge";
import { addDays, formatDay, formatRange, localDateOf, startOfWeek } from "../../components/time";
import type { SeatSummary } from "../enrollments/api";
import type { CheckResult } from "../sessions/ConflictPanel";
import { enrollmentRisks, type Risk, staffingRisks } from "./risks";

const HORIZON_DAYS = 28;
const CHECKED_SESSIONS = 40;

function Stat({
  label,
  value,
  color,
  hint,
}: {
  label: string;
  value: number | string;
  color?: string;
  hint?: string;
}) {
  return (
    <Card withBorder padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={28} fw={700} c={color}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

export function DashboardPage() {
  const [weekStart] = useState(() => startOfWeek(new Date()));
  const horizon = addDays(weekStart, HORIZON_DAYS);
  const sessions = useQuery({
    queryKey: ["sessions", "dashboard", weekStart.toISOString()],
    queryFn: () =>
      api.get<Page<Session>>("/sessions", {
        from: weekStart.toISOString(),
        to: horizon.toISOString(),
        limit: 500,
      }),
  });
  const seats = useQuery({
    queryKey: ["seat-summary", weekStart.toISOString()],
    queryFn: () =>
      api.get<SeatSummary>("/enrollments/summary", {
        from: weekStart.toISOString(),
        to: horizon.toISOString(),
      }),
  });
  const seatsOf = useMemo(
    () => new Map((seats.data?.items ?? []).map((item) => [item.sessionId, item])),
    [seats.data],
  );
  const all = (sessions.data?.items ?? [])
    .filter((s) => s.status !== "cancelled")
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const now = Date.now();
  const upcoming = all.filter((s) => Date.parse(s.endsAt) >= now && s.status !== "completed");
  const thisWeek = all.filter((s) => Date.parse(s.startsAt) < addDays(weekStart, 7).getTime());

  // Conflicts are the scheduling engine's to find: dry-run the nearest upcoming sessions as they stand.
  const checked = upcoming.slice(0, CHECKED_SESSIONS);
  const checks = useQueries({
    queries: checked.map((s) => ({
      queryKey: ["sessions", "conflicts", s.id, s.version],
      staleTime: 60_000,
      queryFn: () =>
        api.post<CheckResult>("/sessions/check", {
          sessionId: s.id,
          courseId: s.courseId,
          format: s.format,
          timeZone: s.timeZone,
          locationId: s.locationId,
          virtualPlatformId: s.virtualPlatformId,
          segments: s.segments.map((g) => ({ id: g.id, start: g.start, end: g.end, roomId: g.roomId })),
          instructors: s.instructors
            .filter((a) => a.status === "requested" || a.status === "accepted")
            .map((a) => ({ instructorId: a.instructorId, role: a.role })),
          equipment: s.equipment.map((e) => ({ equipmentId: e.equipmentId, quantity: e.quantity })),
          suggestions: false,
        }),
    })),
  });

  const risks: Risk[] = useMemo(() => {
    return upcoming
      .map((session) => {
        const index = checked.findIndex((c) => c.id === session.id);
        const conflicts = index >= 0 ? (checks[index]?.data?.conflicts.length ?? 0) : 0;
        const reasons = [...staffingRisks(session), ...enrollmentRisks(seatsOf.get(session.id))];
        if (conflicts > 0) reasons.push(`${conflicts} conflict${conflicts > 1 ? "s" : ""}`);
        if (session.status === "draft" && Date.parse(session.startsAt) - now < 14 * 86_400_000)
          reasons.push("still a draft");
        return { session, reasons };
      })
      .filter((r) => r.reasons.length > 0);
  }, [upcoming, checked, checks, now, seatsOf]);

  const perDay = Array.from({ length: 14 }, (_, i) => {
    const day = addDays(weekStart, i);
    const key = localDateOf(day);
    const onDay = all.filter((s) => s.segments.some((g) => localDateOf(new Date(g.startsAt)) === key));
    return { day: formatDay(day.toISOString()), sessions: onDay.length };
  });
  const seatsPerWeek = Array.from({ length: HORIZON_DAYS / 7 }, (_, w) => {
    const start = addDays(weekStart, w * 7).getTime();
    const end = addDays(weekStart, (w + 1) * 7).getTime();
    const inWeek = all.filter((s) => Date.parse(s.startsAt) >= start && Date.parse(s.startsAt) < end);
    const counted = inWeek.map((s) => seatsOf.get(s.id)).filter((c) => c !== undefined);
    const taken = counted.reduce((n, c) => n + Math.min(c.seated, c.maxSeats), 0);
    return {
      week: `Week of ${formatDay(new Date(start).toISOString())}`,
      seats: inWeek.reduce((n, s) => n + s.maxSeats, 0),
      taken,
      free: counted.reduce((n, c) => n + Math.max(0, c.maxSeats - c.seated), 0),
    };
  });
  const fillRate = seats.data?.totals.fillRate ?? null;
  const assignmentCounts = new Map<string, number>();
  for (const s of upcoming)
    for (const a of s.instructors) assignmentCounts.set(a.status, (assignmentCounts.get(a.status) ?? 0) + 1);
  const donutColors: Record<string, string> = {
    accepted: "teal.6",
    requested: "yellow.6",
    declined: "red.6",
    withdrawn: "gray.6",
  };

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="This week and the next four"
        actions={
          <ButtonLink to="/sessions/new" search={{ date: undefined }}>
            New session
          </ButtonLink>
        }
      />
      <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }} mb="md">
        <Stat label="Sessions this week" value={thisWeek.length} />
        <Stat label="Upcoming (4 weeks)" value={upcoming.length} />
        <Stat label="At risk" value={risks.length} color={risks.length ? "red" : "teal"} />
        <Stat
          label="Fill rate (4 weeks)"
          value={fillRate === null ? "–" : `${Math.round(fillRate * 100)}%`}
          hint={
            seats.data
              ? `${seats.data.totals.seated} of ${seats.data.totals.seats} seats taken`
              : seats.error
                ? seats.error.message
                : undefined
          }
        />
        <Stat label="Waitlisted" value={seats.data?.totals.waitlisted ?? "–"} />
        <Stat
          label="Pending approvals"
          value={seats.data?.totals.pendingApproval ?? "–"}
          color={seats.data?.totals.pendingApproval ? "orange.9" : undefined}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
        <Card withBorder component="section" aria-labelledby="week-title">
          <Title order={2} size="h4" id="week-title" mb="sm">
            This week's sessions
          </Title>
          {thisWeek.length === 0 ? (
            <Text c="dimmed" size="sm">
              Nothing scheduled this week.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={400}>
              <Table>
                <Table.Tbody>
                  {thisWeek.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <AnchorLink to="/sessions/$sessionId" params={{ sessionId: s.id }} size="sm">
                          {s.title}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatRange(s.startsAt, s.endsAt, s.timeZone)}</Text>
                      </Table.Td>
                      <Table.Td w={1} style={{ whiteSpace: "nowrap" }}>
                        <StatusBadge status={s.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
        <Card withBorder component="section" aria-labelledby="risk-title">
          <Title order={2} size="h4" id="risk-title" mb="sm">
            Sessions at risk
          </Title>
          {risks.length === 0 ? (
            <Text c="dimmed" size="sm">
              {sessions.isPending
                ? "Looking…"
                : "Every upcoming session is staffed, confirmed and free of conflicts."}
            </Text>
          ) : (
            <Stack gap={6}>
              {risks.slice(0, 12).map(({ session, reasons }) => (
                <div key={session.id}>
                  <Group gap="xs" wrap="wrap">
                    <AnchorLink to="/sessions/$sessionId" params={{ sessionId: session.id }} size="sm">
                      {session.title}
                    </AnchorLink>
                    {reasons.map((r) => (
                      <Badge
                        key={r}
                        color={r.includes("conflict") || r === "unstaffed" ? "red" : "orange"}
                        variant="dot"
                        tt="none"
                        maw="none"
                        style={{ flexShrink: 0, minWidth: "fit-content" }}
                      >
                        {r}
                      </Badge>
                    ))}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatRange(session.startsAt, session.endsAt, session.timeZone)}
                  </Text>
                </div>
              ))}
              {risks.length > 12 && (
                <Text size="xs" c="dimmed">
                  and {risks.length - 12} more
                </Text>
              )}
            </Stack>
          )}
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <Card withBorder component="section" aria-labelledby="per-day-title">
          <Title order={2} size="h5" id="per-day-title" mb="sm">
            Sessions per day, two weeks
          </Title>
          <BarChart
            h={200}
            data={perDay}
            dataKey="day"
            series={[{ name: "sessions", color: "indigo.6" }]}
            tickLine="none"
          />
        </Card>
        <Card withBorder component="section" aria-labelledby="seats-title">
          <Title order={2} size="h5" id="seats-title" mb="sm">
            Upcoming seats per week: taken and free
          </Title>
          {seats.data && seats.data.totals.seats > 0 ? (
            <BarChart
              h={200}
              data={seatsPerWeek}
              dataKey="week"
              type="stacked"
              series={[
                { name: "taken", color: "teal.6" },
                { name: "free", color: "gray.4" },
              ]}
              tickLine="none"
              withLegend
            />
          ) : (
            <Text size="sm" c="dimmed">
              {seats.isPending ? "Counting…" : "No seats offered in the next four weeks."}
            </Text>
          )}
        </Card>
        <Card withBorder component="section" aria-labelledby="answers-title">
          <Title order={2} size="h5" id="answers-title" mb="sm">
            Instructor answers (upcoming)
          </Title>
          <Group justify="center">
            <DonutChart
              size={150}
              thickness={22}
              withLabelsLine={false}
              data={[...assignmentCounts].map(([name, value]) => ({
                name,
                value,
                color: donutColors[name] ?? "gray.6",
              }))}
            />
            <Stack gap={2}>
              {[...assignmentCounts].map(([name, value]) => (
                <Text key={name} size="sm">
                  {name}: {value}
                </Text>
              ))}
            </Stack>
          </Group>
        </Card>
      </SimpleGrid>
    </>
  );
}
