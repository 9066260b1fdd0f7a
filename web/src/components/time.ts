// Times are shown in the viewer's zone; a session's own zone is shown alongside when it differs.

export const viewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(undefined, { timeZone: zone, ...options });
    formatters.set(key, found);
  }
  return found;
}

const timeOptions: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
const dayOptions: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short" };

export const formatTime = (iso: string, zone = viewerZone()) =>
  formatter(zone, timeOptions).format(new Date(iso));
export const formatDay = (iso: string, zone = viewerZone()) =>
  formatter(zone, dayOptions).format(new Date(iso));
export const formatDateTime = (iso: string, zone = viewerZone()) =>
  `${formatDay(iso, zone)}, ${formatTime(iso, zone)}`;

/** "Tue 3 Mar, 09:00–17:00" in the viewer's zone, plus the session's own clock when its zone differs. */
export function formatRange(startsAt: string, endsAt: string, sessionZone?: string): string {
  const zone = viewerZone();
  const clock = (z: string) => {
    const sameDay = formatDay(startsAt, z) === formatDay(endsAt, z);
    return sameDay
      ? `${formatTime(startsAt, z)}–${formatTime(endsAt, z)}`
      : `${formatTime(startsAt, z)} – ${formatDay(endsAt, z)} ${formatTime(endsAt, z)}`;
  };
  const mine = `${formatDay(startsAt, zone)}, ${clock(zone)}`;
  if (!sessionZone || sessionZone === zone) return mine;
  const theirs = clock(sessionZone);
  return theirs === clock(zone) ? mine : `${mine} (${theirs} ${sessionZone})`;
}

/** YYYY-MM-DD of an instant in the viewer's zone. */
export function localDateOf(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());
export const addDays = (date: Date, days: number) =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes());
/** Monday 00:00 of the week containing date (viewer's zone). */
export function startOfWeek(date: Date): Date {
  const day = startOfDay(date);
  return addDays(day, -((day.getDay() + 6) % 7));
}
export const startOfMonth = (date: Date) => new Date(date.getFullYear(), date.getMonth(), 1);

/** Shifts a local "YYYY-MM-DDTHH:mm" by whole days (calendar arithmetic, no zone needed). */
export function shiftLocal(local: string, days: number): string {
  const [date, time] = local.split("T");
  const [y, m, d] = date!.split("-").map(Number);
  const shifted = new Date(Date.UTC(y!, m! - 1, d! + days));
  return `${shifted.toISOString().slice(0, 10)}T${time}`;
}

/** Whole days between two dates (viewer's calendar days). */
export const daysBetween = (a: Date, b: Date) =>
  Math.round((startOfDay(b).getTime() - startOfDay(a).getTime()) / 86_400_000);
