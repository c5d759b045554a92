// Issue #12 item 6: the server stays responsive while long work runs, and sheds what it cannot serve.
// For each database: a registry of N workers, the real HTTP server (buildServer, listening on
// 127.0.0.1, default admission limits) in a process of its own (responsiveness-server.ts, so the
// load sent from here does not share its event loop), signed-in demo users, then
//   A. a burst of 200 concurrent fuzzy name searches (GET /api/v1/workers?q=<common name>), and
//   B. an import of a generated CSV through the API (upload, dry run, commit, progress polls),
// each while GET /api/v1/health and GET / (the web app's page) are polled every 100 ms.
// Budgets: health p95 and max and page max under 1 s in both scenarios; in A every search answered
// (200, or 503 with Retry-After) and the server answering a search in under a second again within 5 s.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD, demoUsers } from '../src/modules/demo/demo.users.js';
import { regionCatalog } from '../src/modules/regions/catalog.js';
import { PROJECT_ROOT, WEB_DIST_DIR } from '../src/platform/paths.js';
import { writeSheetCsv } from './import-sheet.js';
import {
  type Benchmark,
  type BenchOptions,
  checkpoint,
  createPostgresBenchDatabase,
  deferCleanup,
  fmtMs,
  summarize,
  type Target,
  type TargetResult,
  TargetUnavailable,
  type Timing,
  withDatabase,
} from './support.js';

const PROVINCE = '16';
const FILL_CHUNK = 10_000;
const BURST = 200;
const POLL_MS = 100;
/** Every request the benchmark sends gives up after this long (counted as "no answer"). */
const REQUEST_TIMEOUT_MS = 60_000;
/** The drain is probed for at most this long after the burst was sent. */
const DRAIN_LIMIT_MS = 60_000;
const DRAIN_PROBE_MS = 250;
const IMPORT_ROWS = 100_000;
/** The import (upload, dry run, commit) is given up after this long. */
const IMPORT_LIMIT_MS = 20 * 60_000;
const RESPONSIVE_MS = 1000;
const DRAIN_BUDGET_MS = 5000;
// Common names of the synthetic registry, as someone types them into the search box (never NIKs).
const NAMES = ['siti', 'budi', 'ahmad', 'siti aminah', 'muhammad rizki', 'dewi', 'sri', 'agus'];

const benchmark: Benchmark = {
  name: 'responsiveness',
  description:
    'health and the web app answer, and excess is shed (503 + Retry-After), during a burst of 200 name searches and during an import, through the HTTP server',
  async run(options) {
    const results: TargetResult[] = [];
    for (const target of options.targets) results.push(await runTarget(target, options));
    return results;
  },
};
export default benchmark;

// ---- HTTP --------------------------------------------------------------------------------------

interface Answer {
  status: number;
  ms: number;
  retryAfter: string | null;
  body: string;
  /** When the request was sent (performance.now()). */
  sentAt: number;
}

