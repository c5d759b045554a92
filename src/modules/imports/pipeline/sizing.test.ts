import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedRows, REBUILD_MIN_ROWS, shouldRebuildIndexes, sweepWindow } from './sizing.js';

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
