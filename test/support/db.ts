import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { regionCatalog } from '../../src/modules/regions/catalog.js';
import { loadRegions } from '../../src/modules/regions/regions.loader.js';
import type { Database } from '../../src/platform/db/index.js';
import { migrate, readMigrations } from '../../src/platform/db/migrate.js';
import { openPglite } from '../../src/platform/db/pglite.js';
import { openPostgres } from '../../src/platform/db/postgres.js';
import { MIGRATIONS_DIR, PROJECT_ROOT } from '../../src/platform/paths.js';

/**
 * Every test file gets its own database, cloned from a template that is migrated and loaded with the
 * region hierarchy once per run: `CREATE DATABASE … TEMPLATE` on PostgreSQL (TEST_DATABASE_URL), a copied
 * data folder on PGlite. Cloning takes well under a second; building the template takes a few.
 */
export interface TestDatabase {
  db: Database;
  /** Where another process opens it (openTestDatabase): the PGlite folder or the PostgreSQL URL. */
  location: string;
  /** Closes and removes the database. */
  drop(): Promise<void>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

function templateKey(): string {
  const h = createHash('sha256');
  for (const m of readMigrations(MIGRATIONS_DIR)) h.update(m.name).update(m.sql);
  const catalog = regionCatalog();
  h.update(catalog.source).update(catalog.version);
  const pglite = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  );
  h.update(pglite.version);
  return h.digest('hex').slice(0, 12);
}

async function prepare(db: Database) {
  await migrate(db);
  await loadRegions(db, regionCatalog());
}

export function createTestDatabase(): Promise<TestDatabase> {
  return TEST_DATABASE_URL ? createPostgresTestDatabase(TEST_DATABASE_URL) : createPgliteTestDatabase();
}

export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const base = join(PROJECT_ROOT, '.tmp');
  const template = join(base, `pglite-template-${templateKey()}`);
  if (!existsSync(template)) {
    // Build beside the final name and rename, so a concurrent or killed run never sees half a template.
    const building = `${template}.${process.pid}.building`;
    mkdirSync(base, { recursive: true });
    const db = await openPglite(building);
    await prepare(db);
    await db.close();
    try {
      renameSync(building, template);
    } catch {
      rmSync(building, { recursive: true, force: true });
    }
  }
  const dir = join(tmpdir(), `payung-test-${randomBytes(6).toString('hex')}`);
  cpSync(template, dir, { recursive: true });
  const db = await openPglite(dir);
  return {
    db,
    location: dir,
    async drop() {
      await db.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresTestDatabase(url: string): Promise<TestDatabase> {
  const admin = await openPostgres(url, { max: 1 });
  const template = `payung_tpl_${templateKey()}`;
  const name = `payung_t_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query('SELECT pg_advisory_lock(7261865)');
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rows.length === 0) {
        await admin.exec(`CREATE DATABASE ${template}`);
        const tdb = await openPostgres(withDatabase(url, template), { max: 1 });
        try {
          await prepare(tdb);
        } catch (e) {
          await tdb.close();
          await admin.exec(`DROP DATABASE ${template}`);
          throw e;
        }
        await tdb.close();
      }
      await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(7261865)');
    }
  } finally {
    await admin.close();
  }
  const location = withDatabase(url, name);
  const db = await openPostgres(location, { max: 4 });
  return {
    db,
    location,
    async drop() {
      await db.close().catch(() => {});
      const a = await openPostgres(url, { max: 1 });
      try {
        await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.close();
      }
    },
  };
}

/** A test database by its location (TestDatabase.location), as another process opens it. */
export function openTestDatabase(location: string): Promise<Database> {
  return location.startsWith('postgres') ? openPostgres(location, { max: 2 }) : openPglite(location);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Removes templates left by this and earlier runs (called once after the whole suite). */
export async function dropTestTemplates(): Promise<void> {
  rmSync(join(PROJECT_ROOT, '.tmp'), { recursive: true, force: true });
  if (!TEST_DATABASE_URL) return;
  const admin = await openPostgres(TEST_DATABASE_URL, { max: 1 });
  try {
    const r = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'payung\\_tpl\\_%' OR datname LIKE 'payung\\_t\\_%'",
    );
    for (const { datname } of r.rows) await admin.exec(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.close();
  }
}
