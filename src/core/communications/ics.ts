import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { Temporal } from "temporal-polyfill";
import { vtimezone } from "./vtimezone.js";

export interface CalendarSession {
  id: string;
  title: string;
  status: string;
  timeZone: string;
  /** sessions.version: bumped on every change, so it doubles as the iCalendar SEQUENCE. */
  version: number;
  location: string | null;
  joinUrl: string | null;
  description: string | null;
  segments: { position: number; startsAt: number; endsAt: number }[];
}

export type CalendarMethod = "REQUEST" | "CANCEL" | "PUBLISH";

export interface CalendarOptions {
  method: CalendarMethod;
  name: string;
  organizer?: { name: string; email: string };
  attendee?: { name: string | null; email: string };
}

/**
 * One VEVENT per segment. UID `<session id>-<position>@lectern` stays the same through
 * reschedules (a calendar moves the event instead of adding one); SEQUENCE is the session's
 * version minus one, so every change (a cancellation included) raises it.
 */
export function sessionUid(sessionId: string, position: number): string {
  return `${sessionId}-${position}@lectern`;
}

const zoned = (ms: number, zone: string) =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);

export function buildCalendar(sessions: CalendarSession[], options: CalendarOptions): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: "Lectern", product: "lectern", language: "EN" },
    method: ICalCalendarMethod[options.method],
    timezone: { name: null, generator: (zone) => vtimezone(zone) },
  });
  const zones = new Set<string>();
  for (const session of sessions) {
    zones.add(session.timeZone);
    const cancelled = options.method === "CANCEL" || session.status === "cancelled";
    for (const segment of session.segments) {
      calendar.createEvent({
        id: sessionUid(session.id, segment.position),
        sequence: Math.max(0, session.version - 1),
        start: zoned(segment.startsAt, session.timeZone) as never,
        end: zoned(segment.endsAt, session.timeZone) as never,
        timezone: session.timeZone,
        summary:
          session.segments.length > 1
            ? `${session.title} (${segment.position + 1}/${session.segments.length})`
            : session.title,
        description: session.description ?? undefined,
        location: session.location ?? session.joinUrl ?? undefined,
        url: session.joinUrl ?? undefined,
        status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        organizer: options.organizer,
        attendees: options.attendee
          ? [{ email: options.attendee.email, name: options.attendee.name ?? undefined, rsvp: false }]
          : [],
      });
    }
  }
  let text = calendar.toString();
  // One VTIMEZONE per zone used, placed before the first event (ical-generator adds only the calendar's).
  const blocks = [...zones].map((zone) => `${vtimezone(zone)}\r\n`).join("");
  const firstEvent = text.indexOf("BEGIN:VEVENT");
  text = firstEvent === -1 ? text : text.slice(0, firstEvent) + blocks + text.slice(firstEvent);
  return text;
}
