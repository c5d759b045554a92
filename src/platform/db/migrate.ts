import { readdirSync, readFileSync } from 'node:fs';
import { MIGRATIONS_DIR } from '../paths.js';
import type { Database } from './types.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Forward-only migrations: `migrations/NNNN_name.sql`, applied in order, each in its own transaction. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 4)),
      name: f.replace(/\.sql$/, ''),
      sql: readFileSync(`${dir}/${f}`, 'utf8'),
    }));
}

// Any constant works; it only has to be the same for every Payung process sharing a server.
const MIGRATION_LOCK_KEY = 7_261_864;

export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      // Two app servers starting together on one PostgreSQL must not apply the same migration twice.
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (seen.rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
