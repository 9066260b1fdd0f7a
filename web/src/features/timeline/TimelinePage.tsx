import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { type KeyboardEvent, type PointerEvent, useMemo, useRef, useState } from "react";
import { errorMessage } from "../../api/client";
import { useInstructors, useRooms } from "../../api/reference";
import type { CalendarItem } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import {
  addDays,
  daysBetween,
  formatDay,
  formatRange,
  formatTime,
  localDateOf,
  startOfWeek,
} from "../../components/time";
import { useCalendar } from "../calendar/useCalendar";
import { type MoveRequest, useMoveSession } from "./useMoveSession";

const DAYS = 14;
const DAY_START = 7; // hours shown in a day cell: 07:00–20:00
const DAY_HOURS = 13;
const ROW_HEADER = 190;
const CELL = 96;

interface Bar {
  item: CalendarItem;
  row: string;
  date: string;
}

interface Drag {
  bar: Bar;
  pointerId: number;
  target: { row: string; date: string } | null;
}

function barStyle(item: CalendarItem) {
  const start = new Date(item.startsAt);
  const end = new Date(item.endsAt);
  const hours = (d: Date) => d.getHours() + d.getMinutes() / 60;
  const left = Math.min(Math.max((hours(start) - DAY_START) / DAY_HOURS, 0), 0.9);
  const sameDay = localDateOf(start) === localDateOf(end);
  const right = sameDay ? Math.min(Math.max((hours(end) - DAY_START) / DAY_HOURS, left + 0.1), 1) : 1;
  return { left: `${left * 100}%`, width: `${(right - left) * 100}%` };
}

