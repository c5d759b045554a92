import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { hashPassword } from '../../src/modules/access/passwords.js';
import { createUsersRepo } from '../../src/modules/access/users.repo.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.users.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { multipart } from '../support/multipart.js';
import { aPerson, workerCsv } from '../support/sheets.js';

/**
 * Every registered route × every role. A route added without an entry here fails this test, so no
 * entry point can skip the access rules unnoticed.
 */
type Who =
  | 'anonymous'
  | 'admin'
  | 'operatorPlg'
  | 'operatorOi'
  | 'enumerator'
  | 'sponsor'
  | 'bpjs'
  | 'auditor';
const EVERYONE: Who[] = [
  'anonymous',
  'admin',
  'operatorPlg',
  'operatorOi',
  'enumerator',
  'sponsor',
  'bpjs',
  'auditor',
];
const EMAILS: Record<Exclude<Who, 'anonymous'>, string> = {
  admin: 'admin@payung.local',
  operatorPlg: 'operator.palembang@payung.local',
  operatorOi: 'operator.oganilir@payung.local',
  enumerator: 'enumerator@payung.local',
  sponsor: 'sponsor@payung.local',
  bpjs: 'bpjs@payung.local',
  auditor: 'auditor@payung.local',
};

let t: TestApp;
const headers: Partial<Record<Who, Record<string, string>>> = { anonymous: {} };

interface Probe {
  method: string;
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
}
type Fixture = () => Promise<Probe>;

async function newWorker() {
  return t.app.workers.create(ctxAs(), aWorker());
}
async function newUser() {
  const { user } = await t.app.users.create(ctxAs(), {
    email: `u${Math.random().toString(36).slice(2)}@payung.local`,
    fullName: 'Pengguna Uji',
    role: 'regency_operator',
    regionCodes: ['16.71'],
  });
  return user;
}

async function newImport(validated = false) {
  const up = await t.app.imports.upload(ctxAs(), {
    fileName: 'palembang.csv',
    source: Readable.from([Buffer.from(workerCsv([aPerson(), aPerson()]))]),
    regionCode: '16.71',
  });
  if (validated) await t.app.imports.validate(ctxAs(), up.job.id);
  return up.job.id;
}
async function newReview() {
  const a = await t.app.workers.create(
    ctxAs(),
    aWorker({ fullName: 'Ganda Satu', sex: 'L', birthDate: '1980-01-01' }),
  );
  const b = await t.app.workers.create(
    ctxAs(),
    aWorker({ fullName: 'Ganda Satu', sex: 'L', birthDate: '1980-01-01' }),
  );
  const r = await t.app.db.query<{ id: string }>(
    `INSERT INTO duplicate_reviews (region_code, worker_id, other_worker_id, similarity) VALUES ('16.71', $1, $2, 1) RETURNING id`,
    [a.id, b.id],
  );
  return r.rows[0]!.id;
}

const ALL_OK = (status: number) =>
  Object.fromEntries(EVERYONE.map((w) => [w, status])) as Record<Who, number>;
const signedIn = (ok: number, overrides: Partial<Record<Who, number>> = {}) => ({
  ...ALL_OK(ok),
  anonymous: 401,
  ...overrides,
});
const adminOnly = (ok: number) => signedIn(403, { admin: ok });
const writers = (ok: number) => signedIn(ok, { sponsor: 403, bpjs: 403, auditor: 403, operatorOi: 404 });

const MATRIX: Record<
  string,
  { probe: Fixture | ((who: Who) => Promise<Probe>); expect: Record<Who, number> }
