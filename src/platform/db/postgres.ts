import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CopyValue, Database, Queryable, QueryResult } from './types.js';
import { CopyLines, copyTarget, copyText, PG_TYPES } from './types.js';
import { DatabaseTurns } from './wait.js';

// DATE stays 'YYYY-MM-DD' (no time-zone shift); INT8 becomes a number (counts and rupiah fit easily).
const typeOverrides: Record<number, (v: string) => unknown> = {
  [PG_TYPES.DATE]: (v) => v,
  [PG_TYPES.INT8]: (v) => Number(v),
};
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return typeOverrides[oid] ?? pg.types.getTypeParser(oid, format ?? 'text');
  },
};

async function copyIn(
  client: pg.Pool | pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly CopyValue[][] | CopyLines,
): Promise<number> {
  if (rows instanceof CopyLines ? rows.rows === 0 : rows.length === 0) return 0;
  const target = copyTarget(table, columns);
  // A pool lends one client for the COPY; inside a transaction it is the transaction's own.
  const conn = client instanceof pg.Pool ? await client.connect() : client;
  try {
    const stream = conn.query(copyFrom(`COPY ${target} FROM STDIN`));
    await pipeline(async function* () {
      if (rows instanceof CopyLines) {
        yield Buffer.from(rows.bytes.buffer, rows.bytes.byteOffset, rows.bytes.byteLength);
        return;
      }
      // In slices, so a large batch never becomes one huge string.
      for (let i = 0; i < rows.length; i += 2_000) yield copyText(rows.slice(i, i + 2_000));
    }, stream);
    return stream.rowCount;
  } finally {
    if (conn !== client) (conn as pg.PoolClient).release();
  }
}

function wrap(
  client: pg.Pool | pg.PoolClient,
  turn: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Queryable {
  return {
    copyIn: (table, columns, rows) => turn(() => copyIn(client, table, columns, rows)),
    query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      return turn(async () => {
        const r = await client.query(sql, params as unknown[] | undefined);
        return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
      });
    },
    exec(sql: string): Promise<void> {
      return turn(async () => {
        await client.query(sql);
      });
    },
  };
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const max = options.max ?? 10;
  const pool = new pg.Pool({ connectionString: url, max, types });
  // A failed idle client must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Fail fast with a clear message if the server is not there.
  const probe = await pool.connect();
  probe.release();
  // One turn a pooled connection, so that a request waiting for one is bounded (wait.ts) instead of
  // queueing in the pool without limit.
  const turns = new DatabaseTurns(max);
  const base = wrap(pool, (fn) => turns.run(fn));
  return {
    kind: 'postgres',
    description: describeUrl(url),
    turns,
    ...base,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return turns.run(() => transaction(pool, fn));
    },
    async close() {
      await pool.end();
    },
  };
}

async function transaction<T>(pool: pg.Pool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(wrap(client));
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
