import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo, CliOutput } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { PROJECT_ROOT } from '../../src/platform/paths.js';
import { createPgliteTestDatabase } from './db.js';

/** What a command printed and the exit code it returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function buffer(onWrite: () => void = () => {}): CliOutput & { text: string } {
  return {
    text: '',
    isTTY: false,
    write(chunk) {
      this.text += chunk;
      onWrite();
    },
  };
}

/**
 * Runs `payung ARGS…` in this process, as the command line does, with the test's environment plus
 * `env` (e.g. PAYUNG_DATA_DIR, DATABASE_URL: '' for PGlite) and the output captured.
 */
export async function payung(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const stdout = buffer();
  const stderr = buffer();
  const code = await runCli(args, {
    stdout,
    stderr,
    env: { ...process.env, ...env },
    cwd: PROJECT_ROOT,
    // Only `serve` waits for this; use serve() for it.
    untilStopped: () => new Promise(() => {}),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * Runs `payung serve ARGS…` in this process. Once it says it is ready, runs `during`, stops it (as
 * SIGTERM does) and resolves; if it returns by itself first, resolves with its exit code. Either way with
 * everything it printed.
 */
export async function serve(
  args: string[],
  env: Record<string, string>,
  during: () => void | Promise<void> = () => {},
): Promise<CliResult & { ready: boolean }> {
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  let isReady!: (ready: boolean) => void;
  const readiness = new Promise<boolean>((resolve) => {
    isReady = resolve;
  });
  const stdout = buffer(() => {
    // The banner is written at once and ends with an empty line.
    if (/Payung siap[\s\S]*\n\n$/.test(stdout.text)) isReady(true);
  });
  const stderr = buffer();
  const io: CliIo = {
    stdout,
    stderr,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    cwd: PROJECT_ROOT,
    untilStopped: () => stopped,
  };
  const exited = runCli(['serve', ...args], io).finally(() => isReady(false));
  const ready = await readiness;
  try {
    if (ready) await during();
  } finally {
    stop();
  }
  const code = await exited;
  return { ready, code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * Puts an embedded database that is already migrated and holds the regions (a clone of the test template)
 * into the empty PAYUNG_DATA_DIR `dataDir`, so a command there skips creating one (the slow part).
 */
export async function preparePgliteDataDir(dataDir: string): Promise<void> {
  const tdb = await createPgliteTestDatabase();
  await tdb.db.close();
  renameSync(tdb.location, join(dataDir, 'pg'));
}
