import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors.js';

/**
 * PGlite keeps one PostgreSQL instance in one process; two processes writing the same folder would
 * corrupt it. A lock file (created atomically with O_EXCL) makes the second process stop with a clear
 * message instead. A lock left by a process that died is taken over.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'payung.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // Many opens in one process (the CLI tests) must not pile up exit listeners.
        process.off('exit', release);
        rmSync(path, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(path);
      if (holder && holder.host === hostname() && !isAlive(holder.pid)) {
        rmSync(path, { force: true });
        continue;
      }
      throw new AppError(
        'DATA_DIR_LOCKED',
        `Folder data ${dir} sedang dipakai oleh proses Payung lain` +
          (holder ? ` (pid ${holder.pid} di ${holder.host}, sejak ${holder.since})` : '') +
          '. Hentikan proses itu dulu, atau pakai folder lain dengan PAYUNG_DATA_DIR. ' +
          `(The data folder ${dir} is in use by another Payung process.)`,
        { dataDir: dir, holder },
      );
    }
  }
  throw new AppError('DATA_DIR_LOCKED', `Folder data ${dir} tidak bisa dikunci.`, { dataDir: dir });
}

function readHolder(path: string): { pid: number; host: string; since: string } | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
