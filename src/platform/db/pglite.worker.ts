import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PG_TYPES } from './types.js';

/**
 * The thread PGlite runs on (see pglite.ts). It answers one message at a time, in the order they come:
 * the main thread decides that order (one statement or one transaction at a time, like PGlite's own
 * single connection).
 */

export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params?: readonly unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'copy'; sql: string; data: Uint8Array<ArrayBuffer> }
  | { id: number; op: 'commit' }
  | { id: number; op: 'close' };

export type PgliteResponse =
  | { id: number; ok: true; rows?: unknown[]; rowCount?: number }
  | { id: number; ok: false; error: Record<string, unknown> };

const parsers = {
  [PG_TYPES.DATE]: (v: string) => v,
  [PG_TYPES.INT8]: (v: string) => Number(v),
};

/**
 * PGlite's defaults, with 32 MB of shared buffers instead of 128 MB and 32 MB instead of 64 MB for
 * building indexes: PGlite's WebAssembly memory holds both, and never gives memory back. A
 * million-row import peaked at 1,030 MB of the process's memory with the defaults and at about 850 MB
 * so, in the same time (docs/BENCHMARKS.md, decision 0007); the files are in the operating system's
 * cache either way.
 *
 * And the write-ahead log at its `minimal` level instead of `replica` (decision 0010): an embedded
 * database has no replicas and no WAL archive to feed, and at `minimal` an index built in a
 * transaction (as a large import rebuilds the registry's) is written once, to its file, instead of
 * also page by page to the log. Crash recovery is the same: every committed change is either in the
 * log or in the files at commit.
 */
const START_PARAMS = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=32MB',
  '-c',
  'maintenance_work_mem=32MB',
  '-c',
  'wal_level=minimal',
  '-c',
  'max_wal_senders=0',
];

/** An error as plain fields (SQLSTATE `code`, `constraint`, `detail`…), to be rebuilt on the main thread. */
function errorFields(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: String(e) };
  const fields: Record<string, unknown> = { name: e.name, message: e.message };
  for (const [k, v] of Object.entries(e)) {
    if (v === undefined || typeof v === 'function' || (typeof v === 'object' && v !== null)) continue;
    fields[k] = v;
  }
  return fields;
}

async function main() {
  const port = parentPort;
  if (!port) throw new Error('pglite.worker runs as a worker thread');
  const { dir } = workerData as { dir: string | undefined };
  let db: PGlite;
  try {
    db = await PGlite.create(dir ?? 'memory://', {
      extensions: { pg_trgm, btree_gist },
      parsers,
      startParams: START_PARAMS,
    });
  } catch (e) {
    port.postMessage({ id: 0, ok: false, error: errorFields(e) } satisfies PgliteResponse);
    return;
  }
  port.postMessage({ id: 0, ok: true } satisfies PgliteResponse);

  let chain = Promise.resolve();
  port.on('message', (m: PgliteRequest) => {
    chain = chain.then(async () => {
      let reply: PgliteResponse;
      try {
        if (m.op === 'query') {
          const r = await db.query(m.sql, m.params as unknown[] | undefined);
          reply = { id: m.id, ok: true, rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
        } else if (m.op === 'exec') {
          await db.exec(m.sql);
          reply = { id: m.id, ok: true };
        } else if (m.op === 'copy') {
          // PGlite reads COPY … FROM '/dev/blob' from the blob handed to the query.
          const r = await db.query(m.sql, [], { blob: new Blob([m.data]) });
          reply = { id: m.id, ok: true, rowCount: r.affectedRows ?? 0 };
        } else if (m.op === 'commit') {
          // A transaction that failed and went on anyway ends in ROLLBACK: an error, as PGlite's own
          // transaction() reports it.
          const [r] = await db.exec('COMMIT');
          if ((r as { command?: string } | undefined)?.command === 'ROLLBACK') {
            throw Object.assign(new Error('Transaksi dibatalkan: sebuah perintah di dalamnya gagal.'), {
              code: '25P02',
            });
          }
          reply = { id: m.id, ok: true };
        } else {
          await db.close();
          reply = { id: m.id, ok: true };
        }
      } catch (e) {
        reply = { id: m.id, ok: false, error: errorFields(e) };
      }
      try {
        port.postMessage(reply);
      } catch (e) {
        // A value the channel cannot carry: the caller gets an error instead of waiting for ever.
        port.postMessage({ id: m.id, ok: false, error: errorFields(e) } satisfies PgliteResponse);
      }
      if (m.op === 'close' && reply.ok) port.close();
    });
    // One failed step must not stop every statement after it.
    chain = chain.catch(() => {});
  });
}

void main();
