// What only a real `payung` process shows: the installed entry point, exit codes and output through pipes,
// a server stopped by a signal, and the data-folder lock between processes. Everything else about the
// commands is tested in this process (cli.test.ts). bin/payung.js runs dist/ when built, else the sources.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PROJECT_ROOT } from '../../src/platform/paths.js';
import { payung } from '../support/cli.js';

const BIN = join(PROJECT_ROOT, 'bin/payung.js');
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function bin(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the bin runs a command with its output through a pipe; a bad command exits 2', () => {
  const nik = bin(['nik', '1671015708750001', '--json']);
  assert.equal(nik.code, 0, nik.stderr);
  assert.equal(JSON.parse(nik.stdout).birthDate, '1975-08-17');

  const help = bin(['help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: payung <command>/);

  const none = bin([]);
  assert.equal(none.code, 2);

  const unknown = bin(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stdout, '');
  assert.match(unknown.stderr, /Perintah tidak dikenal: frobnicate/);
  assert.match(unknown.stderr, /payung serve/);

  const usage = bin(['demo', '--workers', 'banyak']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--workers/);
});

test('serve holds its data folder against another process until SIGTERM stops it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'payung-cli-'));
  dirs.push(dataDir);
  const env = { PAYUNG_DATA_DIR: dataDir, DATABASE_URL: '' };
  const server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--no-demo'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });
  let stdout = '';
  let stderr = '';
  server.stderr.on('data', (c) => {
    stderr += c;
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const ready = await new Promise<boolean>((resolve) => {
    server.stdout.on('data', (c) => {
      stdout += c;
      // The banner is written at once and ends with an empty line.
      if (/Payung siap[\s\S]*\n\n$/.test(stdout)) resolve(true);
    });
    void exited.then(() => resolve(false));
  });
  try {
    assert.ok(ready, stderr);
    // This test's process is another process to the server's.
    const second = await payung(['migrate'], env);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /DATA_DIR_LOCKED/);
    assert.ok(second.stderr.includes(dataDir), 'names the folder');
  } finally {
    server.kill('SIGTERM');
  }
  assert.equal(await exited, 0, stderr);
  // Once the server is gone, the folder opens again.
  const after = await payung(['migrate'], env);
  assert.equal(after.code, 0, after.stderr);
});