> = {
  'GET /api/v1/health': {
    probe: async () => ({ method: 'GET', url: '/api/v1/health' }),
    expect: ALL_OK(200),
  },
  'GET /api/v1/meta': { probe: async () => ({ method: 'GET', url: '/api/v1/meta' }), expect: ALL_OK(200) },
  'GET /api/v1/regions': {
    probe: async () => ({ method: 'GET', url: '/api/v1/regions?parent=16' }),
    expect: ALL_OK(200),
  },
  'GET /api/v1/regions/:code': {
    probe: async () => ({ method: 'GET', url: '/api/v1/regions/16.71' }),
    expect: ALL_OK(200),
  },
  'POST /api/v1/auth/login': {
    probe: async (who: Who) => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: who === 'anonymous' ? 'nobody@payung.local' : EMAILS[who], password: DEMO_PASSWORD },
    }),
    expect: { ...ALL_OK(200), anonymous: 401 },
  },
  'POST /api/v1/auth/logout': {
    probe: async () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
    expect: ALL_OK(204),
  },
  'GET /api/v1/auth/me': {
    probe: async () => ({ method: 'GET', url: '/api/v1/auth/me' }),
    expect: signedIn(200),
  },
  'POST /api/v1/auth/password': {
    probe: async () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'salah', newPassword: 'x' },
    }),
    expect: signedIn(422),
  },
  'POST /api/v1/nik/check': {
    probe: async () => ({ method: 'POST', url: '/api/v1/nik/check', payload: { nik: '1671015708750001' } }),
    expect: signedIn(200),
  },
  'GET /api/v1/workers': {
    probe: async () => ({ method: 'GET', url: '/api/v1/workers?limit=1' }),
    expect: signedIn(200),
  },
  'POST /api/v1/workers/search': {
    probe: async () => ({ method: 'POST', url: '/api/v1/workers/search', payload: { limit: 1 } }),
    expect: signedIn(200),
  },
  'POST /api/v1/workers/nik-status': {
    probe: async () => ({
      method: 'POST',
      url: '/api/v1/workers/nik-status',
      payload: { nik: (await newWorker()).nik },
    }),
    expect: signedIn(200, { sponsor: 403, bpjs: 403, auditor: 403 }),
  },
  'POST /api/v1/workers': {
    probe: async () => ({ method: 'POST', url: '/api/v1/workers', payload: aWorker() }),
    expect: signedIn(201, { sponsor: 403, bpjs: 403, auditor: 403, operatorOi: 403 }),
  },
  'GET /api/v1/workers/:id': {
    probe: async () => ({ method: 'GET', url: `/api/v1/workers/${(await newWorker()).id}` }),
    expect: signedIn(200, { sponsor: 404, operatorOi: 404 }),
  },
  'PATCH /api/v1/workers/:id': {
    probe: async () => ({
      method: 'PATCH',
      url: `/api/v1/workers/${(await newWorker()).id}`,
      payload: { version: 1, occupation: 'nelayan' },
    }),
    expect: writers(200),
  },
  'POST /api/v1/workers/:id/deactivate': {
    probe: async () => ({
      method: 'POST',
      url: `/api/v1/workers/${(await newWorker()).id}/deactivate`,
      payload: { version: 1, reason: 'Pindah domisili' },
    }),
    expect: writers(200),
  },
  'GET /api/v1/users': {
    probe: async () => ({ method: 'GET', url: '/api/v1/users' }),
    expect: adminOnly(200),
  },
  'POST /api/v1/users': {
    probe: async () => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: `n${Math.random().toString(36).slice(2)}@payung.local`,
        fullName: 'Baru',
        role: 'auditor',
        regionCodes: ['16'],
      },
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/v1/users/:id': {
    probe: async () => ({
      method: 'PATCH',
      url: `/api/v1/users/${(await newUser()).id}`,
      payload: { fullName: 'Nama Baru' },
    }),
    expect: adminOnly(200),
  },
  'POST /api/v1/users/:id/reset-password': {
    probe: async () => ({ method: 'POST', url: `/api/v1/users/${(await newUser()).id}/reset-password` }),
    expect: adminOnly(200),
  },
  'POST /api/v1/users/:id/tokens': {
    probe: async () => ({
      method: 'POST',
      url: `/api/v1/users/${(await newUser()).id}/tokens`,
      payload: { name: 'integrasi' },
    }),
    expect: adminOnly(201),
  },
  'POST /api/v1/tokens/:id/revoke': {
    probe: async () => {
      const { id } = await t.app.users.createToken(ctxAs(), (await newUser()).id, { name: 'x' });
      return { method: 'POST', url: `/api/v1/tokens/${id}/revoke` };
    },
    expect: adminOnly(204),
  },
  'POST /api/v1/imports': {
    probe: async () => {
      const m = multipart(
        { region: '16.71.01' },
        { name: 'data.csv', content: workerCsv([aPerson()]), type: 'text/csv' },
      );
      return { method: 'POST', url: '/api/v1/imports', payload: m.payload, headers: m.headers };
    },
    expect: signedIn(201, { sponsor: 403, bpjs: 403, auditor: 403, operatorOi: 403 }),
  },
  'GET /api/v1/imports': {
    probe: async () => ({ method: 'GET', url: '/api/v1/imports' }),
    expect: signedIn(200, { sponsor: 403 }),
  },
  'GET /api/v1/imports/:id': {
    probe: async () => ({ method: 'GET', url: `/api/v1/imports/${await newImport()}` }),
    expect: signedIn(200, { sponsor: 403, enumerator: 404, operatorOi: 404 }),
  },
  'GET /api/v1/imports/:id/layout': {
    probe: async () => ({ method: 'GET', url: `/api/v1/imports/${await newImport()}/layout` }),
    expect: { ...writers(200), enumerator: 404 },
  },
  'PUT /api/v1/imports/:id/mapping': {
    probe: async () => ({
      method: 'PUT',
      url: `/api/v1/imports/${await newImport()}/mapping`,
      payload: { mapping: { NIK: 'nik', 'NAMA LENGKAP': 'fullName' } },
    }),
    expect: { ...writers(200), enumerator: 404 },
  },
  'POST /api/v1/imports/:id/validate': {
    probe: async () => ({ method: 'POST', url: `/api/v1/imports/${await newImport()}/validate` }),
    expect: { ...writers(202), enumerator: 404 },
  },
  'POST /api/v1/imports/:id/commit': {
    probe: async () => ({
      method: 'POST',
      url: `/api/v1/imports/${await newImport(true)}/commit`,
      payload: {},
    }),
    expect: { ...writers(202), enumerator: 404 },
  },
  'GET /api/v1/imports/:id/results': {
    probe: async () => ({ method: 'GET', url: `/api/v1/imports/${await newImport(true)}/results` }),
    expect: signedIn(200, { sponsor: 403, enumerator: 404, operatorOi: 404 }),
  },
  'GET /api/v1/imports/:id/findings': {
    probe: async () => ({ method: 'GET', url: `/api/v1/imports/${await newImport(true)}/findings` }),
    expect: signedIn(200, { sponsor: 403, enumerator: 404, operatorOi: 404 }),
  },
  'GET /api/v1/imports/:id/report.xlsx': {
    probe: async () => ({ method: 'GET', url: `/api/v1/imports/${await newImport(true)}/report.xlsx` }),
    expect: signedIn(200, { sponsor: 403, enumerator: 404, operatorOi: 404 }),
  },
  'GET /api/v1/duplicates': {
    probe: async () => ({ method: 'GET', url: '/api/v1/duplicates' }),
    expect: signedIn(200, { sponsor: 403 }),
  },
  'POST /api/v1/duplicates/:id/decide': {
    probe: async () => ({
      method: 'POST',
      url: `/api/v1/duplicates/${await newReview()}/decide`,
      payload: { decision: 'keep_both' },
    }),
    expect: signedIn(200, { sponsor: 403, bpjs: 403, auditor: 403, operatorOi: 404 }),
  },
  'GET /api/v1/audit': {
    probe: async () => ({ method: 'GET', url: '/api/v1/audit' }),
    expect: signedIn(403, { admin: 200, auditor: 200 }),
  },
  'GET /api/v1/audit/:id/full': {
    probe: async () => {
      const w = await newWorker();
      const r = await t.app.db.query<{ id: number }>(
        `SELECT id FROM audit_events WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [w.id],
      );
      return { method: 'GET', url: `/api/v1/audit/${r.rows[0]!.id}/full` };
    },
    expect: signedIn(403, { admin: 200, auditor: 200 }),
  },
  'POST /api/v1/audit/people': {
    probe: async () => ({ method: 'POST', url: '/api/v1/audit/people', payload: { query: 'Siti Aminah' } }),
    expect: signedIn(403, { admin: 200, auditor: 200 }),
  },
  'GET /api/v1/audit/export': {
    probe: async () => ({ method: 'GET', url: '/api/v1/audit/export' }),
    expect: signedIn(403, { admin: 200, auditor: 200 }),
  },
};

/** Public reference reads, the only API answers a cache may keep. */
const CACHEABLE = new Set([
  'GET /api/v1/health',
  'GET /api/v1/meta',
  'GET /api/v1/regions',
  'GET /api/v1/regions/:code',
]);

/** Routes outside the API that need no sign-in: the API documentation and the web app's files. */
const PUBLIC_OUTSIDE_API = [
  /^\/api\/docs/,
  /^\/$/,
  /^\/(assets\/|[^/]+\.(html|js|css|svg|ico|png|webmanifest)$)/,
];

before(async () => {
  t = await createTestApp();
  for (const [email, role, regionCodes] of [
    ['sponsor@payung.local', 'sponsor_officer', ['16']],
    ['bpjs@payung.local', 'bpjs_liaison', ['16']],
  ] as const) {
    const { user } = await t.app.users.create(ctxAs(), {
      email,
      fullName: email,
      role,
      regionCodes: [...regionCodes],
    });
    // The demo password, as the demo seed sets it (nobody may choose it through the service).
    await createUsersRepo(t.app.db).setPassword(user.id, await hashPassword(DEMO_PASSWORD), new Date());
  }
  for (const who of EVERYONE) if (who !== 'anonymous') headers[who] = await t.login(EMAILS[who]);
});
after(async () => {
  await t.close();
});

test('every API route has an entry in the route × role matrix, and nothing else is public', () => {
  const api = t.server.routeList
    .filter((r) => r.url.startsWith('/api/v1/'))
    .map((r) => `${r.method} ${r.url}`);
  const missing = api.filter((k) => !MATRIX[k]);
  assert.deepEqual(missing, [], `routes without a matrix entry: ${missing.join(', ')}`);
  const stale = Object.keys(MATRIX).filter((k) => !api.includes(k));
  assert.deepEqual(stale, [], `matrix entries without a route: ${stale.join(', ')}`);
  const outside = t.server.routeList.filter((r) => !r.url.startsWith('/api/v1/'));
  for (const r of outside) {
    assert.ok(
      PUBLIC_OUTSIDE_API.some((re) => re.test(r.url)),
      `unexpected route outside /api/v1: ${r.method} ${r.url}`,
    );
  }
});

for (const [route, entry] of Object.entries(MATRIX)) {
  test(`${route}: each role gets what the matrix says`, async () => {
    const got: Partial<Record<Who, number>> = {};
    for (const who of EVERYONE) {
      const probe = await (entry.probe as (w: Who) => Promise<Probe>)(who);
      // Logging out would end the session other probes use: log out a fresh session instead.
      const h =
        route === 'POST /api/v1/auth/logout' && who !== 'anonymous'
          ? await t.login(EMAILS[who])
          : headers[who]!;
      const r = await t.server.inject({
        method: probe.method as 'GET',
        url: probe.url,
        headers: { ...h, ...probe.headers },
        ...(probe.payload ? { payload: probe.payload } : {}),
      });
      got[who] = r.statusCode;
      // Anything that may carry personal data — answers, refusals, reports — is never cached.
      if (!CACHEABLE.has(route)) {
        assert.equal(r.headers['cache-control'], 'no-store', `${route} as ${who}: Cache-Control`);
      }
      if (r.statusCode >= 400) {
        const body = r.json();
        assert.equal(typeof body.error?.code, 'string', `${route} as ${who}: ${r.body}`);
      }
    }
    assert.deepEqual(got, entry.expect);
  });
}
