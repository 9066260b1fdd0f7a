import {
  ActionIcon,
  Alert,
  Button,
  Card,
  CopyButton,
  Group,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { api, errorMessage } from "../../api/client";

/**
 * A secret calendar feed URL of one's own sessions. The server shows a feed's token once, so the
 * button makes a new URL each time (an old one keeps working until a coordinator revokes it).
 */
export function FeedUrl({ kind, subjectId }: { kind: "instructor" | "learner"; subjectId: string }) {
  const create = useMutation({
    mutationFn: () => api.post<{ url: string }>("/feeds", { kind, subjectId }),
  });
  return (
    <Card withBorder component="section" aria-labelledby="feed-title">
      <Title order={2} size="h4" id="feed-title">
        My calendar feed
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Subscribe in Outlook, Google or Apple Calendar: your sessions stay up to date there. Keep the address
        private; anyone who has it sees your sessions.
      </Text>
      {create.data ? (
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            label="Feed URL"
            readOnly
            value={create.data.url}
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="feed-url"
          />
          <CopyButton value={create.data.url}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? "Copied" : "Copy"}>
                <ActionIcon
                  variant="light"
                  size="lg"
                  onClick={copy}
                  aria-label={copied ? "Copied" : "Copy the feed URL"}
                >
                  <span aria-hidden>{copied ? "✓" : "⧉"}</span>
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
      ) : (
        <Button variant="light" onClick={() => create.mutate()} loading={create.isPending}>
          Get my feed URL
        </Button>
      )}
      {create.error && (
        <Alert color="red" mt="xs" role="alert">
          {errorMessage(create.error)}
        </Alert>
      )}
    </Card>
  );
}
