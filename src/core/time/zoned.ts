import { Temporal } from "temporal-polyfill";

// Wall-clock ↔ instant conversions. Everything stored is an instant (epoch ms); everything a
// person types is local time in some IANA zone. Pure functions, DST-correct via Temporal.

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Local wall-clock time in a zone → instant. A time skipped by a DST jump moves forward by the
 * gap (02:30 on a spring-forward night is 03:30); an ambiguous autumn time takes the earlier one.
 */
export function localToInstant(local: string, zone: string): number {
  return Temporal.PlainDateTime.from(local).toZonedDateTime(zone, { disambiguation: "compatible" })
    .epochMilliseconds;
}

/** Midnight at the start of a local date (not always 00:00 where DST starts at midnight). */
export function startOfLocalDate(date: string, zone: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Instant → local wall-clock "YYYY-MM-DDTHH:mm" in a zone. */
export function instantToLocal(ms: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: "minute" });
}

/** Instant → local date "YYYY-MM-DD" in a zone. */
export const instantToLocalDate = (ms: number, zone: string): string => instantToLocal(ms, zone).slice(0, 10);

export type TimePoint =
  | { kind: "date"; date: string }
  | { kind: "local"; local: string }
  | { kind: "instant"; ms: number };

/** Reads a date, a local date-time, or an instant with offset; undefined when it is none of them. */
export function parseTimePoint(value: string): TimePoint | undefined {
  try {
    if (DATE.test(value))
      return { kind: "date", date: Temporal.PlainDate.from(value, { overflow: "reject" }).toString() };
    if (LOCAL_DATE_TIME.test(value)) {
      return { kind: "local", local: Temporal.PlainDateTime.from(value, { overflow: "reject" }).toString() };
    }
    if (OFFSET_DATE_TIME.test(value))
      return { kind: "instant", ms: Temporal.Instant.from(value).epochMilliseconds };
  } catch {
    return undefined;
  }
  return undefined;
}
