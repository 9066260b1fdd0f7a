import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { ApiError, api } from "../../api/client";
import { nameIndex, useEquipment, useInstructors, useRooms } from "../../api/reference";
import type { Conflict, Session } from "../../api/types";
import { AnchorLink } from "../../components/links";
import { PageHeader } from "../../components/PageHeader";
import { StatusBadge } from "../../components/StatusBadge";
import { addDays, formatRange, localDateOf, startOfWeek } from "../../components/time";
import { canWrite, useMe } from "../auth/session";
import { SessionTabs } from "../enrollments/SessionTabs";
import { type CheckResult, ConflictPanel } from "./ConflictPanel";
import {
  type Draft,
  draftFromSession,
  emptyDraft,
  moveToSlot,
  payloadOf,
  replaceInstructor,
  replaceRoom,
  timesChanged,
} from "./draft";
import { noRepeat, RepeatCard, seriesBody, useSeriesCheck } from "./Repeat";
import { ImpactPreview, SessionActions } from "./SessionActions";
import { SessionForm } from "./SessionForm";

export const sessionQuery = (id: string) => ({
  queryKey: ["sessions", id],
  queryFn: () => api.get<Session>(`/sessions/${id}`),
});

function useNames() {
  const instructors = useInstructors();
  const rooms = useRooms();
  const equipment = useEquipment();
  return useMemo(
    () =>
      new Map([
        ...nameIndex(instructors.data, (i) => i.name),
        ...nameIndex(rooms.data, (r) => r.name),
        ...nameIndex(equipment.data, (e) => e.name),
      ]),
    [instructors.data, rooms.data, equipment.data],
  );
}

/** Debounced dry run of the draft as it is typed. */
function useLiveCheck(draft: Draft, sessionId?: string) {
  const payload = payloadOf(draft);
  const [debounced] = useDebouncedValue(payload ? JSON.stringify(payload) : null, 400);
  const query = useQuery({
    queryKey: ["check", sessionId ?? null, debounced],
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: () =>
      api.post<CheckResult>("/sessions/check", {
        ...JSON.parse(debounced!),
        ...(sessionId && { sessionId }),
        suggestions: true,
      }),
  });
  return {
    ...query,
    incomplete: payload === null,
    settled: debounced === (payload ? JSON.stringify(payload) : null),
  };
}

