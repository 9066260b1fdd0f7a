import { AppShell, Container, Group, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { AnchorLink } from "../../components/links";

/** The frame of the pages anyone may open without signing in (catalog, confirmations, sign-in links). */
export function PublicLayout({ tenant, children }: { tenant?: string; children: ReactNode }) {
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Title order={2} size="h4">
            Lectern
          </Title>
          {tenant && (
            <Group gap="md" component="nav" aria-label="Catalog">
              <AnchorLink to="/catalog/$tenant" params={{ tenant }} size="sm">
                Courses
              </AnchorLink>
              <AnchorLink to="/catalog/$tenant/sign-in" params={{ tenant }} size="sm">
                My enrollments
              </AnchorLink>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" component="main" id="content">
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