export function TimelinePage() {
  const search = useSearch({ from: "/timeline" });
  const navigate = useNavigate({ from: "/timeline" });
  const from = startOfWeek(search.date ? new Date(`${search.date}T12:00:00`) : new Date());
  const to = addDays(from, DAYS);
  const days = Array.from({ length: DAYS }, (_, i) => addDays(from, i));
  const calendar = useCalendar(from, to);
  const instructors = useInstructors();
  const rooms = useRooms();
  const [onlyBusy, setOnlyBusy] = useState(true);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [overrideReason, setOverrideReason] = useState("");
  const gridRef = useRef<HTMLDivElement>(null);
  const move = useMoveSession();

  const bars = useMemo(() => {
    const list: Bar[] = [];
    for (const item of calendar.data?.items ?? []) {
      if (item.status === "cancelled" || item.status === "postponed") continue;
      const date = localDateOf(new Date(item.startsAt));
      if (search.by === "rooms") {
        if (item.roomId) list.push({ item, row: item.roomId, date });
      } else {
        for (const a of item.instructors) {
          if (a.status === "requested" || a.status === "accepted")
            list.push({ item, row: a.instructorId, date });
        }
      }
    }
    return list;
  }, [calendar.data, search.by]);

  const rows = useMemo(() => {
    const all =
      search.by === "rooms"
        ? (rooms.data ?? []).map((r) => ({ id: r.id, name: r.name, detail: `${r.capacity} seats` }))
        : (instructors.data ?? []).map((i) => ({ id: i.id, name: i.name, detail: i.kind }));
    const busy = new Set(bars.map((b) => b.row));
    return onlyBusy ? all.filter((r) => busy.has(r.id)) : all;
  }, [search.by, rooms.data, instructors.data, bars, onlyBusy]);

  const requestMove = (bar: Bar, target: { row: string; date: string }) => {
    const days = daysBetween(new Date(`${bar.date}T12:00:00`), new Date(`${target.date}T12:00:00`));
    if (days === 0 && target.row === bar.row) return;
    const request: MoveRequest = { item: bar.item, by: search.by, fromRow: bar.row, toRow: target.row, days };
    setOverrideReason("");
    move.propose.mutate(request);
  };

  const cellAt = (x: number, y: number) => {
    const cell = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-cell]");
    return cell ? { row: cell.dataset.row!, date: cell.dataset.date! } : null;
  };
  const onPointerDown = (bar: Bar) => (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ bar, pointerId: event.pointerId, target: null });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag || drag.pointerId !== event.pointerId) return;
    const target = cellAt(event.clientX, event.clientY);
    if (target?.row !== drag.target?.row || target?.date !== drag.target?.date) setDrag({ ...drag, target });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag || drag.pointerId !== event.pointerId) return;
    const target = cellAt(event.clientX, event.clientY) ?? drag.target;
    setDrag(null);
    if (target) requestMove(drag.bar, target);
  };
  // Keyboard: arrows propose the same moves a drag would (left/right a day, up/down a row).
  const onKeyDown = (bar: Bar) => (event: KeyboardEvent<HTMLDivElement>) => {
    const rowIndex = rows.findIndex((r) => r.id === bar.row);
    const date = new Date(`${bar.date}T12:00:00`);
    const target =
      event.key === "ArrowLeft"
        ? { row: bar.row, date: localDateOf(addDays(date, -1)) }
        : event.key === "ArrowRight"
          ? { row: bar.row, date: localDateOf(addDays(date, 1)) }
          : event.key === "ArrowUp" && rowIndex > 0
            ? { row: rows[rowIndex - 1]!.id, date: bar.date }
            : event.key === "ArrowDown" && rowIndex < rows.length - 1
              ? { row: rows[rowIndex + 1]!.id, date: bar.date }
              : null;
    if (event.key === "Enter")
      void navigate({ to: "/sessions/$sessionId", params: { sessionId: bar.item.sessionId } });
    if (target) {
      event.preventDefault();
      requestMove(bar, target);
    }
  };

  const proposal = move.proposal;
  const conflicts = proposal?.result.conflicts ?? [];
  const blocking = conflicts.filter((c) => c.severity === "blocking");
  const rowName = (id: string) =>
    (search.by === "rooms"
      ? rooms.data?.find((r) => r.id === id)?.name
      : instructors.data?.find((i) => i.id === id)?.name) ?? "?";
  const today = localDateOf(new Date());
  const template = `${ROW_HEADER}px repeat(${DAYS}, ${CELL}px)`;

  return (
    <>
      <PageHeader
        title="Resource timeline"
        description="Drag a session to another day or row (or focus it and use the arrow keys): the move is checked before anything is saved."
      />
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="xs">
          <Button
            variant="default"
            size="sm"
            aria-label="Previous week"
            onClick={() => void navigate({ search: { ...search, date: localDateOf(addDays(from, -7)) } })}
          >
            ‹
          </Button>
          <Button
            variant="default"
            size="sm"
            onClick={() => void navigate({ search: { ...search, date: undefined } })}
          >
            This week
          </Button>
          <Button
            variant="default"
            size="sm"
            aria-label="Next week"
            onClick={() => void navigate({ search: { ...search, date: localDateOf(addDays(from, 7)) } })}
          >
            ›
          </Button>
          <Title order={2} size="h4" ml="sm">
            {formatDay(from.toISOString())} – {formatDay(addDays(to, -1).toISOString())}
          </Title>
        </Group>
        <Group gap="md">
          <Switch
            label="Only rows with sessions"
            checked={onlyBusy}
            onChange={(e) => setOnlyBusy(e.currentTarget.checked)}
          />
          <SegmentedControl
            aria-label="Rows"
            value={search.by}
            onChange={(by) => void navigate({ search: { ...search, by: by as "rooms" | "instructors" } })}
            data={[
              { value: "instructors", label: "Instructors" },
              { value: "rooms", label: "Rooms" },
            ]}
          />
        </Group>
      </Group>
      {(calendar.isPending || move.propose.isPending) && <Loader size="sm" aria-label="Loading" mb="xs" />}
      {move.propose.error && (
        <Alert color="red" mb="sm" role="alert">
          {errorMessage(move.propose.error)}
        </Alert>
      )}
      <div className="lectern-timeline" ref={gridRef} data-testid="timeline">
        <div className="lectern-timeline-row" style={{ gridTemplateColumns: template }}>
          <div className="lectern-timeline-cell" />
          {days.map((day) => (
            <div key={day.toISOString()} className="lectern-timeline-cell" style={{ padding: 4 }}>
              <Text size="xs" fw={localDateOf(day) === today ? 700 : 500}>
                {formatDay(day.toISOString())}
              </Text>
            </div>
          ))}
        </div>
        {rows.map((row) => (
          <div
            key={row.id}
            className="lectern-timeline-row"
            style={{ gridTemplateColumns: template }}
            data-row-name={row.name}
          >
            <div className="lectern-timeline-cell" style={{ padding: "4px 8px" }}>
              <Text size="sm" truncate>
                {row.name}
              </Text>
              <Text size="xs" c="dimmed">
                {row.detail}
              </Text>
            </div>
            {days.map((day) => {
              const date = localDateOf(day);
              const here = bars.filter((b) => b.row === row.id && b.date === date);
              const isTarget = drag?.target?.row === row.id && drag.target.date === date;
              const weekend = day.getDay() === 0 || day.getDay() === 6;
              return (
                <div
                  key={date}
                  className="lectern-timeline-cell"
                  data-cell=""
                  data-row={row.id}
                  data-date={date}
                  data-drop={isTarget ? "" : undefined}
                  data-weekend={weekend ? "" : undefined}
                >
                  {here.map((bar, index) => (
                    // biome-ignore lint/a11y/useSemanticElements: a draggable bar with keyboard moves, not a plain button
                    <div
                      key={`${bar.item.segmentId}-${bar.row}`}
                      role="button"
                      tabIndex={0}
                      className="lectern-bar"
                      data-status={bar.item.status}
                      data-session={bar.item.sessionId}
                      data-dragging={drag?.bar === bar ? "" : undefined}
                      style={{ ...barStyle(bar.item), top: 4 + index * 6 }}
                      aria-label={`${bar.item.courseCode} ${bar.item.title}, ${formatRange(bar.item.startsAt, bar.item.endsAt, bar.item.timeZone)}. Arrow keys propose a move; Enter opens it.`}
                      title={`${bar.item.courseCode} ${bar.item.title} · ${formatTime(bar.item.startsAt)}–${formatTime(bar.item.endsAt)}`}
                      onPointerDown={onPointerDown(bar)}
                      onPointerMove={onPointerMove}
                      onPointerUp={onPointerUp}
                      onPointerCancel={() => setDrag(null)}
                      onDoubleClick={() =>
                        void navigate({
                          to: "/sessions/$sessionId",
                          params: { sessionId: bar.item.sessionId },
                        })
                      }
                      onKeyDown={onKeyDown(bar)}
                    >
                      {bar.item.courseCode}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        ))}
        {rows.length === 0 && !calendar.isPending && (
          <Text c="dimmed" p="md">
            Nothing scheduled in these two weeks
            {onlyBusy ? " (switch off “Only rows with sessions” to see every row)" : ""}.
          </Text>
        )}
      </div>

      <Modal
        opened={proposal !== null}
        onClose={move.close}
        title={blocking.length ? "This move is refused" : "Move this session?"}
      >
        {proposal && (
          <Stack data-testid="move-dialog">
            <Text size="sm">
              {proposal.session.title}
              {proposal.days !== 0 &&
                ` by ${proposal.days > 0 ? "+" : ""}${proposal.days} day${Math.abs(proposal.days) === 1 ? "" : "s"}`}
              {proposal.toRow !== proposal.fromRow &&
                `, from ${rowName(proposal.fromRow)} to ${rowName(proposal.toRow)}`}
              .
            </Text>
            {conflicts.length === 0 ? (
              <Alert color="teal">No conflicts: everyone and everything is free.</Alert>
            ) : (
              <List size="sm" spacing={4} listStyleType="none" pl={0}>
                {conflicts.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: position in a list that has no ids of its own
                  <List.Item key={`${c.type}-${c.resource.id}-${i}`}>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <Badge
                        color={c.severity === "blocking" ? "red" : "orange"}
                        variant="dot"
                        tt="none"
                        maw="none"
                        style={{ flexShrink: 0, minWidth: "fit-content" }}
                        size="sm"
                      >
                        {c.severity}
                      </Badge>
                      <Text size="sm">{c.message}</Text>
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
            {blocking.length > 0 ? (
              <Group justify="flex-end">
                <Button onClick={move.close}>Keep it where it is</Button>
              </Group>
            ) : (
              <>
                {conflicts.length > 0 && (
                  <TextInput
                    label="Reason to accept the warnings"
                    value={overrideReason}
                    onChange={(e) => setOverrideReason(e.currentTarget.value)}
                  />
                )}
                {move.save.error && (
                  <Alert color="red" role="alert">
                    {errorMessage(move.save.error)}
                  </Alert>
                )}
                <Group justify="flex-end">
                  <Button variant="default" onClick={move.close}>
                    Cancel
                  </Button>
                  <Button
                    loading={move.save.isPending}
                    disabled={conflicts.length > 0 && overrideReason.trim().length < 3}
                    onClick={() =>
                      move.save.mutate(
                        { proposal, overrideReason },
                        { onSuccess: () => notifications.show({ color: "teal", message: "Session moved" }) },
                      )
                    }
                  >
                    Save the move
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
