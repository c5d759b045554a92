// The server of the responsiveness benchmark, in a process of its own so that the load sent to it does
// not share its event loop: opens the database (a PostgreSQL URL or a PGlite folder), fills the
// registry with N workers as the search benchmark does, seeds the demo users and listens on 127.0.0.1
// (a random port) with the default limits. Run by responsiveness.bench.ts:
//   tsx bench/responsiveness-server.ts --db URL|DIR --workers N
// Prints one JSON line on stdout once listening ({"port", "server", "workers", "fill"}), logs on
// stderr, and stops (server closed, database closed) on SIGTERM or when stdin closes.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { seedDemoWorkers } from '../src/modules/demo/demo.service.js';
import { seedDemoUsers } from '../src/modules/demo/demo.users.js';
import { loadConfig } from '../src/platform/config.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { buildServer } from '../src/platform/http/server.js';
import { settleRegistry } from './support.js';

const FILL_CHUNK = 10_000;
const FILL_SLICE = 100_000;

const { values } = parseArgs({ options: { db: { type: 'string' }, workers: { type: 'string' } } });
if (!values.db || !values.workers)
  throw new Error('usage: responsiveness-server.ts --db URL|DIR --workers N');
const count = Number(values.workers);
// As `payung serve` opens it: PostgreSQL with its default pool, PGlite on its own thread.
const db = values.db.startsWith('postgres') ? await openPostgres(values.db) : await openPglite(values.db);
// The defaults an installation runs with (PAYUNG_DB_WAIT_MS, PAYUNG_DB_QUEUE, the search places and
// the per-user limit); warnings only, on stderr.
const config = { ...loadConfig({}), logLevel: 'warn' as const };
const app = await createApp(config, { db });
const version = (await db.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v;

const fillStart = performance.now();
for (let filled = 0; filled < count; filled += FILL_SLICE) {
  await seedDemoWorkers(db, app.catalog, {
    count: Math.min(FILL_SLICE, count - filled),
    provinceCode: config.provinceCode,
    now: new Date(),
    chunkSize: FILL_CHUNK,
  });
  console.error(`  ${Math.min(count, filled + FILL_SLICE).toLocaleString('en')} workers`);
}
const fillSeconds = (performance.now() - fillStart) / 1000;
const { vacuumAnalyzeSeconds, workers, tableSize } = await settleRegistry(db);
await seedDemoUsers(app);

// Every request comes from 127.0.0.1, so the per-address limit of public routes (300 a minute, health
// included) is raised: polling health every 100 ms is 600 a minute by itself.
const server = await buildServer(app, { logStream: process.stderr, rateLimits: { public: 100_000 } });
await server.listen({ host: '127.0.0.1', port: 0 });
const address = server.server.address();

// The longest stall of this (the server's) event loop, reported on request: `GET` is not added as a
// route (that would change the server); the parent asks on stdin instead.
const loop = monitorEventLoopDelay({ resolution: 10 });

let isStopping = false;
async function stop() {
  if (isStopping) return;
  isStopping = true;
  await server.close().catch(() => {});
  await app.close().catch(() => {});
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.stdin.setEncoding('utf8');
let input = '';
process.stdin.on('data', (chunk: string) => {
  input += chunk;
  for (let i = input.indexOf('\n'); i >= 0; i = input.indexOf('\n')) {
    const line = input.slice(0, i).trim();
    input = input.slice(i + 1);
    if (line === 'loop-start') {
      loop.reset();
      loop.enable();
    } else if (line === 'loop-stop') {
      loop.disable();
      const ms = (ns: number) => Math.round(ns / 1e6);
      console.log(JSON.stringify({ loopMaxMs: ms(loop.max), loopP99Ms: ms(loop.percentile(99)) }));
    }
  }
});
process.stdin.on('end', () => void stop());

console.log(
  JSON.stringify({
    port: typeof address === 'object' && address ? address.port : 0,
    server: version,
    workers,
    fill: {
      seconds: Math.round(fillSeconds * 10) / 10,
      rowsPerSecond: Math.round(workers / fillSeconds),
      vacuumAnalyzeSeconds: Math.round(vacuumAnalyzeSeconds * 10) / 10,
      tableSize,
    },
  }),
);
