import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, errorMessage } from "../../api/client";
import type { Certificate, Page, PortalEnrollment } from "../../api/types";
import { ButtonLink } from "../../components/links";
import { PageHeader } from "../../components/PageHeader";
import { StatusBadge } from "../../components/StatusBadge";
import { formatRange } from "../../components/time";
import { useMe } from "../auth/session";
import { EnrollmentActions } from "./EnrollmentActions";
import { FeedUrl } from "./FeedUrl";

export const portalEnrollmentsQuery = {
  queryKey: ["portal-enrollments"],
  queryFn: () => api.get<{ items: PortalEnrollment[] }>("/portal/enrollments"),
};

const live = new Set(["enrolled", "waitlisted", "offered", "pending_approval", "attended"]);

function EnrollmentCard({ item, tenant }: { item: PortalEnrollment; tenant: string }) {
  return (
    <Card withBorder padding="sm" data-testid="my-enrollment">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600}>{item.session.title}</Text>
          <Text size="sm" c="dimmed">
            {formatRange(item.session.startsAt, item.session.endsAt, item.session.timeZone)}
          </Text>
          {item.status === "waitlisted" && item.waitlistPosition && (
            <Text size="sm">Number {item.waitlistPosition} on the waiting list</Text>
          )}
          {item.session.status === "cancelled" && (
            <Text size="sm" c="red">
              The session is cancelled
            </Text>
          )}
        </div>
        <StatusBadge status={item.status} />
      </Group>
      <Group mt="xs">
        <EnrollmentActions item={item} tenant={tenant} />
      </Group>
    </Card>
  );
}

/** A learner's own page: upcoming and past enrollments (cancel, change date), certificates, feed. */
export function LearnerPortalPage() {
  const me = useMe();
  const learnerId = me.data?.actor.learnerId;
  const tenant = me.data?.tenant.slug ?? "";
  const enrollments = useQuery({ ...portalEnrollmentsQuery, enabled: !!learnerId });
  const certificates = useQuery({
    queryKey: ["my-certificates"],
    enabled: !!learnerId,
    queryFn: () => api.get<Page<Certificate>>("/certificates", { limit: 100 }),
  });
  if (!learnerId) return <Alert color="gray">This page is for learners.</Alert>;
  const now = Date.now();
  const items = enrollments.data?.items ?? [];
  const upcoming = items
    .filter((e) => Date.parse(e.session.endsAt) >= now && live.has(e.status))
    .sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  const past = items.filter((e) => !upcoming.includes(e));
  return (
    <>
      <PageHeader
        title="My training"
        actions={
          <ButtonLink to="/catalog/$tenant" params={{ tenant }} variant="light">
            Find a course
          </ButtonLink>
        }
      />
      {enrollments.error && (
        <Alert color="red" role="alert" mb="md">
          {errorMessage(enrollments.error)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
        <Stack component="section" aria-labelledby="upcoming-title">
          <Title order={2} size="h4" id="upcoming-title">
            Upcoming
          </Title>
          {upcoming.length === 0 && (
            <Text size="sm" c="dimmed">
              {enrollments.isPending ? "Loading…" : "Nothing booked."}
            </Text>
          )}
          {upcoming.map((item) => (
            <EnrollmentCard key={item.id} item={item} tenant={tenant} />
          ))}
        </Stack>
        <Stack component="section" aria-labelledby="certificates-title">
          <Title order={2} size="h4" id="certificates-title">
            My certificates
          </Title>
          {(certificates.data?.items ?? []).length === 0 && (
            <Text size="sm" c="dimmed">
              {certificates.isPending ? "Loading…" : "No certificates yet."}
            </Text>
          )}
          {(certificates.data?.items ?? []).map((c) => (
            <Card withBorder padding="sm" key={c.id}>
              <Group justify="space-between">
                <div>
                  <Text fw={500}>{c.courseTitle}</Text>
                  <Text size="sm" c="dimmed">
                    Issued {c.issuedOn}
                    {c.expiresOn && ` · valid until ${c.expiresOn}`}
                    {c.revoked && " · revoked"}
                  </Text>
                </div>
                <Anchor
                  href={`/api/v1/certificates/${c.id}/pdf`}
                  download
                  aria-label={`Download the certificate for ${c.courseTitle} (PDF)`}
                >
                  Download PDF
                </Anchor>
              </Group>
            </Card>
          ))}
        </Stack>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack component="section" aria-labelledby="past-title">
          <Title order={2} size="h4" id="past-title">
            Past and cancelled
          </Title>
          {past.length === 0 && (
            <Text size="sm" c="dimmed">
              Nothing yet.
            </Text>
          )}
          {past.map((item) => (
            <EnrollmentCard key={item.id} item={item} tenant={tenant} />
          ))}
        </Stack>
        <FeedUrl kind="learner" subjectId={learnerId} />
      </SimpleGrid>
    </>
  );
}
