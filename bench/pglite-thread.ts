// A quick before/after measurement of where PGlite runs (decision 0011): one import of N rows into a
// fresh PGlite folder (an empty registry: its indexes are rebuilt), timing each phase and watching
// this thread's event loop meanwhile. The longest stall of the event loop is how long an HTTP request,
// /health included, could go without an answer.
//   tsx bench/pglite-thread.ts [--rows 100000]
import { createReadStream, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { regionCatalog } from '../src/modules/regions/catalog.js';
import { loadConfig } from '../src/platform/config.js';
import { newContext, systemActor } from '../src/platform/context.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { writeSheetCsv } from './import-sheet.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const rows = Number(values.rows);
const dir = await mkdtemp(join(tmpdir(), 'payung-pglite-thread-'));
try {
  const first = join(dir, 'first.csv');
  await writeSheetCsv(first, regionCatalog(), rows);
  const db = await openPglite(join(dir, 'pg'));
  const app = await createApp({ ...loadConfig({}), logLevel: 'warn' as const }, { db });
  const ctx = newContext(systemActor('16', 'bench'));
  for (const file of [first]) {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();
    const up = await app.imports.upload(ctx, {
      fileName: basename(file),
      source: createReadStream(file),
      regionCode: '16',
    });
    const t1 = performance.now();
    await app.imports.validate(ctx, up.job.id);
    const t2 = performance.now();
    await app.imports.commit(ctx, up.job.id);
    const t3 = performance.now();
    loop.disable();
    console.log(
      JSON.stringify({
        rows,
        uploadSeconds: +((t1 - t0) / 1000).toFixed(2),
        validateSeconds: +((t2 - t1) / 1000).toFixed(2),
        commitSeconds: +((t3 - t2) / 1000).toFixed(2),
        totalSeconds: +((t3 - t0) / 1000).toFixed(2),
        eventLoopMaxStallMs: Math.round(loop.max / 1e6),
        eventLoopP99Ms: Math.round(loop.percentile(99) / 1e6),
        maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  }
  await app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
