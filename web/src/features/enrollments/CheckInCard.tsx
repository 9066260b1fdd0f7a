import { Alert, Anchor, Button, Card, CopyButton, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useMemo } from "react";
import { encode } from "uqr";
import { api } from "../../api/client";
import type { Session } from "../../api/types";

/** A QR code as one SVG path, dark on white whatever the theme (scanners need the contrast). */
function QrCode({ value, label }: { value: string; label: string }) {
  const { path, size } = useMemo(() => {
    const qr = encode(value, { ecc: "M", border: 2 });
    let d = "";
    qr.data.forEach((row, y) => {
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      });
    });
    return { path: d, size: qr.size };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width={200}
      height={200}
      shapeRendering="crispEdges"
      data-testid="check-in-qr"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/**
 * The session's check-in link as a QR code to put on the screen or the door: learners open it on
 * the day and give their e-mail (present from an hour before a day starts, late after 15 minutes).
 */
export function CheckInCard({ session }: { session: Session }) {
  const code = useMutation({
    mutationFn: () => api.post<{ code: string; url: string }>(`/sessions/${session.id}/check-in-code`),
  });
  const link = code.data ? `${window.location.origin}/check-in/${code.data.code}` : null;
  return (
    <Card withBorder component="section" aria-labelledby="check-in-title">
      <Title order={2} size="h4" id="check-in-title" mb="xs">
        Check-in
      </Title>
      {!link ? (
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="dimmed">
            Learners scan the code on the day and give their e-mail; their attendance is recorded for the day
            under way.
          </Text>
          <Button variant="light" onClick={() => code.mutate()} loading={code.isPending}>
            Show the check-in QR code
          </Button>
          {code.error && (
            <Alert color="red" role="alert">
              {code.error.message}
            </Alert>
          )}
        </Stack>
      ) : (
        <Group align="flex-start" wrap="wrap">
          <QrCode value={link} label={`QR code for the check-in link ${link}`} />
          <Stack gap={6} maw={320}>
            <Text size="sm">Or open the link:</Text>
            <Anchor href={link} target="_blank" rel="noreferrer" size="sm" style={{ wordBreak: "break-all" }}>
              {link}
            </Anchor>
            <CopyButton value={link}>
              {({ copied, copy }) => (
                <Button size="compact-sm" variant="default" onClick={copy}>
                  {copied ? "Copied" : "Copy the link"}
                </Button>
              )}
            </CopyButton>
          </Stack>
        </Group>
      )}
    </Card>
  );
}
