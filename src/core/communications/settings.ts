import type { Config } from "../config.js";
import { publicUrl } from "../config.js";

const DAY = 86_400_000;

/** What communications read from the configuration (one place, so tests can pass their own). */
export interface CommsSettings {
  /** Base of links in messages and feed URLs. */
  publicUrl: string;
  /** smtp://user:pass@host:port; without it messages stay in the outbox. */
  smtpUrl: string | null;
  from: string;
  /** Reminders this long before a session starts (e.g. 7 days and 1 day). */
  reminderOffsetsMs: number[];
  /** Pre-course information this long before the start. */
  preCourseMs: number;
  /** Feedback request this long after the end. */
  feedbackDelayMs: number;
  /** An unanswered assignment request is reminded this long after it was sent (or a day before respondBy). */
  assignmentReminderMs: number;
  /** Accept/decline links stay valid this long (or until respondBy). */
  linkValidityMs: number;
  /** "Your certification expires" this long before a certificate's expiresOn. */
  certificateNoticeMs: number;
}

export const defaultCommsSettings: CommsSettings = {
  publicUrl: "http://localhost:3000",
  smtpUrl: null,
  from: "Lectern <no-reply@localhost>",
  reminderOffsetsMs: [7 * DAY, DAY],
  preCourseMs: 3 * DAY,
  feedbackDelayMs: 2 * 3_600_000,
  assignmentReminderMs: 2 * DAY,
  linkValidityMs: 14 * DAY,
  certificateNoticeMs: 30 * DAY,
};

/** "7d,1d,2h" → milliseconds. */
export function parseOffsets(text: string): number[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = part.match(/^(\d+)\s*([dhm])$/);
      if (!match) throw new Error(`"${part}" is not an offset like 7d, 12h or 30m`);
      const unit = { d: DAY, h: 3_600_000, m: 60_000 }[match[2] as "d" | "h" | "m"];
      return Number(match[1]) * unit;
    })
    .sort((a, b) => b - a);
}

export function commsSettingsFrom(config: Partial<Config>): CommsSettings {
  return {
    ...defaultCommsSettings,
    publicUrl: config.HOST !== undefined ? publicUrl(config as Config) : defaultCommsSettings.publicUrl,
    smtpUrl: config.SMTP_URL ?? null,
    from: config.SMTP_FROM ?? defaultCommsSettings.from,
    ...(config.REMINDER_OFFSETS && { reminderOffsetsMs: parseOffsets(config.REMINDER_OFFSETS) }),
    ...(config.PRE_COURSE_DAYS !== undefined && { preCourseMs: config.PRE_COURSE_DAYS * DAY }),
  };
}
