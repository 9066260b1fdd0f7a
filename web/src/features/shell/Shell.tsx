import {
  ActionIcon,
  AppShell,
  Burger,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { Suspense, useEffect } from "react";
import { ApiError, api, setUnauthenticatedHandler } from "../../api/client";
import { canWrite, useMe } from "../auth/session";
import { GlobalSearch } from "./GlobalSearch";

interface NavItem {
  to: string;
  label: string;
  show: "all" | "staff" | "write" | "instructor" | "learner" | "client_contact" | "admin";
}

const navigation: { title: string; items: NavItem[] }[] = [
  {
    title: "Operations",
    items: [
      { to: "/portal", label: "My work", show: "instructor" },
      { to: "/my", label: "My training", show: "learner" },
      { to: "/employees", label: "My employees", show: "client_contact" },
      { to: "/", label: "Dashboard", show: "staff" },
      { to: "/calendar", label: "Calendar", show: "all" },
      { to: "/timeline", label: "Resource timeline", show: "staff" },
      { to: "/sessions", label: "Sessions", show: "staff" },
      { to: "/planner", label: "Planner", show: "write" },
    ],
  },
  {
    title: "Reference data",
    items: [
      { to: "/courses", label: "Courses", show: "staff" },
      { to: "/locations", label: "Locations & rooms", show: "staff" },
      { to: "/equipment", label: "Equipment", show: "staff" },
      { to: "/instructors", label: "Instructors", show: "staff" },
      { to: "/clients", label: "Clients", show: "staff" },
      { to: "/learners", label: "Learners", show: "staff" },
      { to: "/import", label: "Import CSV", show: "write" },
      { to: "/users", label: "Users", show: "admin" },
    ],
  },
];

// Learners and client contacts have their own page and nothing of the staff's.
const portalHome: Record<string, string> = {
  instructor: "/portal",
  learner: "/my",
  client_contact: "/employees",
};

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme("light");
  const next = computed === "dark" ? "light" : "dark";
  return (
    <Tooltip label={`Switch to ${next} mode`}>
      <ActionIcon
        variant="default"
        size="lg"
        onClick={() => setColorScheme(next)}
        aria-label={`Switch to ${next} mode`}
      >
        <span aria-hidden>{computed === "dark" ? "☀" : "☾"}</span>
      </ActionIcon>
    </Tooltip>
  );
}

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const path = useRouterState({ select: (state) => state.location.pathname });
  const href = useRouterState({ select: (state) => state.location.href });
  const me = useMe();

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      queryClient.clear();
      void navigate({ to: "/login", search: { redirect: window.location.pathname } });
    });
  }, [navigate, queryClient]);
  useEffect(() => {
    if (me.error instanceof ApiError && me.error.status === 401) {
      void navigate({ to: "/login", search: { redirect: href }, replace: true });
    }
  }, [me.error, navigate, href]);
  useEffect(() => {
    // Instructors, learners and client contacts land on their portal.
    const home = me.data && portalHome[me.data.actor.role];
    if (path === "/" && home) void navigate({ to: home, replace: true });
  }, [path, me.data, navigate]);
  useEffect(() => close(), [close]);

  if (!me.data) {
    return (
      <Center mih="100vh">
        {me.error && !(me.error instanceof ApiError && me.error.status === 401) ? (
          <Text role="alert">Lectern could not be reached: {String(me.error.message)}</Text>
        ) : (
          <Loader aria-label="Loading" />
        )}
      </Center>
    );
  }
  const role = me.data.actor.role;
  const portalOnly = role === "learner" || role === "client_contact";
  const visible = (item: NavItem) =>
    item.show === role ||
    (item.show === "all" && !portalOnly) ||
    (item.show === "staff" && role !== "instructor" && !portalOnly) ||
    (item.show === "write" && canWrite(me.data));
  const logout = async () => {
    await api.post("/auth/logout").catch(() => undefined);
    queryClient.clear();
    await navigate({ to: "/login", search: { redirect: undefined } });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: "md", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label="Toggle navigation"
            />
            <UnstyledButton component={Link} to="/">
              <Title order={2} size="h4">
                Lectern
              </Title>
            </UnstyledButton>
            <Text c="dimmed" size="sm" visibleFrom="sm" data-testid="tenant-name">
              {me.data.tenant.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {role !== "instructor" && !portalOnly && <GlobalSearch />}
            <ColorSchemeToggle />
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton>
                  <Text size="sm" fw={500}>
                    {me.data.user?.name ?? me.data.actor.label}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {me.data.user?.email ?? me.data.actor.kind} · {role}
                </Menu.Label>
                <Menu.Item onClick={logout}>Sign out</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {navigation.map((section) => {
            const items = section.items.filter(visible);
            if (items.length === 0) return null;
            return (
              <nav key={section.title} aria-label={section.title}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="sm" mb={4}>
                  {section.title}
                </Text>
                {items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    active={item.to === "/" ? path === "/" : path.startsWith(item.to)}
                  />
                ))}
              </nav>
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <VisuallyHidden>
          <a href="#content">Skip to content</a>
        </VisuallyHidden>
        <div id="content">
          <Suspense fallback={<Loader aria-label="Loading page" />}>
            <Outlet />
          </Suspense>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
