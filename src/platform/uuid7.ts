import { randomFillSync } from 'node:crypto';

// Random bytes drawn a few thousand ids at a time: one call into the system's generator per pool.
const pool = new Uint8Array(10 * 4096);
let used = pool.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A time-ordered id (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then 74 random bits,
 * with the version and variant set: the same layout as payung_uuid7() in SQL (migration 0006), so ids
 * made here and there sort together by time.
 */
export function uuid7(ms: number = Date.now()): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const r = pool.subarray(used, used + 10);
  used += 10;
  const t = ms.toString(16).padStart(12, '0').slice(-12);
  const h = (i: number) => HEX[r[i]!]!;
  return (
    `${t.slice(0, 8)}-${t.slice(8)}-7${HEX[r[0]! & 0x0f]![1]}${h(1)}-` +
    `${HEX[0x80 | (r[2]! & 0x3f)]}${h(3)}-${h(4)}${h(5)}${h(6)}${h(7)}${h(8)}${h(9)}`
  );
}
