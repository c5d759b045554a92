import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdsByRow } from './id-store.js';

test('each accepted row’s worker id is kept by row number, growing past the first block; a row without one gives null', () => {
  const ids = new IdsByRow();
  const a = '0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6';
  const b = 'FFFFFFFF-0000-7000-8000-00000000000A';
  ids.set(2, `${a}\t3271015708900001\tSiti`);
  ids.set(100_000, b);
  ids.set(7, a);
  ids.set(7, null);
  assert.equal(ids.get(2), a);
  assert.equal(ids.get(100_000), b.toLowerCase());
  assert.equal(ids.get(7), null, 'cleared');
  assert.equal(ids.get(3), null, 'never set');
  assert.equal(ids.get(5_000_000), null, 'beyond the buffer');
});
