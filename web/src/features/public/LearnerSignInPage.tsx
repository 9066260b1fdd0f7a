import { Alert, Button, Loader, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ApiError, api, errorMessage } from "../../api/client";
import { PageHeader } from "../../components/PageHeader";
import { PublicLayout } from "./PublicLayout";

/** Learners sign in without a password: they get a single-use link by e-mail. */
export function LearnerSignInPage() {
  const { tenant } = useParams({ from: "/catalog/$tenant/sign-in" });
  const [email, setEmail] = useState("");
  const request = useMutation({ mutationFn: () => api.post("/auth/sign-in-link", { tenant, email }) });
  const error = request.error instanceof ApiError ? request.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <PublicLayout tenant={tenant}>
      <PageHeader title="My enrollments" description="Sign in with the e-mail address you registered with" />
      <Paper withBorder p="lg" maw={440}>
        {request.isSuccess ? (
          <Alert color="teal" title="Check your e-mail" role="status" data-testid="sign-in-requested">
            If {email} is registered with us, a sign-in link is on its way. It works once, for 15 minutes.
          </Alert>
        ) : (
          <form onSubmit={submit}>
            <Stack>
              {request.error && !error?.errors.length && (
                <Alert color="red" role="alert">
                  {error?.status === 429
                    ? "Too many requests from here; try again later."
                    : errorMessage(request.error)}
                </Alert>
              )}
              <TextInput
                label="E-mail"
                type="email"
                required
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={error?.fieldError("email")}
              />
              <Button type="submit" loading={request.isPending}>
                E-mail me a sign-in link
              </Button>
              <Text size="xs" c="dimmed">
                Staff sign in with their password at /login.
              </Text>
            </Stack>
          </form>
        )}
      </Paper>
    </PublicLayout>
  );
}

/** Where the sign-in link lands: redeems it (once) and opens the learner's portal. */
export function SignInLinkPage() {
  const { token } = useSearch({ from: "/sign-in/link" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const redeem = useMutation({
    mutationFn: () => api.post("/auth/sign-in-link/redeem", { token }),
    onSuccess: async () => {
      queryClient.clear();
      await navigate({ to: "/my", replace: true });
    },
  });
  const started = useRef(false);
  useEffect(() => {
    if (token && !started.current) {
      started.current = true;
      redeem.mutate();
    }
  }, [token, redeem]);
  return (
    <PublicLayout>
      <PageHeader title="Signing in" />
      {(redeem.isPending || redeem.isSuccess) && <Loader aria-label="Signing in" />}
      {(redeem.error || !token) && (
        <Alert color="red" role="alert" title="Not signed in" maw={560}>
          {token ? errorMessage(redeem.error) : "This link is incomplete."} Ask for a new link from the
          catalog's “My enrollments” page.
        </Alert>
      )}
    </PublicLayout>
  );
}
