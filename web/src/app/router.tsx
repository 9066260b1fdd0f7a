import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  useRouterState,
} from "@tanstack/react-router";
import { Shell } from "../features/shell/Shell";

// Every page is its own chunk (lazyRouteComponent): the first view loads only the shell and itself.
// The session page's tabs (enrollments, waitlist, approvals, attendance, messages) are `?tab=`
// on the session's route, each its own chunk too.

// Pages anyone may open without signing in: the public catalog, confirmations, sign-in links and
// the check-in page a session's QR code leads to.
const outsideShell = (path: string) =>
  path === "/login" ||
  path.startsWith("/catalog") ||
  path === "/register/confirm" ||
  path === "/sign-in/link" ||
  path.startsWith("/check-in/");

function Root() {
  const path = useRouterState({ select: (state) => state.location.pathname });
  if (outsideShell(path)) return <Outlet />;
  return <Shell />;
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

const rootRoute = createRootRoute({ component: Root });
const page = <P extends string>(path: P, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => rootRoute, path, component: lazyRouteComponent(load as never, name) });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: (search: Record<string, unknown>) => ({ redirect: text(search.redirect) }),
  component: lazyRouteComponent(() => import("../features/auth/LoginPage"), "LoginPage"),
});
const dashboardRoute = page("/", () => import("../features/dashboard/DashboardPage"), "DashboardPage");
const calendarRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/calendar",
  validateSearch: (search: Record<string, unknown>) => ({
    view: (["month", "week", "day"].includes(String(search.view)) ? search.view : "week") as
      | "month"
      | "week"
      | "day",
    date: text(search.date),
  }),
  component: lazyRouteComponent(() => import("../features/calendar/CalendarPage"), "CalendarPage"),
});
const timelineRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/timeline",
  validateSearch: (search: Record<string, unknown>) => ({
    by: (search.by === "rooms" ? "rooms" : "instructors") as "rooms" | "instructors",
    date: text(search.date),
  }),
  component: lazyRouteComponent(() => import("../features/timeline/TimelinePage"), "TimelinePage"),
});
const sessionsRoute = page("/sessions", () => import("../features/sessions/SessionsPage"), "SessionsPage");
const newSessionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sessions/new",
  validateSearch: (search: Record<string, unknown>) => ({ date: text(search.date) }),
  component: lazyRouteComponent(() => import("../features/sessions/SessionEditorPage"), "NewSessionPage"),
});
const sessionTabs = ["details", "enrollments", "waitlist", "approvals", "attendance", "messages"] as const;
const sessionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sessions/$sessionId",
  validateSearch: (search: Record<string, unknown>): { tab?: (typeof sessionTabs)[number] } => {
    const tab = sessionTabs.find((t) => t === search.tab);
    return tab ? { tab } : {};
  },
  component: lazyRouteComponent(() => import("../features/sessions/SessionEditorPage"), "EditSessionPage"),
});
const checkInRoute = page(
  "/check-in/$code",
  () => import("../features/enrollments/CheckInPage"),
  "CheckInPage",
);
const listSearch = (search: Record<string, unknown>) => ({ q: text(search.q) });
const listPage = <P extends string>(path: P, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path,
    validateSearch: listSearch,
    component: lazyRouteComponent(load as never, name),
  });
const coursesRoute = listPage("/courses", () => import("../features/catalog/CoursesPage"), "CoursesPage");
const locationsRoute = listPage(
  "/locations",
  () => import("../features/resources/LocationsPage"),
  "LocationsPage",
);
const equipmentRoute = listPage(
  "/equipment",
  () => import("../features/resources/EquipmentPage"),
  "EquipmentPage",
);
const instructorsRoute = listPage(
  "/instructors",
  () => import("../features/instructors/InstructorsPage"),
  "InstructorsPage",
);
const instructorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/instructors/$instructorId",
  component: lazyRouteComponent(() => import("../features/instructors/InstructorPage"), "InstructorPage"),
});
const clientsRoute = listPage("/clients", () => import("../features/people/ClientsPage"), "ClientsPage");
const learnersRoute = listPage("/learners", () => import("../features/people/LearnersPage"), "LearnersPage");
const importRoute = page("/import", () => import("../features/imports/ImportPage"), "ImportPage");
const plannerRoute = page("/planner", () => import("../features/planner/PlannerPage"), "PlannerPage");
const portalRoute = page("/portal", () => import("../features/portal/PortalPage"), "PortalPage");
const learnerPortalRoute = page(
  "/my",
  () => import("../features/portal/LearnerPortalPage"),
  "LearnerPortalPage",
);
const clientPortalRoute = page(
  "/employees",
  () => import("../features/portal/ClientPortalPage"),
  "ClientPortalPage",
);
const usersRoute = page("/users", () => import("../features/users/UsersPage"), "UsersPage");
const catalogChooserRoute = page(
  "/catalog",
  () => import("../features/public/CatalogPage"),
  "CatalogChooserPage",
);
const catalogRoute = page("/catalog/$tenant", () => import("../features/public/CatalogPage"), "CatalogPage");
const catalogSessionRoute = page(
  "/catalog/$tenant/$sessionId",
  () => import("../features/public/CatalogSessionPage"),
  "CatalogSessionPage",
);
const learnerSignInRoute = page(
  "/catalog/$tenant/sign-in",
  () => import("../features/public/LearnerSignInPage"),
  "LearnerSignInPage",
);
const confirmRegistrationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/register/confirm",
  validateSearch: (search: Record<string, unknown>) => ({
    token: text(search.token),
    tenant: text(search.tenant),
  }),
  component: lazyRouteComponent(
    () => import("../features/public/ConfirmRegistrationPage"),
    "ConfirmRegistrationPage",
  ),
});
const signInLinkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in/link",
  validateSearch: (search: Record<string, unknown>) => ({ token: text(search.token) }),
  component: lazyRouteComponent(() => import("../features/public/LearnerSignInPage"), "SignInLinkPage"),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  dashboardRoute,
  calendarRoute,
  timelineRoute,
  sessionsRoute,
  newSessionRoute,
  sessionRoute,
  coursesRoute,
  locationsRoute,
  equipmentRoute,
  instructorsRoute,
  instructorRoute,
  clientsRoute,
  learnersRoute,
  importRoute,
  plannerRoute,
  portalRoute,
  learnerPortalRoute,
  clientPortalRoute,
  usersRoute,
  catalogChooserRoute,
  catalogRoute,
  catalogSessionRoute,
  learnerSignInRoute,
  confirmRegistrationRoute,
  signInLinkRoute,
  checkInRoute,
]);

export const router = createRouter({ routeTree, defaultPreload: "intent" });

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
