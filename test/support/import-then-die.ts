// A process that imports a file and is killed with SIGKILL (as by the out-of-memory killer, `kill -9`
// or a power cut to the process) at a chosen point of the import: right after the import sends a
// statement matching --at, right before it sends one matching --before, or right after the import has
// committed (--at committed). By default it checks and stages the file first, unwatched, and watches
// the commit; --during validate watches the dry run instead. For test/imports/kill.test.ts:
//   node --import tsx test/support/import-then-die.ts --db LOCATION --file PATH
//     (--at REGEXP|committed | --before REGEXP) [--during validate|commit]
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { newContext, systemActor } from '../../src/platform/context.js';
import type { Database, Queryable } from '../../src/platform/db/index.js';
import { openTestDatabase } from './db.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    file: { type: 'string' },
    at: { type: 'string' },
    before: { type: 'string' },
    during: { type: 'string', default: 'commit' },
  },
});
if (!values.db || !values.file || !(values.at || values.before))
  throw new Error('usage: --db LOCATION --file PATH (--at REGEXP|committed | --before REGEXP)');
const at = values.at === 'committed' || !values.at ? null : new RegExp(values.at);
const before = values.before ? new RegExp(values.before) : null;
let armed = false;
const die = () => process.kill(process.pid, 'SIGKILL');
const dieAfter = (sql: string) => {
  if (armed && at?.test(sql)) die();
};
const dieBefore = (sql: string) => {
  if (armed && before?.test(sql)) die();
};
const watched = (q: Queryable): Queryable => ({
  async query<T>(sql: string, params?: readonly unknown[]) {
    dieBefore(sql);
    const r = await q.query<T>(sql, params);
    dieAfter(sql);
    return r;
  },
  async exec(sql) {
    dieBefore(sql);
    await q.exec(sql);
    dieAfter(sql);
  },
  copyIn: (table, columns, rows) => q.copyIn(table, columns, rows),
});

const inner = await openTestDatabase(values.db);
const db: Database = {
  ...watched(inner),
  kind: inner.kind,
  description: inner.description,
  turns: inner.turns,
  transaction: (fn) => inner.transaction((tx) => fn(watched(tx))),
  close: () => inner.close(),
};
// The data folder (uploaded files) and the jobs' lease as the test gives them; nothing else from the
// environment (its DATABASE_URL is --db's business).
const env = process.env;
const config = loadConfig({
  PAYUNG_DATA_DIR: env.PAYUNG_DATA_DIR ?? '',
  PAYUNG_JOB_LEASE_SECONDS: env.PAYUNG_JOB_LEASE_SECONDS ?? '',
});
const app = await createApp({ ...config, logLevel: 'warn' as const }, { db, prepared: true });
const ctx = newContext(systemActor('16', 'test'));
const up = await app.imports.upload(ctx, {
  fileName: basename(values.file),
  source: createReadStream(values.file),
  regionCode: '16',
});
armed = values.during === 'validate';
await app.imports.validate(ctx, up.job.id);
armed = true;
await app.imports.commit(ctx, up.job.id);
if (values.at === 'committed') die();
// The statement never came: the test says so (it expects the process to be killed).
await app.close();
process.stdout.write('not killed\n');
