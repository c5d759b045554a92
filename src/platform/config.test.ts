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

test('TRUST_PROXY: unset trusts no proxy; a hop count or a list of addresses and CIDR ranges', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.1.0/24,::1' }).trustProxy, [
    '10.0.0.5',
    '192.168.1.0/24',
    '::1',
  ]);
});

test('TRUST_PROXY: "true", host names and bad addresses are refused at start-up, naming the value', () => {
  for (const bad of ['true', 'proxy.local', '10.0.0.999', '10.0.0.0/40', '10.0.0.5/abc', ',', '50']) {
    assert.throws(
      () => loadConfig({ TRUST_PROXY: bad }),
      (e: Error) => e.message.includes('TRUST_PROXY'),
      bad,
    );
  }
  assert.throws(
    () => loadConfig({ TRUST_PROXY: '10.0.0.5,proxy.local' }),
    (e: Error) => e.message.includes('"proxy.local" bukan alamat IP atau CIDR'),
  );
});
