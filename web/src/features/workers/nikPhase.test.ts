import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nikPhase } from './nikPhase.js';

const NIK = '1671014508900001';
const none = { data: undefined, isError: false };

test('nothing is said while typing goes on, nor about an empty field', () => {
  assert.deepEqual(nikPhase(NIK, NIK.slice(0, 15), none), { phase: 'idle' });
  assert.deepEqual(nikPhase('', '', none), { phase: 'idle' });
  // The answer about the digits typing stopped at does not describe the digits now.
  assert.deepEqual(nikPhase('167101', NIK, { data: { valid: true }, isError: false }), { phase: 'idle' });
});

test('a NIK of the wrong length is named once typing stops', () => {
  assert.deepEqual(nikPhase('167101', '167101', none), { phase: 'length', n: 6 });
  assert.deepEqual(nikPhase(`${NIK}9`, `${NIK}9`, none), { phase: 'length', n: 17 });
});

test('16 digits: checking until the answer, then the answer, or that the check failed', () => {
  assert.deepEqual(nikPhase(NIK, NIK, none), { phase: 'checking' });
  assert.deepEqual(nikPhase(NIK, NIK, { data: { valid: true }, isError: false }), {
    phase: 'done',
    check: { valid: true },
  });
  assert.deepEqual(nikPhase(NIK, NIK, { data: undefined, isError: true }), { phase: 'failed' });
});