/** One request, timed from sending to the whole body read; a timeout or a broken connection is status 0. */
async function send(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {},
): Promise<Answer> {
  const sentAt = performance.now();
  try {
    const r = await fetch(`${base}${path}`, {
      ...init,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await r.text();
    return {
      status: r.status,
      ms: performance.now() - sentAt,
      retryAfter: r.headers.get('retry-after'),
      body,
      sentAt,
    };
  } catch (e) {
    return { status: 0, ms: performance.now() - sentAt, retryAfter: null, body: String(e), sentAt };
  }
}

type Session = { email: string; headers: Record<string, string> };

async function signIn(base: string, email: string): Promise<Session> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (r.status !== 200) throw new Error(`sign-in ${email}: ${r.status} ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('payung_session='));
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  if (!cookie) throw new Error(`sign-in ${email}: no session cookie`);
  return { email, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Sends GET `path` every `everyMs` until stopped (not waiting for earlier answers), keeping the answers. */
function poller(base: string, path: string, everyMs: number, headers?: Record<string, string>) {
  const pending: Promise<Answer>[] = [];
  const timer = setInterval(() => pending.push(send(base, path, headers ? { headers } : {})), everyMs);
  return {
    async stop(): Promise<Answer[]> {
      clearInterval(timer);
      return Promise.all(pending);
    },
  };
}

/** GET `path` again as soon as the previous answer came, at most every `everyMs` (as the import page polls). */
function sequentialPoller(base: string, path: string, everyMs: number, headers: Record<string, string>) {
  const answers: Answer[] = [];
  let isStopped = false;
  const loop = (async () => {
    while (!isStopped) {
      const a = await send(base, path, { headers });
      answers.push(a);
      if (a.ms < everyMs) await sleep(everyMs - a.ms);
    }
  })();
  return {
    answers,
    async stop(): Promise<Answer[]> {
      isStopped = true;
      await loop;
      return answers;
    },
  };
}

// ---- figures -----------------------------------------------------------------------------------

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function countStatuses(answers: Answer[]): string {
  const by = new Map<number, number>();
  for (const a of answers) by.set(a.status, (by.get(a.status) ?? 0) + 1);
  return [...by]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s === 0 ? 'no answer' : s}: ${n}`)
    .join(', ');
}

/** p50/p95/max of the answers' latencies as timings; budgets (ms) on p95 and max where given. */
function latencyTimings(
  prefix: string,
  what: string,
  answers: Answer[],
  budget: { p95?: number; max?: number } = {},
  origin?: number,
): Timing[] {
  // A request that got no answer counts with the time it waited (the timeout).
  const s = summarize(answers.map((a) => a.ms));
  const slowest = answers.reduce<Answer | undefined>((m, a) => (m && m.ms >= a.ms ? m : a), undefined);
  const at =
    slowest && origin !== undefined
      ? `, slowest sent at +${((slowest.sentAt - origin) / 1000).toFixed(1)} s`
      : '';
  const detail = `n ${s.n} (${countStatuses(answers)})${at}`;
  const one = (stat: 'p50' | 'p95' | 'max', limit?: number): Timing => ({
    kind: `${prefix}-${stat}`,
    description: `${what}: ${stat} latency`,
    seconds: round(s[stat]),
    unit: 'ms',
    ...(limit !== undefined
      ? {
          budget: `< ${limit.toLocaleString('en')} ms`,
          isWithinBudget: answers.length > 0 && s[stat] < limit && answers.every((a) => a.status !== 0),
        }
      : {}),
    detail,
  });
  return [one('p50'), one('p95', budget.p95), one('max', budget.max)];
}

/** The server process: its address, and its event loop's longest stall between `loopStart` and `loopStop`. */
interface ServerProcess {
  base: string;
  loopStart(): void;
  loopStop(): Promise<{ loopMaxMs: number; loopP99Ms: number }>;
}

/** The longest stall of the server's event loop (its process only: the load is sent from this one). */
function loopTiming(kind: string, loop: { loopMaxMs: number; loopP99Ms: number }): Timing {
  return {
    kind,
    description: "longest stall of the server process's event loop",
    seconds: loop.loopMaxMs,
    unit: 'ms',
    detail: `p99 ${loop.loopP99Ms} ms`,
  };
}

interface Started {
  port: number;
  server: string;
  workers: number;
  fill: NonNullable<TargetResult['fill']>;
}

/** Starts bench/responsiveness-server.ts on `db`; resolves once it listens (the fill can take long). */
function startServer(db: string, workers: number, log: (m: string) => void) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(PROJECT_ROOT, 'bench/responsiveness-server.ts'),
      '--db',
      db,
      '--workers',
      String(workers),
    ],
    { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-4000);
    for (const l of s.split('\n')) if (l.trim()) log(`  server: ${l.trim().slice(0, 300)}`);
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    for (let i = out.indexOf('\n'); i >= 0; i = out.indexOf('\n')) {
      const line = out.slice(0, i);
      out = out.slice(i + 1);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const l = lines.shift();
      if (l !== undefined) return resolve(l);
      waiting.push(resolve);
      void exited.then(() => reject(new Error(`the server process ended: ${stderr.slice(-1000)}`)));
    });
  const stop = deferCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
  });
  const ready = (async (): Promise<Started & ServerProcess> => {
    const started = JSON.parse(await nextLine()) as Started;
    return {
      ...started,
      base: `http://127.0.0.1:${started.port}`,
      loopStart: () => child.stdin.write('loop-start\n'),
      async loopStop() {
        child.stdin.write('loop-stop\n');
        return JSON.parse(await nextLine()) as { loopMaxMs: number; loopP99Ms: number };
      },
    };
  })();
  return { ready, stop };
}

// ---- one database --------------------------------------------------------------------------------

