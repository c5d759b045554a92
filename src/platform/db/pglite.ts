import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { lockDataDir } from './lock.js';
import type { CopyValue, Database, Queryable, QueryResult } from './types.js';
import { copyTarget, copyText, PG_TYPES } from './types.js';

const parsers = {
  [PG_TYPES.DATE]: (v: string) => v,
  [PG_TYPES.INT8]: (v: string) => Number(v),
};

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params as unknown[] | undefined);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
    async copyIn(table: string, columns: readonly string[], rows: readonly CopyValue[][]): Promise<number> {
      if (rows.length === 0) return 0;
      // PGlite reads COPY … FROM '/dev/blob' from the blob handed to the query.
      const r = await q.query(`COPY ${copyTarget(table, columns)} FROM '/dev/blob'`, [], {
        blob: new Blob([copyText(rows)]),
      });
      return r.affectedRows ?? rows.length;
    },
  };
}

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

/**
 * Embedded PostgreSQL (WASM) in a local folder, or in memory when `dir` is undefined.
 * `lockDir` (default: the folder itself) is locked for this process (see lock.ts).
 */
export async function openPglite(dir: string | undefined, lockDir = dir): Promise<Database> {
  const release = lockDir ? lockDataDir(lockDir) : () => {};
  let db: PGlite;
  try {
    db = await PGlite.create(dir ?? 'memory://', {
      extensions: { pg_trgm },
      parsers,
      startParams: START_PARAMS,
    });
  } catch (e) {
    release();
    throw e;
  }
  const base = wrap(db);
  return {
    kind: 'pglite',
    description: dir ? `PGlite ${dir}` : 'PGlite (in memory)',
    ...base,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
