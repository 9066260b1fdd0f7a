import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, useMemo, useState } from "react";
import { errorMessage } from "../../api/client";
import { ButtonLink } from "../../components/links";
import { PageHeader } from "../../components/PageHeader";
import { formatRange } from "../../components/time";
import { formatLabels, formatPrice, useCatalog } from "./catalog";
import { PublicLayout } from "./PublicLayout";

/** /catalog without an organisation: ask for its code (the tenant slug). */
export function CatalogChooserPage() {
  const navigate = useNavigate();
  const [tenant, setTenant] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (tenant.trim()) void navigate({ to: "/catalog/$tenant", params: { tenant: tenant.trim() } });
  };
  return (
    <PublicLayout>
      <PageHeader title="Course catalog" description="Which organisation's courses do you want to see?" />
      <form onSubmit={submit}>
        <Group align="flex-end">
          <TextInput
            label="Organisation code"
            required
            value={tenant}
            onChange={(e) => setTenant(e.currentTarget.value)}
          />
          <Button type="submit">Show courses</Button>
        </Group>
      </form>
    </PublicLayout>
  );
}

/** The public catalog: upcoming public sessions with seats left, with filters. No sign-in. */
export function CatalogPage() {
  const { tenant } = useParams({ from: "/catalog/$tenant" });
  const catalog = useCatalog(tenant);
  const [q, setQ] = useState("");
  const [format, setFormat] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const items = catalog.data?.items ?? [];
  const languages = useMemo(
    () => [...new Set(items.map((s) => s.language).filter((l): l is string => !!l))].sort(),
    [items],
  );
  const formats = useMemo(() => [...new Set(items.map((s) => s.format))].sort(), [items]);
  const needle = q.trim().toLowerCase();
  const shown = items.filter(
    (s) =>
      (!needle ||
        s.title.toLowerCase().includes(needle) ||
        s.courseCode.toLowerCase().includes(needle) ||
        (s.location ?? "").toLowerCase().includes(needle)) &&
      (!format || s.format === format) &&
      (!language || s.language === language),
  );
  return (
    <PublicLayout tenant={tenant}>
      <PageHeader title="Course catalog" description="Open sessions you can register for" />
      <Group mb="md" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Course, code or place"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Select
          label="Format"
          clearable
          placeholder="Any"
          data={formats.map((f) => ({ value: f, label: formatLabels[f] ?? f }))}
          value={format}
          onChange={setFormat}
        />
        <Select
          label="Language"
          clearable
          placeholder="Any"
          data={languages}
          value={language}
          onChange={setLanguage}
        />
      </Group>
      {catalog.isPending && <Loader aria-label="Loading the catalog" />}
      {catalog.error && (
        <Alert color="red" role="alert">
          {errorMessage(catalog.error)}
        </Alert>
      )}
      {catalog.data && shown.length === 0 && <Text c="dimmed">No open sessions match.</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {shown.map((s) => (
          <Card withBorder key={s.sessionId} component="article" data-testid="catalog-session">
            <Stack gap={4} h="100%">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text fw={600}>{s.title}</Text>
                <Badge variant="light" color={s.seatsLeft <= 3 ? "orange" : "teal"} style={{ flexShrink: 0 }}>
                  {s.seatsLeft} {s.seatsLeft === 1 ? "seat" : "seats"} left
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {s.courseCode} · {formatLabels[s.format] ?? s.format}
                {s.language && ` · ${s.language}`}
              </Text>
              <Text size="sm">{formatRange(s.startsAt, s.endsAt, s.timeZone)}</Text>
              {s.location && <Text size="sm">{s.location}</Text>}
              <Text size="sm">{formatPrice(s)}</Text>
              <ButtonLink
                to="/catalog/$tenant/$sessionId"
                params={{ tenant, sessionId: s.sessionId }}
                variant="light"
                mt="auto"
                aria-label={`Details and registration: ${s.title}`}
              >
                Details and registration
              </ButtonLink>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </PublicLayout>
  );
}
