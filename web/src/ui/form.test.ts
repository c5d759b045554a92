import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorsByField } from './form.js';

test("the server's field problems land on the form's own fields, the first message of each", () => {
  const issues = [
    { path: ['email'], message: 'E-mail sudah dipakai.' },
    { path: ['email'], message: 'kedua' },
    { path: ['regionCodes', '0'], message: 'Wilayah di luar provinsi.' },
    { path: ['unknown'], message: 'bukan milik formulir ini' },
  ];
  assert.deepEqual(errorsByField(issues, ['email', 'fullName', 'regionCodes'] as const), {
    email: 'E-mail sudah dipakai.',
    regionCodes: 'Wilayah di luar provinsi.',
  });
  assert.deepEqual(errorsByField([], ['email'] as const), {});
});
