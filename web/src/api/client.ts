// One fetch wrapper for the whole app: cookie session, CSRF header on changes, problem+json errors.

export interface FieldProblem {
  path: string;
  message: string;
  row?: number;
  column?: string;
}

/** An RFC 9457 problem from the API, with the field paths it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldProblem[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The message for one field path (exact, or the first error under it). */
  fieldError(path: string): string | undefined {
    const exact = this.errors.find((e) => e.path === path);
    return (exact ?? this.errors.find((e) => e.path.startsWith(`${path}.`)))?.message;
  }
}

function csrfToken(): string | undefined {
  const match = document.cookie.match(/(?:^|;\s*)lectern_csrf=([^;]*)/);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

let onUnauthenticated: (() => void) | null = null;
/** The shell registers how to react when the session ends (back to the login page). */
export const setUnauthenticatedHandler = (handler: () => void) => {
  onUnauthenticated = handler;
};

export async function request<T>(
  method: string,
  path: string,
  options: { body?: unknown; query?: Query; csv?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET") {
    const token = csrfToken();
    if (token) headers["x-csrf-token"] = token;
  }
  let body: string | undefined;
  if (options.csv !== undefined) {
    headers["content-type"] = "text/csv";
    body = options.csv;
  } else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`/api/v1${withQuery(path, options.query)}`, {
    method,
    headers,
    body,
    credentials: "same-origin",
  });
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  const payload = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const problem = (typeof payload === "object" && payload) || {};
    if (response.status === 401 && !path.startsWith("/auth/")) onUnauthenticated?.();
    throw new ApiError(
      response.status,
      String(problem.code ?? "error"),
      String(problem.detail ?? problem.title ?? `Request failed (${response.status})`),
      Array.isArray(problem.errors) ? problem.errors : [],
      problem,
    );
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) =>
    request<T>("POST", path, { body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, { body }),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : "Something went wrong";
