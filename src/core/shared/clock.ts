import { instantToIso } from "../time/zoned.js";

/** Injected wherever "now" matters, so tests can pin time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const toIso = (ms: number): string => instantToIso(ms);
export const toIsoOrNull = (ms: number | null): string | null => (ms === null ? null : toIso(ms));
