/** Placeholders a virtual platform's join-URL template may use. */
export const joinUrlPlaceholders = ["tenant", "session", "course", "segment"] as const;
export type JoinUrlVariables = Record<(typeof joinUrlPlaceholders)[number], string>;

export const defaultJitsiTemplate = "https://meet.jit.si/lectern-{tenant}-{session}";

const placeholderPattern = /\{([a-zA-Z]+)\}/g;

/** Fills a template; values are URL-encoded so a course code cannot break the URL. */
export function renderJoinUrl(template: string, variables: JoinUrlVariables): string {
  return template.replace(placeholderPattern, (whole, name: string) =>
    name in variables ? encodeURIComponent(variables[name as keyof JoinUrlVariables]) : whole,
  );
}

/** Problems with a template, or an empty list when it renders to a valid http(s) URL. */
export function joinUrlTemplateProblems(template: string): string[] {
  const unknown = [...template.matchAll(placeholderPattern)]
    .map((match) => match[1]!)
    .filter((name) => !(joinUrlPlaceholders as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return [
      `unknown placeholder ${unknown.map((n) => `{${n}}`).join(", ")}; use ${joinUrlPlaceholders.map((n) => `{${n}}`).join(", ")}`,
    ];
  }
  const sample = renderJoinUrl(template, {
    tenant: "acme",
    session: "0190",
    course: "SQL-101",
    segment: "1",
  });
  try {
    const url = new URL(sample);
    return url.protocol === "https:" || url.protocol === "http:" ? [] : ["must be an http(s) URL"];
  } catch {
    return ["must be a URL, e.g. https://meet.jit.si/{tenant}-{session}"];
  }
}
