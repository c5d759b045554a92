import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  expectedRows,
  IdsByRow,
  REBUILD_MIN_ROWS,
  shouldRebuildIndexes,
  sweepWindow,
} from './imports.pipeline.js';

test('registry duplicate windows: a third of the file, from 20,000 to 200,000 rows', () => {
  assert.equal(sweepWindow(5_000), 20_000);
  assert.equal(sweepWindow(100_000), 33_000);
  assert.equal(sweepWindow(1_000_000), 200_000);
  assert.equal(expectedRows({ file_kind: 'csv', file_size: 140_000_000 }), 1_000_000);
  assert.equal(expectedRows({ file_kind: 'xlsx', file_size: 9_000_000 }), 100_000);
});

test('indexes are rebuilt only for loads of 50,000 or more that at least double the registry', () => {
  assert.equal(shouldRebuildIndexes(1_000_000, 0), true);
  assert.equal(shouldRebuildIndexes(REBUILD_MIN_ROWS, REBUILD_MIN_ROWS), true);
  assert.equal(shouldRebuildIndexes(REBUILD_MIN_ROWS - 1, 0), false, 'small loads never lock the registry');
  assert.equal(shouldRebuildIndexes(100_000, 1_000_000), false);
});

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
