import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuid7 } from './uuid7.js';

test('uuid7 is a version 7, variant 1 UUID carrying the time in its first 48 bits', () => {
  const ms = Date.UTC(2026, 10, 23, 12, 0, 0, 123);
  const id = uuid7(ms);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16), ms);
});

test('uuid7 ids are distinct and sort by their time', () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => uuid7(1_700_000_000_000 + Math.floor(i / 100)));
  assert.equal(new Set(ids).size, ids.length);
  const times = ids.map((id) => id.slice(0, 13));
  assert.deepEqual([...times].sort(), times);
});
