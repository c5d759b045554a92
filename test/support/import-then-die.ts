// A process that imports a file and is killed with SIGKILL (as by the out-of-memory killer, `kill -9`
// or a power cut to the process) at a chosen point of the import: right after the import sends a
// statement matching --at, or right after the import has committed (--at committed). It checks and
// stages the file first, unwatched. For test/imports/kill.test.ts:
//   node --import tsx test/support/import-then-die.ts --db LOCATION --file PATH --at REGEXP|committed
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { newContext, systemActor } from '../../src/platform/context.js';
import type { Database, Queryable } from '../../src/platform/db/index.js';
import { openTestDatabase } from './db.js';

const { values } = parseArgs({
  options: { db: { type: 'string' }, file: { type: 'string' }, at: { type: 'string' } },
});
if (!values.db || !values.file || !values.at)
  throw new Error('usage: --db LOCATION --file PATH --at REGEXP|committed');
const at = values.at === 'committed' ? null : new RegExp(values.at);
let armed = false;
const die = () => process.kill(process.pid, 'SIGKILL');
const dieAfter = (sql: string) => {
  if (armed && at?.test(sql)) die();
};
const watched = (q: Queryable): Queryable => ({
  async query<T>(sql: string, params?: readonly unknown[]) {
    const r = await q.query<T>(sql, params);
    dieAfter(sql);
    return r;
  },
  async exec(sql) {
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
const app = await createApp({ ...loadConfig({}), logLevel: 'warn' as const }, { db, prepared: true });
const ctx = newContext(systemActor('16', 'test'));
const up = await app.imports.upload(ctx, {
  fileName: basename(values.file),
  source: createReadStream(values.file),
  regionCode: '16',
});
await app.imports.validate(ctx, up.job.id);
armed = true;
await app.imports.commit(ctx, up.job.id);
if (!at) die();
// The statement never came: the test says so (it expects the process to be killed).
await app.close();
process.stdout.write('not killed\n');
