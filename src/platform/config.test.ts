import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.js';

test('defaults: PGlite in ./data, port 3000, province 16', () => {
  const c = loadConfig({});
  assert.equal(c.databaseUrl, undefined);
  assert.match(c.dataDir, /\/data$/);
  assert.equal(c.port, 3000);
  assert.equal(c.provinceCode, '16');
});

test('an empty variable counts as unset', () => {
  assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
});

test('every problem is listed at once', () => {
  assert.throws(
    () => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'abc', PAYUNG_PROVINCE: 'Sumsel' }),
    (e: Error) =>
      e.message.includes('DATABASE_URL') &&
      e.message.includes('PORT') &&
      e.message.includes('PAYUNG_PROVINCE'),
  );
});
