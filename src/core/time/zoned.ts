import { Temporal } from "temporal-polyfill";

// Wall-clock ↔ instant conversions. Everything stored is an instant (epoch ms); everything a
// person types is local time in some IANA zone. Pure functions, DST-correct.
//
// The conflict engine calls these tens of thousands of times per check, so they work from a
// zone's UTC offset at an instant (read once per zone and minute through Intl, then cached)
// with plain arithmetic, instead of building Temporal objects each time. zoned.test.ts checks
// them against Temporal across zones and DST changes.

const MINUTE = 60_000;
const DAY = 86_400_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's UTC offset at an instant, in ms (offsets only change on whole minutes). */
export function offsetAt(ms: number, zone: string): number {
  const minute = Math.floor(ms / MINUTE);
  const key = `${zone}|${minute}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const at = minute * MINUTE;
    const parts: Record<string, number> = {};
    for (const { type, value } of formatterFor(zone).formatToParts(at))
      if (type !== "literal") parts[type] = Number(value);
    const wall = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    offset = wall - at;
    if (offsets.size > 200_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** Epoch ms read as a wall clock ("YYYY-MM-DDTHH:mm") with no zone. */
function wallString(wall: number): string {
  const date = new Date(wall);
  const year = date.getUTCFullYear();
  const yearText = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  return `${yearText}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** "YYYY-MM-DDTHH:mm[:ss[.fff]]" → the same wall clock as epoch ms "in UTC". */
function wallOf(local: string): number {
  const year = Number(local.slice(0, 4));
  const month = Number(local.slice(5, 7));
  const day = Number(local.slice(8, 10));
  const hour = Number(local.slice(11, 13) || 0);
  const minute = Number(local.slice(14, 16) || 0);
  const seconds = local.length > 17 ? Number(local.slice(17)) : 0;
  return Date.UTC(year, month - 1, day, hour, minute) + Math.round(seconds * 1000);
}

/**
 * Local wall-clock time in a zone → instant. A time skipped by a DST jump moves forward by the
 * gap (02:30 on a spring-forward night is 03:30); an ambiguous autumn time takes the earlier one
 * (Temporal's "compatible").
 */
export function localToInstant(local: string, zone: string): number {
  const wall = wallOf(local);
  const before = offsetAt(wall - DAY, zone);
  const after = offsetAt(wall + DAY, zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetAt(instant, zone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before; // in a gap: keep the offset from before it, i.e. move forward by the gap
}

/** The first instant of a local date (not always 00:00 where DST starts at midnight). */
export const startOfLocalDate = (date: string, zone: string): number => localToInstant(`${date}T00:00`, zone);

export function addDays(date: string, days: number): string {
  return wallString(Date.parse(`${date}T00:00:00Z`) + days * DAY).slice(0, 10);
}

/** Instant → local wall-clock "YYYY-MM-DDTHH:mm" in a zone. */
export const instantToLocal = (ms: number, zone: string): string => wallString(ms + offsetAt(ms, zone));

/** Instant → local date "YYYY-MM-DD" in a zone. */
export const instantToLocalDate = (ms: number, zone: string): string => instantToLocal(ms, zone).slice(0, 10);

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export const isoWeekdayOf = (date: string): number =>
  ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

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