async function runTarget(target: Target, o: BenchOptions): Promise<TargetResult> {
  // The database, empty; the server process migrates, fills and serves it.
  let dbArg: string;
  let drop: () => Promise<void>;
  try {
    if (target === 'postgres') {
      const bdb = await createPostgresBenchDatabase(o.postgresUrl);
      const name = (await bdb.db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
      dbArg = withDatabase(o.postgresUrl, name);
      drop = bdb.drop;
    } else {
      const folder = mkdtempSync(join(tmpdir(), 'payung-bench-'));
      dbArg = folder;
      drop = deferCleanup(async () => rmSync(folder, { recursive: true, force: true }));
    }
  } catch (e) {
    if (e instanceof TargetUnavailable && !o.isTargetRequired) {
      o.log(`[${target}] skipped: ${e.message}`);
      return { target, status: 'skipped', skippedBecause: e.message, measurements: [] };
    }
    throw e;
  }
  const dir = mkdtempSync(join(tmpdir(), 'payung-bench-responsiveness-'));
  const removeFiles = deferCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  let stopServer: (() => Promise<void>) | undefined;
  try {
    const importRows = Math.min(IMPORT_ROWS, o.workers);
    const csv = join(dir, `workers-${importRows}.csv`);
    o.log(`[${target}] writing ${importRows.toLocaleString('en')} rows of CSV…`);
    await writeSheetCsv(csv, regionCatalog(), importRows);

    o.log(
      `[${target}] starting the server process: ${o.workers.toLocaleString('en')} workers (${FILL_CHUNK} rows per INSERT)…`,
    );
    const s = startServer(dbArg, o.workers, (m) => o.log(`[${target}] ${m}`));
    stopServer = s.stop;
    const server = await s.ready;
    o.log(
      `[${target}] ${server.server}; ${server.workers.toLocaleString('en')} workers filled in ${server.fill.seconds} s, ` +
        `VACUUM ANALYZE ${server.fill.vacuumAnalyzeSeconds} s; listening on ${server.base}`,
    );
    const hasWeb = existsSync(WEB_DIST_DIR);
    if (!hasWeb) o.log(`[${target}] the web app is not built (npm run build:web): GET / is answered 404`);
    const sessions: Session[] = [];
    for (const u of demoUsers(PROVINCE)) sessions.push(await signIn(server.base, u.email));
    const admin = sessions.find((x) => x.email === 'admin@payung.local')!;

    const timings: Timing[] = [];
    timings.push(...(await searchBurst(target, o, server, sessions)));
    await checkpoint();
    timings.push(...(await importScenario(target, o, server, admin, csv, importRows)));
    timings.push({
      kind: 'web-app',
      description: 'whether GET / served the built web app (npm run build:web) or a 404',
      seconds: hasWeb ? 1 : 0,
      unit: 'bool',
      detail: hasWeb ? 'built' : 'not built: the page figures are a 404 answered by the server',
    });
    return {
      target,
      status: 'measured',
      server: server.server,
      workers: server.workers,
      fill: server.fill,
      measurements: [],
      timings,
    };
  } finally {
    o.log(`[${target}] stopping the server, removing the benchmark database and files…`);
    await stopServer?.();
    await drop();
    await removeFiles();
  }
}

// ---- scenario A: a burst of name searches --------------------------------------------------------

async function searchBurst(
  target: Target,
  o: BenchOptions,
  server: ServerProcess,
  sessions: Session[],
): Promise<Timing[]> {
  const base = server.base;
  const searchPath = (i: number) =>
    `/api/v1/workers?q=${encodeURIComponent(NAMES[i % NAMES.length]!)}&status=active&limit=25`;
  // A warm-up search per user, one at a time (plans and caches, as a running server has them).
  for (const [i, s] of sessions.entries()) await send(base, searchPath(i), { headers: s.headers });

  o.log(
    `[${target}] A: ${BURST} concurrent name searches by ${sessions.length} users, health and / every ${POLL_MS} ms…`,
  );
  server.loopStart();
  const health = poller(base, '/api/v1/health', POLL_MS);
  const page = poller(base, '/', POLL_MS);
  const start = performance.now();
  // Spread over the users, so each stays under the per-user limit (120 a minute); the server's own
  // limits (search places and queue, database queue) decide what is answered and what is refused.
  const burst = Array.from({ length: BURST }, (_, i) =>
    send(base, searchPath(i), { headers: sessions[i % sessions.length]!.headers }),
  );
  const lastSentAt = performance.now();

  // The drain: from the last search sent until a search is answered (200) in under a second again.
  let drainMs = Number.NaN;
  const probes: Answer[] = [];
  for (let i = 0; performance.now() - lastSentAt < DRAIN_LIMIT_MS; i++) {
    const a = await send(base, searchPath(i + 3), { headers: sessions[i % sessions.length]!.headers });
    probes.push(a);
    if (a.status === 200 && a.ms < RESPONSIVE_MS) {
      drainMs = a.sentAt + a.ms - lastSentAt;
      break;
    }
    await sleep(DRAIN_PROBE_MS);
  }
  const answers = await Promise.all(burst);
  const allAnsweredMs = Math.max(...answers.map((a) => a.sentAt + a.ms)) - start;
  const [h, p] = [await health.stop(), await page.stop()];
  const loop = await server.loopStop();

  const ok = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status === 503);
  const refusedWithRetry = refused.filter((a) => a.retryAfter !== null);
  const other = answers.length - ok.length - refusedWithRetry.length;
  const codes = new Map<string, number>();
  for (const a of refused) {
    const code = /"code":"([A-Z_]+)"/.exec(a.body)?.[1] ?? '?';
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const okStats = summarize(ok.map((a) => a.ms));
  o.log(
    `[${target}]   searches: ${ok.length} answered 200, ${refusedWithRetry.length} refused 503 with Retry-After ` +
      `(${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}), ${other} other; answered p50 ${fmtMs(okStats.p50)} ms, ` +
      `p95 ${fmtMs(okStats.p95)} ms, max ${fmtMs(okStats.max)} ms; all answered after ${(allAnsweredMs / 1000).toFixed(1)} s; ` +
      `drain ${Number.isNaN(drainMs) ? `over ${DRAIN_LIMIT_MS / 1000} s` : `${fmtMs(drainMs)} ms`} (${probes.length} probes)`,
  );
  const summaryOf = (xs: Answer[]) => {
    const s = summarize(xs.map((a) => a.ms));
    return `p50 ${fmtMs(s.p50)}, p95 ${fmtMs(s.p95)}, max ${fmtMs(s.max)} ms`;
  };
  o.log(
    `[${target}]   health ${summaryOf(h)} (${countStatuses(h)}); page ${summaryOf(p)} (${countStatuses(p)})`,
  );

  return [
    {
      kind: 'A-searches-ok',
      description: `of ${BURST} concurrent name searches, answered 200`,
      seconds: ok.length,
      unit: 'n',
    },
    {
      kind: 'A-searches-503',
      description: `of ${BURST}, refused 503 with Retry-After (${[...codes].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'})`,
      seconds: refusedWithRetry.length,
      unit: 'n',
    },
    {
      kind: 'A-searches-other',
      description: `of ${BURST}, anything else (429, errors, 503 without Retry-After, no answer within ${REQUEST_TIMEOUT_MS / 1000} s)`,
      seconds: other,
      unit: 'n',
      budget: '= 0',
      isWithinBudget: other === 0,
      detail: countStatuses(answers),
    },
    ...latencyTimings('A-search-200', 'name searches answered 200', ok, {}, start),
    {
      kind: 'A-all-answered',
      description: 'from the burst sent to its last answer',
      seconds: round(allAnsweredMs / 1000, 2),
    },
    {
      kind: 'A-drain',
      description:
        'from the last search of the burst sent until a search is answered 200 in under a second (probed one at a time)',
      seconds: Number.isNaN(drainMs) ? DRAIN_LIMIT_MS : round(drainMs),
      unit: 'ms',
      budget: `< ${DRAIN_BUDGET_MS.toLocaleString('en')} ms`,
      isWithinBudget: !Number.isNaN(drainMs) && drainMs < DRAIN_BUDGET_MS,
      detail: `${probes.length} probes (${countStatuses(probes)})`,
    },
    ...latencyTimings(
      'A-health',
      'GET /api/v1/health during the burst',
      h,
      { p95: RESPONSIVE_MS, max: RESPONSIVE_MS },
      start,
    ),
    ...latencyTimings('A-page', 'GET / (the web app) during the burst', p, { max: RESPONSIVE_MS }, start),
    loopTiming('A-loop-max', loop),
  ];
}

// ---- scenario B: an import through the API -------------------------------------------------------

interface Job {
  id: string;
  status: string;
  error: string | null;
  counts: Record<string, number> | null;
}

async function importScenario(
  target: Target,
  o: BenchOptions,
  server: ServerProcess,
  who: Session,
  csv: string,
  rows: number,
): Promise<Timing[]> {
  const base = server.base;
  o.log(
    `[${target}] B: importing ${rows.toLocaleString('en')} CSV rows through the API, health and / every ${POLL_MS} ms…`,
  );
  const deadline = performance.now() + IMPORT_LIMIT_MS;
  server.loopStart();
  const health = poller(base, '/api/v1/health', POLL_MS);
  const page = poller(base, '/', POLL_MS);
  let progress: ReturnType<typeof sequentialPoller> | undefined;
  const phases: string[] = [];
  const t0 = performance.now();
  let job: Job | undefined;
  let h: Answer[] = [];
  let p: Answer[] = [];
  let g: Answer[] = [];
  try {
    const form = new FormData();
    form.append('region', PROVINCE);
    form.append('file', await openAsBlob(csv, { type: 'text/csv' }), `workers-${rows}.csv`);
    const up = await send(base, '/api/v1/imports', { method: 'POST', headers: who.headers, body: form });
    if (up.status !== 201) throw new Error(`upload: ${up.status} ${up.body.slice(0, 300)}`);
    const id = (JSON.parse(up.body) as { job: Job }).job.id;
    phases.push(`upload ${(up.ms / 1000).toFixed(1)} s`);
    progress = sequentialPoller(base, `/api/v1/imports/${id}`, POLL_MS, who.headers);

    /** POSTs `path` (a 503 is tried again after its Retry-After), then waits for the job to reach `until`. */
    const step = async (path: string, body: unknown, until: string) => {
      const t = performance.now();
      for (;;) {
        const r = await send(base, path, {
          method: 'POST',
          headers: { ...who.headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (r.status === 202) break;
        if (r.status !== 503 || performance.now() > deadline)
          throw new Error(`${path}: ${r.status} ${r.body.slice(0, 300)}`);
        await sleep(1000 * Number(r.retryAfter ?? 1));
      }
      for (;;) {
        const last = progress!.answers.findLast((a) => a.status === 200 && a.sentAt > t);
        if (last) {
          job = JSON.parse(last.body) as Job;
          if (job.status === until) break;
          if (job.status === 'failed') throw new Error(`import failed: ${job.error}`);
        }
        if (performance.now() > deadline)
          throw new Error(`import not ${until} after ${IMPORT_LIMIT_MS / 1000} s`);
        await sleep(POLL_MS);
      }
      phases.push(`${until} after ${((performance.now() - t) / 1000).toFixed(1)} s`);
    };
    await step(`/api/v1/imports/${id}/validate`, {}, 'validated');
    await step(`/api/v1/imports/${id}/commit`, { updateExisting: false }, 'imported');
  } finally {
    // Stopped also when the import failed, so no request is left running.
    g = (await progress?.stop()) ?? [];
    h = await health.stop();
    p = await page.stop();
  }
  const loop = await server.loopStop();
  const totalSeconds = (performance.now() - t0) / 1000;
  const polls503 = g.filter((a) => a.status === 503);
  const summaryOf = (xs: Answer[]) => {
    const s = summarize(xs.map((a) => a.ms));
    return `p50 ${fmtMs(s.p50)}, p95 ${fmtMs(s.p95)}, max ${fmtMs(s.max)} ms`;
  };
  o.log(`[${target}]   ${phases.join(', ')}; counts ${JSON.stringify(job?.counts)}`);
  o.log(
    `[${target}]   health ${summaryOf(h)} (${countStatuses(h)}); page ${summaryOf(p)} (${countStatuses(p)}); ` +
      `progress ${summaryOf(g)} (${countStatuses(g)})`,
  );
  return [
    {
      kind: 'B-import',
      description: `${rows.toLocaleString('en')} CSV rows through the API: upload, dry run, commit`,
      seconds: round(totalSeconds, 2),
      detail: `${phases.join(', ')}; added ${job?.counts?.added ?? '?'}`,
    },
    ...latencyTimings(
      'B-health',
      'GET /api/v1/health during the import',
      h,
      { p95: RESPONSIVE_MS, max: RESPONSIVE_MS },
      t0,
    ),
    ...latencyTimings('B-page', 'GET / (the web app) during the import', p, { max: RESPONSIVE_MS }, t0),
    ...latencyTimings(
      'B-progress',
      'GET /api/v1/imports/:id (the progress poll) during the import',
      g,
      {},
      t0,
    ),
    loopTiming('B-loop-max', loop),
    {
      kind: 'B-progress-503',
      description: 'progress polls answered 503 (the database busy)',
      seconds: polls503.length,
      unit: 'n',
      detail: `of ${g.length}; ${polls503.filter((a) => a.retryAfter !== null).length} with Retry-After`,
    },
  ];
}
