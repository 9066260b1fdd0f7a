import { randomUUID } from "node:crypto";

let lastMs = 0;
let sequence = 0;
let prefix = "";
const SEQUENCE_HEX = Array.from({ length: 0x1000 }, (_, value) => value.toString(16).padStart(3, "0"));

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit sequence, then random bits. Ids
 * sort by creation time — strictly within this process, thanks to the sequence ("method 1" of
 * the RFC) — so lists and cursors follow creation order. Safe to expose. Bulk imports make
 * 100,000 of these at a time, hence the cached prefix and randomUUID's pooled entropy.
 */
export function newId(): string {
  const now = Date.now();
  if (now > lastMs) {
    setMillisecond(now);
  } else if (++sequence > 0xfff) {
    setMillisecond(lastMs + 1);
  }
  // randomUUID is xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx: keep its variant and random tail.
  return prefix + SEQUENCE_HEX[sequence] + randomUUID().slice(18);
}

function setMillisecond(ms: number) {
  lastMs = ms;
  sequence = 0;
  const time = ms.toString(16).padStart(12, "0");
  prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
}
