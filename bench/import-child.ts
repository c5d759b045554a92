// One import in a process of its own, so its peak memory is the import's alone: upload, dry run,
// commit, through the real import service as a province administrator. Run by import.bench.ts:
//   tsx bench/import-child.ts --db URL|DIR [--file PATH]
// Prints one JSON line: {"uploadSeconds", "validateSeconds", "commitSeconds", "counts", "maxRssMB"}.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { newContext, systemActor } from '../src/platform/context.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { openPostgres } from '../src/platform/db/postgres.js';

const { values } = parseArgs({ options: { db: { type: 'string' }, file: { type: 'string' } } });
if (!values.db) throw new Error('usage: import-child.ts --db URL|DIR [--file PATH]');
const db = values.db.startsWith('postgres') ? await openPostgres(values.db) : await openPglite(values.db);
// Opening the app migrates the database and loads the regions. Without --file that is all: the
// benchmark prepares each database so in a process of its own, so that the import's process does not
// count creating it (a new PGlite folder alone peaks at about 850 MB while PGlite runs initdb).
const app = await createApp({ ...loadConfig({}), logLevel: 'warn' as const }, { db });
try {
  if (values.file) await importFile(values.file);
} finally {
  await app.close();
}

async function importFile(file: string) {
  const ctx = newContext(systemActor('16', 'bench'));
  let t = performance.now();
  const up = await app.imports.upload(ctx, {
    fileName: basename(file),
    source: createReadStream(file),
    regionCode: '16',
  });
  const uploadSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await app.imports.validate(ctx, up.job.id);
  const validateSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const counts = await app.imports.commit(ctx, up.job.id);
  const commitSeconds = (performance.now() - t) / 1000;
  console.log(
    JSON.stringify({
      uploadSeconds,
      validateSeconds,
      commitSeconds,
      counts,
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}
