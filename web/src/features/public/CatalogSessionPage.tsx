import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { ApiError, api, errorMessage } from "../../api/client";
import { AnchorLink } from "../../components/links";
import { formatRange } from "../../components/time";
import { formatLabels, formatPrice, useCatalog } from "./catalog";
import { PublicLayout } from "./PublicLayout";

function RegistrationForm({ tenant, sessionId }: { tenant: string; sessionId: string }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const register = useMutation({
    mutationFn: () =>
      api.post(`/public/${encodeURIComponent(tenant)}/sessions/${sessionId}/registrations`, { name, email }),
  });
  const error = register.error instanceof ApiError ? register.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  if (register.isSuccess) {
    return (
      <Alert color="teal" title="Check your e-mail" role="status" data-testid="registration-requested">
        We sent a confirmation link to {email}. Your registration counts once you follow it (within 48 hours).
      </Alert>
    );
  }
  return (
    <form onSubmit={submit} aria-labelledby="register-title">
      <Stack>
        <Title order={2} size="h4" id="register-title">
          Register
        </Title>
        {register.error && !error?.errors.length && (
          <Alert color="red" role="alert">
            {error?.status === 429
              ? "Too many registrations from here; try again later."
              : errorMessage(register.error)}
          </Alert>
        )}
        <TextInput
          label="Your name"
          required
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error?.fieldError("name")}
        />
        <TextInput
          label="E-mail"
          type="email"
          required
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={error?.fieldError("email")}
        />
        <Button type="submit" loading={register.isPending}>
          Register
        </Button>
      </Stack>
    </form>
  );
}

/** One public session: what, when, where, seats left, and the self-registration form. */
export function CatalogSessionPage() {
  const { tenant, sessionId } = useParams({ from: "/catalog/$tenant/$sessionId" });
  const catalog = useCatalog(tenant);
  const session = catalog.data?.items.find((s) => s.sessionId === sessionId);
  return (
    <PublicLayout tenant={tenant}>
      <AnchorLink to="/catalog/$tenant" params={{ tenant }} size="sm">
        ← All courses
      </AnchorLink>
      {catalog.isPending && <Loader aria-label="Loading" />}
      {catalog.error && (
        <Alert color="red" role="alert">
          {errorMessage(catalog.error)}
        </Alert>
      )}
      {catalog.data && !session && (
        <Alert color="gray" mt="md">
          This session is not open for registration (full, started or not public).
        </Alert>
      )}
      {session && (
        <Group align="flex-start" mt="md" gap="xl" wrap="wrap">
          <Stack style={{ flex: "2 1 320px" }} gap="xs">
            <Title order={1} size="h2">
              {session.title}
            </Title>
            <Group gap="xs">
              <Badge variant="light">{session.courseCode}</Badge>
              <Badge variant="light" color="gray">
                {formatLabels[session.format] ?? session.format}
              </Badge>
              {session.language && (
                <Badge variant="light" color="gray">
                  {session.language}
                </Badge>
              )}
              <Badge
                variant="light"
                color={session.seatsLeft <= 3 ? "orange" : "teal"}
                data-testid="seats-left"
              >
                {session.seatsLeft} {session.seatsLeft === 1 ? "seat" : "seats"} left
              </Badge>
            </Group>
            <Text>{formatRange(session.startsAt, session.endsAt, session.timeZone)}</Text>
            {session.location && <Text>{session.location}</Text>}
            <Text>{formatPrice(session)}</Text>
            {session.description && <Text c="dimmed">{session.description}</Text>}
          </Stack>
          <Card withBorder style={{ flex: "1 1 280px" }}>
            <RegistrationForm tenant={tenant} sessionId={sessionId} />
          </Card>
        </Group>
      )}
    </PublicLayout>
  );
}
