import { Alert, Button, Center, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useState } from "react";
import { ApiError, api } from "../../api/client";

/**
 * Where the session's QR code leads: a learner gives their e-mail and is marked present (or late)
 * for the day under way. No sign-in: the code in the link is the credential.
 */
export function CheckInPage() {
  const { code } = useParams({ from: "/check-in/$code" });
  const [email, setEmail] = useState("");
  const checkIn = useMutation({
    mutationFn: () =>
      api.post<{ status: "present" | "late"; segment: number }>(`/check-in/${code}`, { email }),
  });
  const error = checkIn.error instanceof ApiError ? checkIn.error : null;
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        {checkIn.data ? (
          <Alert color="teal" title="You are checked in" role="status">
            Recorded as {checkIn.data.status} for day {checkIn.data.segment}.
          </Alert>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              checkIn.mutate();
            }}
          >
            <Stack>
              <div>
                <Title order={1} size="h2">
                  Check in
                </Title>
                <Text c="dimmed" size="sm">
                  Give the e-mail you registered with.
                </Text>
              </div>
              <TextInput
                label="Email"
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={error ? (error.fieldError("email") ?? error.message) : undefined}
              />
              <Button type="submit" loading={checkIn.isPending}>
                Check in
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
    </Center>
  );
}
