/**
 * Built-in English templates per event. A tenant overrides any of them per language through the
 * API (message_templates); lookup order: tenant+language, tenant+"en", built-in. `{{name}}` is
 * replaced by a variable (HTML-escaped in the HTML part); an unknown variable renders empty.
 */
export interface Template {
  subject: string;
  text: string;
  html?: string | null;
}

const sessionLines = "{{courseTitle}}\nWhen: {{start}} – {{end}} ({{timeZone}})\nWhere: {{where}}";

export const builtInTemplates: Record<string, Template> = {
  "session.rescheduled": {
    subject: "Rescheduled: {{courseTitle}} now starts {{start}}",
    text: `Hello {{recipientName}},\n\nthe session has moved (it was {{previousStart}}).\n\n${sessionLines}\n\n{{reason}}`,
  },
  "session.cancelled": {
    subject: "Cancelled: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nwe are sorry: this session is cancelled.\n\n${sessionLines}\n\n{{reason}}`,
  },
  "session.postponed": {
    subject: "Postponed: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nthis session is postponed; we will send the new date.\n\n${sessionLines}`,
  },
  "session.location_changed": {
    subject: "New location: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nthe session takes place somewhere else now.\n\n${sessionLines}`,
  },
  "session.link_changed": {
    subject: "New joining link: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nthe link to join has changed: {{joinUrl}}\n\n${sessionLines}`,
  },
  "session.reminder": {
    subject: "Reminder: {{courseTitle}} starts {{start}}",
    text: `Hello {{recipientName}},\n\na reminder of your session in {{days}} day(s).\n\n${sessionLines}`,
  },
  "session.pre_course": {
    subject: "Before you come: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nyour course starts in {{days}} day(s). What to know before:\n\n${sessionLines}\nJoining: {{joinUrl}}\nMaterials: {{materials}}`,
  },
  "session.feedback_request": {
    subject: "How was {{courseTitle}}?",
    text: "Hello {{recipientName}},\n\nthank you for attending {{courseTitle}} ({{start}}). We would love your feedback: {{feedbackUrl}}",
  },
  "assignment.requested": {
    subject: "Can you teach {{courseTitle}} on {{start}}?",
    text: `Hello {{recipientName}},\n\nwe would like you to teach this session. Please answer by {{respondBy}}.\n\n${sessionLines}\n\nAccept: {{acceptUrl}}\nDecline: {{declineUrl}}`,
  },
  "assignment.reminder": {
    subject: "Waiting for your answer: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nwe have not heard from you yet. Please answer by {{respondBy}}.\n\n${sessionLines}\n\nAccept: {{acceptUrl}}\nDecline: {{declineUrl}}`,
  },
  "assignment.accepted": {
    subject: "Confirmed: you teach {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nthank you, your assignment is confirmed.\n\n${sessionLines}`,
  },
  "enrollment.enrolled": {
    subject: "You are enrolled: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nyour place is confirmed.\n\n${sessionLines}`,
  },
  "enrollment.approved": {
    subject: "Approved: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nyour enrollment was approved.\n\n${sessionLines}`,
  },
  "enrollment.pending_approval": {
    subject: "Awaiting approval: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nyour enrollment waits for approval.\n\n${sessionLines}`,
  },
  "enrollment.rejected": {
    subject: "Not approved: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nyour enrollment was not approved.\n\n${sessionLines}`,
  },
  "enrollment.waitlisted": {
    subject: "On the waiting list: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nthe session is full; you are number {{waitlistPosition}} on the waiting list.\n\n${sessionLines}`,
  },
  "enrollment.offered": {
    subject: "A place is free for you: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\na place is free. The offer holds until {{offerExpiresAt}}.\n\n${sessionLines}`,
  },
  "enrollment.promoted": {
    subject: "You have a place: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\ngood news: you moved up from the waiting list.\n\n${sessionLines}`,
  },
  "enrollment.cancelled": {
    subject: "Enrollment cancelled: {{courseTitle}} on {{start}}",
    text: `Hello {{recipientName}},\n\nyour enrollment is cancelled. {{reason}}\n\n${sessionLines}`,
  },
  "enrollment.transferred": {
    subject: "Moved to another session: {{courseTitle}}",
    text: `Hello {{recipientName}},\n\nyour enrollment moved to another session:\n\n${sessionLines}`,
  },
  "registration.confirmation_requested": {
    subject: "Please confirm your registration: {{courseTitle}}",
    text: `Hello {{recipientName}},\n\nplease confirm your registration by {{expiresAt}}: {{confirmUrl}}\n\n${sessionLines}`,
  },
  "learner.sign_in_link": {
    subject: "Your sign-in link",
    text: "Hello {{recipientName}},\n\nsign in to see your enrollments and certificates: {{signInUrl}}\n\nThe link works once, until {{expiresAt}}. If you did not ask for it, ignore this e-mail.",
  },
  "certificate.issued": {
    subject: "Your certificate: {{courseTitle}}",
    text: "Hello {{recipientName}},\n\nyour certificate for {{courseTitle}} is issued. Verification code: {{verificationCode}}. Valid until: {{expiresOn}}.",
  },
  "certificate.expiring": {
    subject: "Your certification expires on {{expiresOn}}: {{courseTitle}}",
    text: "Hello {{recipientName}},\n\nyour certification for {{courseTitle}} expires on {{expiresOn}}. Time to book a refresher.",
  },
};

export const templateEvents = Object.keys(builtInTemplates).sort();

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const fill = (template: string, variables: Record<string, string>, encode: (v: string) => string) =>
  template.replace(/\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g, (_, name: string) =>
    encode(variables[name] ?? ""),
  );

/** The variables a template uses (for validation and documentation). */
export const variablesOf = (text: string): string[] => [
  ...new Set([...text.matchAll(/\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]!)),
];

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** Plain text and HTML; without an HTML template, the HTML is the text in paragraphs, links clickable. */
export function renderTemplate(template: Template, variables: Record<string, string>): Rendered {
  const subject = fill(template.subject, variables, (v) => v)
    .replace(/\s+/g, " ")
    .trim();
  const text = fill(template.text, variables, (v) => v).trim();
  const html = template.html
    ? fill(template.html, variables, escapeHtml)
    : `<!doctype html><html><body>${text
        .split(/\n{2,}/)
        .map(
          (paragraph) =>
            `<p>${escapeHtml(paragraph)
              .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
              .replace(/\n/g, "<br>")}</p>`,
        )
        .join("\n")}</body></html>`;
  return { subject, text, html };
}
