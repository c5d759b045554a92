import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSignInThrottle } from './sign-in-throttle.js';

const MIN = 60_000;
const settings = { lockAfter: 5, lockMinutes: 15, accountSlowAfter: 8 };

function failTimes(
  throttle: ReturnType<typeof createSignInThrottle>,
  n: number,
  address: string,
  at: number,
) {
  for (let i = 0; i < n; i++) throttle.reserve('Korban@payung.local', address, at)?.fail(at);
}

test('a held pair is free again after the hold; a second hold lasts twice as long', () => {
  const throttle = createSignInThrottle(settings);
  failTimes(throttle, 5, '198.51.100.1', 0);
  assert.equal(
    throttle.reserve('korban@payung.local', '198.51.100.1', 14 * MIN),
    null,
    'e-mail case ignored',
  );
  const again = throttle.reserve('korban@payung.local', '198.51.100.1', 15 * MIN + 1);
  assert.ok(again);
  again.release();
  failTimes(throttle, 5, '198.51.100.1', 16 * MIN);
  assert.equal(throttle.reserve('korban@payung.local', '198.51.100.1', 16 * MIN + 29 * MIN), null);
  assert.ok(throttle.reserve('korban@payung.local', '198.51.100.1', 16 * MIN + 30 * MIN + 1));
});

test('a success clears the pair; failures from many addresses mark the e-mail as under attack', () => {
  const throttle = createSignInThrottle(settings);
  failTimes(throttle, 4, '198.51.100.1', 0);
  throttle.reserve('korban@payung.local', '198.51.100.1', 1)?.succeed();
  assert.equal(throttle.reserve('korban@payung.local', '198.51.100.1', 2)?.pairFailures, 0);
  for (let i = 0; i < 8; i++) failTimes(throttle, 1, `203.0.113.${i}`, 10);
  const user = throttle.reserve('korban@payung.local', '192.0.2.50', 11);
  assert.ok(user, 'never refused from a fresh address');
  assert.equal(user.accountUnderAttack, true);
});

test('memory is bounded: the oldest pairs are forgotten first', () => {
  const throttle = createSignInThrottle({ ...settings, maxEntries: 100 });
  for (let i = 0; i < 1_000; i++) throttle.reserve(`u${i}@payung.local`, '198.51.100.1', 0)?.fail(0);
  assert.deepEqual(throttle.size(), { pairs: 100, accounts: 100 });
});
