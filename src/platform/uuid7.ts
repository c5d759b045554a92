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
  const r = used;
  used += 10;
  const t = ms.toString(16).padStart(12, '0').slice(-12);
  return (
    `${t.slice(0, 8)}-${t.slice(8)}-7${HEX[pool[r]! & 0x0f]![1]}${hex(r + 1)}-` +
    `${HEX[0x80 | (pool[r + 2]! & 0x3f)]}${hex(r + 3)}-` +
    `${hex(r + 4)}${hex(r + 5)}${hex(r + 6)}${hex(r + 7)}${hex(r + 8)}${hex(r + 9)}`
  );
}

const hex = (i: number) => HEX[pool[i]!]!;