function Editor({ initial, session }: { initial: Draft; session?: Session }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const names = useNames();
  const [draft, setDraft] = useState(initial);
  const [overrideReason, setOverrideReason] = useState("");
  const [rescheduleOpen, setRescheduleOpen] = useState(false);
  const [rescheduleReason, setRescheduleReason] = useState("");
  const check = useLiveCheck(draft, session?.id);
  const [repeat, setRepeat] = useState(noRepeat);
  const seriesCheck = useSeriesCheck(session ? null : payloadOf(draft), repeat);
  const checkError = check.error instanceof ApiError ? check.error : null;

  const save = useMutation({
    mutationFn: async (mode: "create" | "series" | "patch" | "reschedule") => {
      const payload = payloadOf(draft)!;
      const override = overrideReason.trim() ? { reason: overrideReason.trim() } : null;
      if (mode === "create")
        return { session: await api.post<Session>("/sessions", { ...payload, override }) };
      if (mode === "series") {
        const created = await api.post<{ sessions: Session[] }>("/sessions/series", {
          ...seriesBody(payload, repeat, false),
          override,
        });
        return { session: created.sessions[0]! };
      }
      const { courseId: _course, status: _status, ...patch } = payload;
      if (mode === "patch")
        return { session: await api.patch<Session>(`/sessions/${session!.id}`, { ...patch, override }) };
      return api.post<{ session: Session; impact: unknown }>(`/sessions/${session!.id}/reschedule`, {
        ...patch,
        override,
        ...(rescheduleReason.trim() && { reason: rescheduleReason.trim() }),
      });
    },
    onSuccess: async (result, mode) => {
      setRescheduleOpen(false);
      queryClient.setQueryData(["sessions", result.session.id], result.session);
      await queryClient.invalidateQueries({ queryKey: ["sessions"] });
      await queryClient.invalidateQueries({ queryKey: ["calendar"] });
      const messages = {
        create: "Session scheduled",
        series: `${repeat.count} sessions scheduled`,
        reschedule: "Session moved",
        patch: "Saved",
      };
      notifications.show({ color: "teal", message: messages[mode] });
      if (mode === "create" || mode === "series")
        await navigate({ to: "/sessions/$sessionId", params: { sessionId: result.session.id } });
    },
  });
  const saveError = save.error instanceof ApiError ? save.error : null;
  const fieldError = (path: string) => saveError?.fieldError(path) ?? checkError?.fieldError(path);

  // A 409 from the save carries the conflicts of the moment: show those rather than a stale check.
  const refused = (saveError?.body.conflicts as Conflict[] | undefined) ?? null;
  const result: CheckResult | undefined = refused
    ? { conflicts: refused, suggestions: check.data?.suggestions ?? null }
    : check.data;
  const conflicts = result?.conflicts ?? [];
  const blocking = conflicts.some((c) => c.severity === "blocking");
  const warningsOnly = conflicts.length > 0 && !blocking;
  const writable = canWrite(me.data);
  const payload = payloadOf(draft);
  const seriesBlocked =
    repeat.enabled &&
    (!seriesCheck.data ||
      seriesCheck.isFetching ||
      seriesCheck.data.occurrences.some((o) => o.conflicts.some((c) => c.severity === "blocking")));
  const readyToSave =
    writable && payload !== null && check.settled && !check.isFetching && !blocking && !seriesBlocked;
  const edit = (next: Draft) => {
    save.reset();
    setDraft(next);
  };
  const submit = () => {
    if (!session) return save.mutate(repeat.enabled ? "series" : "create");
    if (timesChanged(draftFromSession(session), draft)) return setRescheduleOpen(true);
    save.mutate("patch");
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <SessionForm
          draft={draft}
          onChange={edit}
          fieldError={fieldError}
          isNew={!session}
          sessionId={writable ? session?.id : undefined}
        />
        {!session && (
          <div style={{ marginTop: "var(--mantine-spacing-md)" }}>
            <RepeatCard repeat={repeat} onChange={setRepeat} check={seriesCheck} />
          </div>
        )}
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack style={{ position: "sticky", top: 76 }}>
          <ConflictPanel
            result={result}
            checking={check.isFetching}
            incomplete={check.incomplete}
            error={checkError && checkError.status !== 422 ? checkError.message : null}
            timeZone={draft.timeZone}
            names={names}
            onUseInstructor={(from, to) => edit(replaceInstructor(draft, from, to))}
            onUseRoom={(from, to) => edit(replaceRoom(draft, from, to))}
            onUseSlot={(slot) => edit(moveToSlot(draft, slot))}
          />
          {warningsOnly && (
            <TextInput
              label="Reason to accept the warnings"
              description="Recorded in the audit trail"
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.currentTarget.value)}
              error={fieldError("override.reason")}
            />
          )}
          {saveError && !refused && saveError.errors.length === 0 && (
            <Alert color="red" role="alert">
              {saveError.message}
            </Alert>
          )}
          {saveError && saveError.errors.length > 0 && (
            <Alert color="red" role="alert" title="Please check the highlighted fields">
              {saveError.message}
            </Alert>
          )}
          {writable && (
            <Group>
              <Button
                onClick={submit}
                loading={save.isPending}
                disabled={!readyToSave || (warningsOnly && overrideReason.trim().length < 3)}
              >
                {session
                  ? "Save changes"
                  : repeat.enabled
                    ? `Schedule ${repeat.count} sessions`
                    : "Schedule session"}
              </Button>
              {blocking && (
                <Text size="sm" c="red.9">
                  Solve the double bookings first
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </Grid.Col>

      {session && (
        <Modal opened={rescheduleOpen} onClose={() => setRescheduleOpen(false)} title="Move this session?">
          <Stack>
            <Text size="sm">
              From {formatRange(session.startsAt, session.endsAt, session.timeZone)} to the new dates
              {draft.segments[0]
                ? ` starting ${draft.segments[0].start.replace("T", " ")} (${draft.timeZone})`
                : ""}
              .
            </Text>
            <ImpactPreview session={session} names={names} />
            <Textarea
              label="Reason"
              value={rescheduleReason}
              onChange={(e) => setRescheduleReason(e.currentTarget.value)}
              error={fieldError("reason")}
            />
            {saveError && <Alert color="red">{saveError.message}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRescheduleOpen(false)}>
                Keep the dates
              </Button>
              <Button loading={save.isPending} onClick={() => save.mutate("reschedule")}>
                Move the session
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Grid>
  );
}

export function NewSessionPage() {
  const search = useSearch({ from: "/sessions/new" });
  const date = search.date ?? localDateOf(addDays(startOfWeek(new Date()), 7));
  return (
    <>
      <PageHeader
        title="New session"
        description="Conflicts are checked while you type; nothing is saved until you schedule."
      />
      <Editor initial={emptyDraft(date)} />
    </>
  );
}

export function EditSessionPage() {
  const { sessionId } = useParams({ from: "/sessions/$sessionId" });
  const me = useMe();
  const names = useNames();
  const session = useQuery(sessionQuery(sessionId));
  if (session.isPending) return <Loader aria-label="Loading session" />;
  if (session.error || !session.data) {
    return (
      <Alert color="red" title="Session not found">
        {session.error?.message} <AnchorLink to="/sessions">Back to sessions</AnchorLink>
      </Alert>
    );
  }
  const s = session.data;
  return (
    <>
      <PageHeader
        title={s.title}
        description={
          <>
            <StatusBadge status={s.status} /> {formatRange(s.startsAt, s.endsAt, s.timeZone)}
            {s.joinUrl && (
              <>
                {" · "}
                <Anchor href={s.joinUrl} target="_blank" rel="noreferrer" underline="always">
                  join link
                </Anchor>
              </>
            )}
          </>
        }
        actions={canWrite(me.data) ? <SessionActions session={s} names={names} /> : undefined}
      />
      <SessionTabs
        session={s}
        details={
          // A new version (saved, moved, status changed) starts the draft afresh.
          <Editor key={`${s.id}-${s.version}`} initial={draftFromSession(s)} session={s} />
        }
      />
    </>
  );
}
