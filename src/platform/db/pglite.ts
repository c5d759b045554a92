import { Worker } from 'node:worker_threads';
import { lockDataDir } from './lock.js';
import type { PgliteRequest, PgliteResponse } from './pglite.worker.js';
import type { CopyValue, Database, Queryable, QueryResult } from './types.js';
import { CopyLines, copyTarget, copyText } from './types.js';
import { DatabaseTurns } from './wait.js';

type Pending = { resolve: (r: PgliteResponse & { ok: true }) => void; reject: (e: Error) => void };
type Message = PgliteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** A database error from the worker, with the fields code reads (`code` = SQLSTATE, `constraint`…). */
function rebuildError(fields: Record<string, unknown>): Error {
  const e = new Error(String(fields.message ?? 'PGlite error'));
  Object.assign(e, fields);
  return e;
}

function startWorker(dir: string | undefined): Worker {
  // Built, this module is JavaScript next to pglite.worker.js. From source (tests, `npm run dev`) it
  // is TypeScript: Node 20 does not hand the tsx loader to worker threads, so the worker first
  // registers it, then imports the worker module (as the import's row checks do).
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './pglite.worker.ts' : './pglite.worker.js', import.meta.url);
  return fromSource
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
        { eval: true, workerData: { dir } },
      )
    : new Worker(url, { workerData: { dir } });
}

/** The main thread's end of the worker: numbered messages, answered in order. */
class Channel {
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: PgliteResponse) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (m.ok) p.resolve(m);
      else p.reject(rebuildError(m.error));
    });
    const stop = (e: Error) => {
      this.failure ??= e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', (e) => stop(e));
    worker.on('exit', (code) => stop(new Error(`PGlite berhenti (thread keluar dengan kode ${code}).`)));
  }

  /** Resolves once the worker has opened the database (its message 0). */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
    });
  }

  send(m: Message): Promise<PgliteResponse & { ok: true }> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      // The thread keeps the process alive only while an answer is awaited, as PGlite on this thread
      // did: a command that ends without closing the database still ends.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      try {
        // A COPY's bytes move to the worker without a copy.
        this.worker.postMessage({ ...m, id }, m.op === 'copy' ? [m.data.buffer as ArrayBuffer] : []);
      } catch (e) {
        // Parameters the channel cannot carry: nothing was sent, nothing is awaited.
        this.pending.delete(id);
        if (this.pending.size === 0) this.worker.unref();
        reject(e);
      }
    });
  }
}

function queryable(channel: Channel, turn: <T>(fn: () => Promise<T>) => Promise<T>): Queryable {
  return {
    query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      return turn(async () => {
        const r = await channel.send({ op: 'query', sql, ...(params ? { params } : {}) });
        return { rows: (r.rows ?? []) as T[], rowCount: r.rowCount ?? 0 };
      });
    },
    exec(sql: string): Promise<void> {
      return turn(async () => {
        await channel.send({ op: 'exec', sql });
      });
    },
    copyIn(
      table: string,
      columns: readonly string[],
      rows: readonly CopyValue[][] | CopyLines,
    ): Promise<number> {
      const count = rows instanceof CopyLines ? rows.rows : rows.length;
      if (count === 0) return Promise.resolve(0);
      const sql = `COPY ${copyTarget(table, columns)} FROM '/dev/blob'`;
      // Its own buffer (not Node's shared pool), so that it can be transferred: CopyLines' bytes are
      // handed over (see there).
      const data = rows instanceof CopyLines ? rows.bytes : new TextEncoder().encode(copyText(rows));
      return turn(async () => (await channel.send({ op: 'copy', sql, data })).rowCount ?? count);
    },
  };
}

/**
 * Embedded PostgreSQL (WASM) in a local folder, or in memory when `dir` is undefined, run on its own
 * worker thread (pglite.worker.ts) so that a long statement (an import's index rebuild, a fuzzy search
 * over the whole registry) never stops this thread from answering other requests. PGlite has one
 * connection: statements and transactions take turns (`DatabaseTurns`, capacity 1), and a request that
 * would wait too long is refused with DATABASE_BUSY (decision 0011).
 * `lockDir` (default: the folder itself) is locked for this process (see lock.ts).
 */
export async function openPglite(dir: string | undefined, lockDir = dir): Promise<Database> {
  const release = lockDir ? lockDataDir(lockDir) : () => {};
  const worker = startWorker(dir);
  const channel = new Channel(worker);
  try {
    await channel.ready();
  } catch (e) {
    await worker.terminate();
    release();
    throw e;
  }
  const turns = new DatabaseTurns(1);
  const base = queryable(channel, (fn) => turns.run(fn));
  let closed = false;
  return {
    kind: 'pglite',
    description: dir ? `PGlite ${dir}` : 'PGlite (in memory)',
    turns,
    ...base,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return turns.run(async () => {
        await channel.send({ op: 'exec', sql: 'BEGIN' });
        // Inside the transaction the turn is already held: statements go straight to the worker,
        // until the transaction ends.
        let open = true;
        const inside = queryable(channel, (run) => {
          if (!open) return Promise.reject(new Error('Transaction is closed'));
          return run();
        });
        let result: T;
        try {
          result = await fn(inside);
        } catch (e) {
          open = false;
          await channel.send({ op: 'exec', sql: 'ROLLBACK' }).catch(() => {});
          throw e;
        }
        open = false;
        await channel.send({ op: 'commit' });
        return result;
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await turns.run(() => channel.send({ op: 'close' })).catch(() => {});
        await worker.terminate();
      } finally {
        release();
      }
    },
  };
}
