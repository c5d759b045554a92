import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createUsersRepo, hashPassword } from '../../src/modules/access/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ctxAs } from '../support/factories.js';
import { EMAILS, EVERYONE, type Matrix, type Who } from '../support/route-matrix.js';

/**
 * Every registered route × every role. Each feature keeps its entries in matrix/<feature>.ts; a route
 * added without an entry in its feature's file fails here, so no entry point can skip the access rules
 * unnoticed.
 */
const MATRIX_DIR = new URL('./matrix/', import.meta.url);
const BY_FEATURE = new Map<string, Matrix>();
for (const file of readdirSync(MATRIX_DIR).filter((f) => f.endsWith('.ts'))) {
  const { matrix } = (await import(new URL(file, MATRIX_DIR).href)) as { matrix: Matrix };
  BY_FEATURE.set(file.replace(/\.ts$/, ''), matrix);
}
const MATRIX: Matrix = {};
for (const [feature, matrix] of BY_FEATURE) {
  for (const [route, entry] of Object.entries(matrix)) {
    assert.ok(!MATRIX[route], `${route} is in two matrix files (${feature} and another)`);
    MATRIX[route] = entry;
  }
}

let t: TestApp;
const headers: Partial<Record<Who, Record<string, string>>> = { anonymous: {} };

/** Routes outside the API that need no sign-in: the API documentation and the web app's files. */
const PUBLIC_OUTSIDE_API = [
  /^\/api\/docs/,
  /^\/$/,
  /^\/(assets\/|[^/]+\.(html|js|css|svg|ico|png|webmanifest)$)/,
];

before(async () => {
  t = await createTestApp();
  // The sponsor officer is a demo user (sponsor@payung.local, for the City of Palembang's budget).
  for (const [email, role, regionCodes] of [['bpjs@payung.local', 'bpjs_liaison', ['16']]] as const) {
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

test("every API route has an entry in its feature's matrix file, and nothing else is public", () => {
  const api = t.server.routeList.filter((r) => r.url.startsWith('/api/v1/'));
  const keys = api.map((r) => `${r.method} ${r.url}`);
  const missing = api
    .filter((r) => !BY_FEATURE.get(r.feature ?? '')?.[`${r.method} ${r.url}`])
    .map((r) => `${r.method} ${r.url} (test/api/matrix/${r.feature}.ts)`);
  assert.deepEqual(missing, [], `routes without a matrix entry: ${missing.join(', ')}`);
  const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k));
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
      const probe = await entry.probe(t, who);
      const h = entry.freshSession && who !== 'anonymous' ? await t.login(EMAILS[who]) : headers[who]!;
      const r = await t.server.inject({
        method: probe.method as 'GET',
        url: probe.url,
        headers: { ...h, ...probe.headers },
        ...(probe.payload ? { payload: probe.payload } : {}),
      });
      got[who] = r.statusCode;
      // Anything that may carry personal data — answers, refusals, reports — is never cached.
      if (!entry.cacheable) {
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
