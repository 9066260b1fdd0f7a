import { Alert, Loader, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useSearch } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { api, errorMessage } from "../../api/client";
import type { EnrollResult } from "../../api/types";
import { AnchorLink } from "../../components/links";
import { PageHeader } from "../../components/PageHeader";
import { PublicLayout } from "./PublicLayout";

const outcomes: Record<string, { color: string; title: string; text: (r: EnrollResult) => string }> = {
  enrolled: {
    color: "teal",
    title: "You are enrolled",
    text: () => "Your seat is booked. A calendar invitation follows by e-mail.",
  },
  waitlisted: {
    color: "yellow",
    title: "You are on the waiting list",
    text: (r) => `You are number ${r.waitlistPosition ?? "?"} in line; we e-mail you when a seat frees.`,
  },
  offered: {
    color: "yellow",
    title: "A seat is offered to you",
    text: () => "Accept it before the offer runs out.",
  },
  pending_approval: {
    color: "blue",
    title: "Waiting for approval",
    text: () => "This session needs an approval first; we e-mail you the answer.",
  },
};

/** Where the confirmation link of a self-registration lands: confirms once, shows the outcome. */
export function ConfirmRegistrationPage() {
  const { token, tenant } = useSearch({ from: "/register/confirm" });
  const confirm = useMutation({
    mutationFn: () => api.post<EnrollResult>("/public/registrations/confirm", { token }),
  });
  const started = useRef(false);
  useEffect(() => {
    // Once per page load (React may run effects twice in development).
    if (token && !started.current) {
      started.current = true;
      confirm.mutate();
    }
  }, [token, confirm]);
  const outcome = confirm.data && (outcomes[confirm.data.status] ?? outcomes.enrolled!);
  return (
    <PublicLayout tenant={tenant}>
      <PageHeader title="Your registration" />
      <Stack maw={560}>
        {!token && <Alert color="red">This link is incomplete: open the link from the e-mail again.</Alert>}
        {confirm.isPending && <Loader aria-label="Confirming" />}
        {confirm.error && (
          <Alert color="red" role="alert" title="Not confirmed">
            {errorMessage(confirm.error)}
          </Alert>
        )}
        {confirm.data && outcome && (
          <Alert color={outcome.color} title={outcome.title} role="status" data-testid="registration-result">
            <Text size="sm" data-status={confirm.data.status}>
              {outcome.text(confirm.data)}
            </Text>
          </Alert>
        )}
        {confirm.data && tenant && (
          <Text size="sm">
            See and manage your enrollments:{" "}
            <AnchorLink to="/catalog/$tenant/sign-in" params={{ tenant }}>
              sign in with your e-mail
            </AnchorLink>
            .
          </Text>
        )}
      </Stack>
    </PublicLayout>
  );
}
