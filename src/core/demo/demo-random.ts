/** A small seeded PRNG (mulberry32) with the helpers the demo plan needs. Same seed, same data. */
export class DemoRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [item, weight] of items) {
      point -= weight;
      if (point < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** A calendar date in the given year, YYYY-MM-DD (day 1–28, so every month works). */
  date(year: number, fromMonth = 1, toMonth = 12): string {
    return isoDate(year, this.int(fromMonth, toMonth), this.int(1, 28));
  }
}

export const isoDate = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

const DAY_MS = 86_400_000;

/** The date `weekday` (1 = Monday) of ISO week `week` of 2027 (2027-01-04 is the Monday of week 1). */
export function dateIn2027(week: number, weekday = 1): string {
  return new Date(Date.UTC(2027, 0, 4) + ((week - 1) * 7 + (weekday - 1)) * DAY_MS)
    .toISOString()
    .slice(0, 10);
}
