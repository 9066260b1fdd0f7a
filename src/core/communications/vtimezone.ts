import { offsetAt } from "../time/zoned.js";

const DAY = 86_400_000;
const cache = new Map<string, string>();

const offsetText = (ms: number) => {
  const sign = ms < 0 ? "-" : "+";
  const minutes = Math.abs(ms) / 60_000;
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}${String(minutes % 60).padStart(2, "0")}`;
};

const localStamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "");

/** The instant (to the minute) at which the zone's offset changes, between two instants that differ. */
function transitionBetween(zone: string, from: number, to: number): number {
  let low = from;
  let high = to;
  const before = offsetAt(low, zone);
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (offsetAt(middle, zone) === before) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * A VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone, built from the platform's zone data: one
 * observance per offset change from two years back to eight years ahead, so calendar clients
 * place every event of that span right, across DST changes, without a zone database of their own.
 */
export function vtimezone(zone: string, around = Date.now()): string {
  const year = new Date(around).getUTCFullYear();
  const key = `${zone}|${year}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const start = Date.UTC(year - 2, 0, 1);
  const end = Date.UTC(year + 8, 0, 1);
  const changes: { at: number; from: number; to: number }[] = [];
  let previous = offsetAt(start, zone);
  for (let day = start + DAY; day <= end; day += DAY) {
    const offset = offsetAt(day, zone);
    if (offset !== previous) {
      changes.push({ at: transitionBetween(zone, day - DAY, day), from: previous, to: offset });
      previous = offset;
    }
  }
  const initial = offsetAt(start, zone);
  const standard = Math.min(initial, ...changes.map((c) => c.to));
  const observance = (at: number, from: number, to: number) => {
    const kind = to > standard ? "DAYLIGHT" : "STANDARD";
    return [
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(at + from)}`,
      `TZOFFSETFROM:${offsetText(from)}`,
      `TZOFFSETTO:${offsetText(to)}`,
      `END:${kind}`,
    ];
  };
  const lines = [
    "BEGIN:VTIMEZONE",
    `TZID:${zone}`,
    ...observance(start, initial, initial),
    ...changes.flatMap((c) => observance(c.at, c.from, c.to)),
    "END:VTIMEZONE",
  ];
  const text = lines.join("\r\n");
  cache.set(key, text);
  return text;
}
