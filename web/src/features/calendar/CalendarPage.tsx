import { Button, Group, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import type { CalendarItem } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import {
  addDays,
  formatDay,
  formatRange,
  formatTime,
  localDateOf,
  startOfDay,
  startOfMonth,
  startOfWeek,
} from "../../components/time";
import { isInstructor, useMe } from "../auth/session";
import { useCalendar } from "./useCalendar";

type View = "month" | "week" | "day";

function windowOf(view: View, anchor: Date): { from: Date; to: Date; days: Date[] } {
  if (view === "day") {
    const from = startOfDay(anchor);
    return { from, to: addDays(from, 1), days: [from] };
  }
  if (view === "week") {
    const from = startOfWeek(anchor);
    return { from, to: addDays(from, 7), days: Array.from({ length: 7 }, (_, i) => addDays(from, i)) };
  }
  const first = startOfMonth(anchor);
  const from = startOfWeek(first);
  const last = new Date(first.getFullYear(), first.getMonth() + 1, 0);
  const weeks = Math.ceil((last.getTime() - from.getTime()) / (7 * 86_400_000) + 1 / 7);
  return {
    from,
    to: addDays(from, weeks * 7),
    days: Array.from({ length: weeks * 7 }, (_, i) => addDays(from, i)),
  };
}

function EventLink({ item, withTime }: { item: CalendarItem; withTime?: boolean }) {
  return (
    <Link
      className="lectern-event"
      data-status={item.status}
      to="/sessions/$sessionId"
      params={{ sessionId: item.sessionId }}
      title={`${item.title} · ${formatRange(item.startsAt, item.endsAt, item.timeZone)}`}
    >
      {withTime ? `${formatTime(item.startsAt)} ` : ""}
      {item.courseCode} {item.title}
    </Link>
  );
}

export function CalendarPage() {
  const search = useSearch({ from: "/calendar" });
  const navigate = useNavigate({ from: "/calendar" });
  const me = useMe();
  const anchor = search.date ? new Date(`${search.date}T12:00:00`) : new Date();
  const { from, to, days } = windowOf(search.view, anchor);
  const instructorId = isInstructor(me.data) ? (me.data?.user?.instructorId ?? undefined) : undefined;
  const calendar = useCalendar(from, to, instructorId ? { instructor: instructorId } : {});
  const items = calendar.data?.items ?? [];
  const byDay = new Map<string, CalendarItem[]>();
  for (const item of items) {
    const key = localDateOf(new Date(item.startsAt));
    byDay.set(key, [...(byDay.get(key) ?? []), item]);
  }
  const step = (direction: number) => {
    const next =
      search.view === "month"
        ? new Date(anchor.getFullYear(), anchor.getMonth() + direction, 1)
        : addDays(anchor, direction * (search.view === "week" ? 7 : 1));
    void navigate({ search: { ...search, date: localDateOf(next) } });
  };
  const today = localDateOf(new Date());
  const title =
    search.view === "month"
      ? anchor.toLocaleDateString(undefined, { month: "long", year: "numeric" })
      : search.view === "week"
        ? `Week of ${formatDay(from.toISOString())}`
        : anchor.toLocaleDateString(undefined, {
            weekday: "long",
            day: "numeric",
            month: "long",
            year: "numeric",
          });

  return (
    <>
      <PageHeader
        title="Calendar"
        description={`Times in your zone (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}
      />
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="xs">
          <Button variant="default" size="sm" onClick={() => step(-1)} aria-label="Previous">
            ‹
          </Button>
          <Button
            variant="default"
            size="sm"
            onClick={() => void navigate({ search: { ...search, date: undefined } })}
          >
            Today
          </Button>
          <Button variant="default" size="sm" onClick={() => step(1)} aria-label="Next">
            ›
          </Button>
          <Title order={2} size="h4" ml="sm">
            {title}
          </Title>
        </Group>
        <SegmentedControl
          aria-label="View"
          value={search.view}
          onChange={(view) => void navigate({ search: { ...search, view: view as View } })}
          data={[
            { value: "month", label: "Month" },
            { value: "week", label: "Week" },
            { value: "day", label: "Day" },
          ]}
        />
      </Group>
      {search.view === "day" ? (
        <Stack gap="xs">
          {(byDay.get(localDateOf(from)) ?? []).map((item) => (
            <Group key={item.segmentId} gap="sm">
              <Text size="sm" w={110}>
                {formatTime(item.startsAt)}–{formatTime(item.endsAt)}
              </Text>
              <EventLink item={item} />
            </Group>
          ))}
          {(byDay.get(localDateOf(from)) ?? []).length === 0 && (
            <Text c="dimmed">Nothing scheduled this day.</Text>
          )}
        </Stack>
      ) : (
        <div className="lectern-grid" style={{ gridTemplateColumns: "repeat(7, minmax(0, 1fr))" }}>
          {days.map((day) => {
            const key = localDateOf(day);
            const dayItems = byDay.get(key) ?? [];
            return (
              <div
                key={key}
                className="lectern-cell"
                data-muted={search.view === "month" && day.getMonth() !== anchor.getMonth() ? "" : undefined}
                data-today={key === today ? "" : undefined}
                style={search.view === "week" ? { minHeight: "20rem" } : undefined}
              >
                <Text size="xs" fw={600} mb={4}>
                  {search.view === "week" ? formatDay(day.toISOString()) : day.getDate()}
                </Text>
                {dayItems.map((item) => (
                  <EventLink key={item.segmentId} item={item} withTime />
                ))}
              </div>
            );
          })}
        </div>
      )}
    </>
  );
}
