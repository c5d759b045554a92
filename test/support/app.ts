import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { type App, createApp } from '../../src/app.js';
import { seedDemoWorkers } from '../../src/modules/demo/demo.service.js';
import { DEMO_PASSWORD, seedDemoUsers } from '../../src/modules/demo/demo.users.js';
import { type Limits, loadConfig } from '../../src/platform/config.js';
import { buildServer } from '../../src/platform/http/server.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: App;
  server: FastifyInstance;
  /** Every log line the server wrote, for checks that personal data never reaches logs. */
  logs: string[];
  close(): Promise<void>;
  /** Signs in through the API; returns headers to send with later requests (cookie and CSRF token). */
  login(email: string, password?: string): Promise<{ cookie: string; 'x-csrf-token': string }>;
}

/** An app on a fresh test database with `demoWorkers` synthetic workers (the first is Siti Aminah, Palembang). */
export async function createTestApp(
  opts: {
    demoWorkers?: number;
    rateLimits?: { login?: number; public?: number };
    /** Admission limits other than the defaults (PAYUNG_DB_WAIT_MS and the like). */
    limits?: Partial<Limits>;
    /** Settings as the environment would give them (e.g. { TRUST_PROXY: '127.0.0.1' }). */
    env?: Record<string, string>;
    webDir?: string;
  } = {},
): Promise<TestApp> {
  const tdb = await createTestDatabase();
  const defaults = loadConfig(opts.env ?? {});
  const config = { ...defaults, logLevel: 'info' as const, limits: { ...defaults.limits, ...opts.limits } };
  // Short sign-in delays keep the suite fast; the growth and the lock are the same rules.
  const app = await createApp(config, {
    db: tdb.db,
    prepared: true,
    auth: { baseDelayMs: 2, maxDelayMs: 20 },
  });
  await seedDemoUsers(app);
  if (opts.demoWorkers) {
    await seedDemoWorkers(app.db, app.catalog, {
      count: opts.demoWorkers,
      provinceCode: config.provinceCode,
      now: new Date(),
    });
  }
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const server = await buildServer(app, {
    logStream,
    rateLimits: opts.rateLimits ?? { login: 1000, public: 10_000 },
    ...(opts.webDir ? { webDir: opts.webDir } : {}),
  });
  await server.ready();
  // Imports run as background jobs: started here as `payung serve` starts them.
  await app.jobs.start();
  return {
    app,
    server,
    logs,
    async login(email, password = DEMO_PASSWORD) {
      const r = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
      });
      if (r.statusCode !== 200) throw new Error(`login ${email}: ${r.statusCode} ${r.body}`);
      const cookie = r.cookies.find((c) => c.name === 'payung_session');
      return { cookie: `payung_session=${cookie?.value}`, 'x-csrf-token': r.json().csrfToken };
    },
    async close() {
      await server.close();
      await app.jobs.stop();
      await tdb.drop();
    },
  };
}

/** The same, listening on a random local port (for browser tests). */
export async function startTestApp(
  opts: { demoWorkers?: number } = {},
): Promise<TestApp & { baseUrl: string }> {
  const t = await createTestApp({ demoWorkers: opts.demoWorkers ?? 40 });
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  const address = t.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
