import { Temporal } from "temporal-polyfill";

// Wall-clock ↔ instant conversions. Everything stored is an instant (epoch ms); everything a
// person types is local time in some IANA zone. Pure functions, DST-correct.
//
// The conflict engine calls these tens of thousands of times per check, so they work from a
// zone's UTC offset at an instant with plain arithmetic instead of building Temporal objects
// each time. Offsets come from a per-zone table of constant-offset spans between transitions,
// built once per zone and UTC year from Temporal's transition data; the span last used per zone
// answers most calls without a lookup. zoned.test.ts checks them against Temporal across zones
// and DST changes.

const DAY = 86_400_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** [from, to) during which a zone's UTC offset is `offset` ms; `to` may be a year boundary. */
interface OffsetSpan {
  from: number;
  to: number;
  offset: number;
}

const spansByZone = new Map<string, Map<number, OffsetSpan[]>>();
const lastSpanOf = new Map<string, OffsetSpan>();

/** The zone's offset spans covering one UTC calendar year, in order. */
function spansOfYear(zone: string, year: number): OffsetSpan[] {
  let years = spansByZone.get(zone);
  if (!years) {
    years = new Map();
    spansByZone.set(zone, years);
  }
  let spans = years.get(year);
  if (spans) return spans;
  const yearStart = Date.UTC(year, 0, 1);
  const yearEnd = Date.UTC(year + 1, 0, 1);
  let cursor = Temporal.Instant.fromEpochMilliseconds(yearStart).toZonedDateTimeISO(zone);
  let from = yearStart;
  spans = [];
  for (;;) {
    const offset = cursor.offsetNanoseconds / 1e6;
    const next = cursor.getTimeZoneTransition("next");
    const at = next ? next.epochMilliseconds : Number.POSITIVE_INFINITY;
    if (!next || at >= yearEnd) {
      spans.push({ from, to: yearEnd, offset });
      break;
    }
    spans.push({ from, to: at, offset });
    from = at;
    cursor = next;
  }
  if (years.size > 1000) years.clear();
  years.set(year, spans);
  return spans;
}

function spanAt(ms: number, zone: string): OffsetSpan {
  const last = lastSpanOf.get(zone);
  if (last !== undefined && ms >= last.from && ms < last.to) return last;
  const spans = spansOfYear(zone, new Date(ms).getUTCFullYear());
  let span = spans[0]!;
  for (let i = 1; i < spans.length && spans[i]!.from <= ms; i++) span = spans[i]!;
  lastSpanOf.set(zone, span);
  return span;
}

/** The zone's UTC offset at an instant, in ms. */
export const offsetAt = (ms: number, zone: string): number => spanAt(ms, zone).offset;

/**
 * The first instant after `ms` at which the zone's offset may change: the next transition, or a
 * later year boundary when there is none within two years (callers re-check from there).
 */
export function nextOffsetChange(ms: number, zone: string): number {
  const span = spanAt(ms, zone);
  let end = span.to;
  for (let year = new Date(ms).getUTCFullYear() + 1; year <= new Date(ms).getUTCFullYear() + 2; year++) {
    const next = spansOfYear(zone, year)[0]!;
    if (next.from !== end || next.offset !== span.offset) return end;
    end = next.to;
  }
  return end;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => pad(value));

/** Days since 1970-01-01 of a "YYYY-MM-DD" date, proleptic Gregorian (Hinnant's days_from_civil). */
export function dayNumberOf(date: string): number {
  // Digits read with charCodeAt (48 is "0"): this runs for every date the conflict engine touches.
  const month = (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 48;
  const day = (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 48;
  const year =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    date.charCodeAt(3) -
    48 -
    (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const datesByDayNumber = new Map<number, string>();

/** The "YYYY-MM-DD" date of a day number (inverse of dayNumberOf; Hinnant's civil_from_days). */
export function dateOfDayNumber(dayNumber: number): string {
  let text = datesByDayNumber.get(dayNumber);
  if (text !== undefined) return text;
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex + (monthIndex < 10 ? 3 : -9);
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const yearText = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  text = `${yearText}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
  if (datesByDayNumber.size > 100_000) datesByDayNumber.clear();
  datesByDayNumber.set(dayNumber, text);
  return text;
}

const THREE_DIGITS = Array.from({ length: 1000 }, (_, value) => pad(value, 3));
const DAY_MS = 86_400_000;
/** 9999-12-31T23:59:59.999Z: beyond it (and before 1970) Date's own formatting is used. */
const LAST_FOUR_DIGIT_MS = 253_402_300_799_999;

/**
 * `new Date(ms).toISOString()` without the Date: a conflict check formats dozens of instants and
 * Date's formatting costs about a microsecond each, four times this.
 */
export function instantToIso(ms: number): string {
  if (!(Number.isInteger(ms) && ms >= 0 && ms <= LAST_FOUR_DIGIT_MS)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${dateOfDayNumber(day)}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[millis]}Z`;
}

/** Epoch ms of a wall clock read as if it were UTC: the wall clock of an instant in a zone. */
export const wallClockOf = (ms: number, zone: string): number => ms + offsetAt(ms, zone);

/** Epoch ms read as a wall clock ("YYYY-MM-DDTHH:mm") with no zone. */
function wallString(wall: number): string {
  const dayNumber = Math.floor(wall / DAY);
  const minutes = Math.floor((wall - dayNumber * DAY) / 60_000);
  return `${dateOfDayNumber(dayNumber)}T${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}`;
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
  // The offsets a day either side are the only candidates; the larger gives the earlier instant.
  const early = wall - Math.max(before, after);
  if (early + offsetAt(early, zone) === wall) return early;
  const late = wall - Math.min(before, after);
  if (late + offsetAt(late, zone) === wall) return late;
  return wall - before; // in a gap: keep the offset from before it, i.e. move forward by the gap
}

/** The first instant of a local date (not always 00:00 where DST starts at midnight). */
export const startOfLocalDate = (date: string, zone: string): number => localToInstant(`${date}T00:00`, zone);

export const addDays = (date: string, days: number): string => dateOfDayNumber(dayNumberOf(date) + days);

/** Instant → local wall-clock "YYYY-MM-DDTHH:mm" in a zone. */
export const instantToLocal = (ms: number, zone: string): string => wallString(ms + offsetAt(ms, zone));

/** Instant → local date "YYYY-MM-DD" in a zone. */
export const instantToLocalDate = (ms: number, zone: string): string =>
  dateOfDayNumber(Math.floor((ms + offsetAt(ms, zone)) / DAY));

/** Wall-clock "HH:mm" → minutes after midnight. */
export const minutesOfDay = (time: string): number => {
  const [hours, minutes] = time.split(":").map(Number);
  return hours! * 60 + minutes!;
};

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export const isoWeekdayOf = (date: string): number => ((((dayNumberOf(date) + 3) % 7) + 7) % 7) + 1;

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
