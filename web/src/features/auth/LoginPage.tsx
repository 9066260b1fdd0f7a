import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../api/client";
import type { LoginInput } from "../../api/types";

export function LoginPage() {
  const navigate = useNavigate();
  const search = useSearch({ from: "/login" });
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [tenant, setTenant] = useState("");
  const login = useMutation({
    mutationFn: (input: LoginInput) => api.post("/auth/login", input),
    onSuccess: async () => {
      queryClient.clear();
      await navigate({ to: search.redirect?.startsWith("/") ? search.redirect : "/" });
    },
  });
  const error = login.error instanceof ApiError ? login.error : null;
  const needsTenant = error?.fieldError("tenant") !== undefined || tenant !== "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password, ...(tenant && { tenant }) });
  };
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={400}>
        <form onSubmit={submit}>
          <Stack>
            <div>
              <Title order={1} size="h2">
                Lectern
              </Title>
              <Text c="dimmed" size="sm">
                Sign in to plan and run your training
              </Text>
            </div>
            {error && !error.errors.length && (
              <Alert color="red" role="alert" title="Not signed in">
                {error.message}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={error?.fieldError("email")}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={error?.fieldError("password")}
            />
            {needsTenant && (
              <TextInput
                label="Tenant"
                description="Your email has a login in several organisations: which one?"
                value={tenant}
                onChange={(e) => setTenant(e.currentTarget.value)}
                error={error?.fieldError("tenant")}
              />
            )}
            <Button type="submit" loading={login.isPending}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
