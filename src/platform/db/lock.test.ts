import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../errors.js';
import { lockDataDir } from './lock.js';

test('a held folder is refused with its name; released, it can be taken again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'payung-lock-'));
  try {
    const release = lockDataDir(dir);
    assert.throws(
      () => lockDataDir(dir),
      (e: unknown) => e instanceof AppError && e.code === 'DATA_DIR_LOCKED' && e.message.includes(dir),
    );
    release();
    lockDataDir(dir)();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a lock left by a process that no longer exists is taken over', () => {
  const dir = mkdtempSync(join(tmpdir(), 'payung-lock-'));
  try {
    // pid 2^22+1 is above Linux's default pid_max, so no such process exists.
    writeFileSync(join(dir, 'payung.lock'), JSON.stringify({ pid: 4194305, host: hostname(), since: 'x' }));
    const release = lockDataDir(dir);
    release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
