import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "../../api/client";
import type { Page, Session } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { StatusBadge } from "../../components/StatusBadge";
import { formatRange } from "../../components/time";
import { useMe } from "../auth/session";
import { AvailabilityEditor } from "../instructors/AvailabilityEditor";
import { TimeOffEditor } from "../instructors/TimeOffEditor";
import { FeedUrl } from "./FeedUrl";

function RequestCard({ session, instructorId }: { session: Session; instructorId: string }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const assignment = session.instructors.find(
    (a) => a.instructorId === instructorId && a.status === "requested",
  )!;
  const respond = useMutation({
    mutationFn: (answer: "accept" | "decline") =>
      api.post(`/sessions/${session.id}/instructors/${assignment.id}/${answer}`, {
        note: note.trim() || null,
      }),
    onSuccess: async (_result, answer) => {
      notifications.show({
        color: answer === "accept" ? "teal" : "orange",
        message: answer === "accept" ? "Accepted" : "Declined",
      });
      await queryClient.invalidateQueries({ queryKey: ["portal"] });
    },
  });
  return (
    <Card withBorder data-testid="assignment-request">
      <Text fw={600}>{session.title}</Text>
      <Text size="sm" c="dimmed">
        {formatRange(session.startsAt, session.endsAt, session.timeZone)} · as {assignment.role}
        {assignment.respondBy && ` · answer by ${new Date(assignment.respondBy).toLocaleDateString()}`}
      </Text>
      <Textarea
        label="Message to the coordinator"
        placeholder="Optional"
        mt="xs"
        autosize
        minRows={1}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      {respond.error && (
        <Alert color="red" mt="xs" role="alert">
          {errorMessage(respond.error)}
        </Alert>
      )}
      <Group mt="sm">
        <Button
          size="sm"
          loading={respond.isPending && respond.variables === "accept"}
          onClick={() => respond.mutate("accept")}
        >
          Accept
        </Button>
        <Button
          size="sm"
          variant="light"
          color="red"
          loading={respond.isPending && respond.variables === "decline"}
          onClick={() => respond.mutate("decline")}
        >
          Decline
        </Button>
      </Group>
    </Card>
  );
}

/** The instructor's own page: requests to answer, what is coming, availability and time off. */
export function PortalPage() {
  const me = useMe();
  const instructorId = me.data?.user?.instructorId;
  const [from] = useState(() => new Date().toISOString());
  const sessions = useQuery({
    queryKey: ["portal", instructorId, from],
    enabled: !!instructorId,
    queryFn: () => api.get<Page<Session>>("/sessions", { instructorId: instructorId!, from, limit: 100 }),
  });
  if (!instructorId) {
    return (
      <Alert color="gray">This page is for instructors: your login is not linked to an instructor.</Alert>
    );
  }
  const mine = (sessions.data?.items ?? []).filter(
    (s) => s.status !== "cancelled" && s.status !== "postponed",
  );
  const statusOf = (s: Session) => s.instructors.find((a) => a.instructorId === instructorId)?.status;
  const requests = mine.filter((s) => statusOf(s) === "requested");
  const upcoming = mine.filter((s) => statusOf(s) === "accepted");
  return (
    <>
      <PageHeader
        title="My work"
        description={`Times in your zone (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
        <Stack component="section" aria-labelledby="requests-title">
          <Title order={2} size="h4" id="requests-title">
            Requests waiting for your answer
          </Title>
          {requests.length === 0 ? (
            <Text size="sm" c="dimmed">
              {sessions.isPending ? "Loading…" : "Nothing to answer."}
            </Text>
          ) : (
            requests.map((s) => <RequestCard key={s.id} session={s} instructorId={instructorId} />)
          )}
        </Stack>
        <Stack component="section" aria-labelledby="upcoming-title">
          <Title order={2} size="h4" id="upcoming-title">
            My upcoming sessions
          </Title>
          {upcoming.length === 0 ? (
            <Text size="sm" c="dimmed">
              {sessions.isPending ? "Loading…" : "No accepted sessions ahead."}
            </Text>
          ) : (
            upcoming.map((s) => (
              <Card withBorder key={s.id} padding="sm">
                <Group justify="space-between">
                  <div>
                    <Text fw={500}>{s.title}</Text>
                    <Text size="sm" c="dimmed">
                      {formatRange(s.startsAt, s.endsAt, s.timeZone)}
                    </Text>
                  </div>
                  <StatusBadge status={s.status} />
                </Group>
              </Card>
            ))
          )}
        </Stack>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <AvailabilityEditor instructorId={instructorId} editable />
        <TimeOffEditor instructorId={instructorId} editable />
        <FeedUrl kind="instructor" subjectId={instructorId} />
      </SimpleGrid>
    </>
  );
}
