import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.js';
import { aWorker } from '../support/factories.js';

let t: TestApp;
let admin: Record<string, string>;

before(async () => {
  t = await createTestApp({ demoWorkers: 30 });
  admin = await t.login('admin@payung.local');
});
after(async () => {
  await t.close();
});

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.server.inject({
    method,
    url,
    headers: admin,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

function assertErrorShape(body: unknown, code: string) {
  const b = body as { error: { code: string; message: string } };
  assert.equal(typeof b.error?.message, 'string', JSON.stringify(body));
  assert.equal(b.error.code, code, JSON.stringify(body));
  assert.ok(b.error.message.length > 5);
  assert.doesNotMatch(JSON.stringify(body), /at .*\.(ts|js):\d+|SELECT|INSERT|syntax error/i);
}

describe('HTTP API', () => {
  test('health and meta', async () => {
    const h = await inject('GET', '/api/v1/health');
    assert.equal(h.statusCode, 200);
    assert.equal(h.json().status, 'ok');
    const m = await inject('GET', '/api/v1/meta');
    assert.equal(m.json().provinceCode, '16');
    assert.equal(m.json().provinceName, 'Sumatera Selatan');
  });

  test('regions: parent=16 lists its 17 regencies and cities; deeper levels; errors', async () => {
    const r = await inject('GET', '/api/v1/regions?parent=16');
    assert.equal(r.statusCode, 200);
    const items = r.json().items as { code: string; name: string; level: string }[];
    assert.equal(items.length, 17);
    assert.ok(items.some((i) => i.code === '16.71' && i.name === 'Kota Palembang'));
    assert.ok(items.every((i) => i.level === 'regency'));
    const districts = (await inject('GET', '/api/v1/regions?parent=16.71')).json().items;
    assert.ok(districts.length >= 18);
    const villages = (await inject('GET', '/api/v1/regions?parent=16.71.01')).json().items;
    assert.ok(villages.every((v: { level: string }) => v.level === 'village'));
    assert.equal((await inject('GET', '/api/v1/regions')).json().items.length, 38);
    const detail = (await inject('GET', '/api/v1/regions/16.71.01')).json();
    assert.deepEqual(
      detail.path.map((p: { code: string }) => p.code),
      ['16', '16.71', '16.71.01'],
    );
    const missing = await inject('GET', '/api/v1/regions?parent=16.99');
    assert.equal(missing.statusCode, 404);
    assertErrorShape(missing.json(), 'NOT_FOUND');
    const bad = await inject('GET', '/api/v1/regions?parent=abc');
    assert.equal(bad.statusCode, 422);
    assertErrorShape(bad.json(), 'VALIDATION_FAILED');
  });

  test('NIK check decodes and explains', async () => {
    const ok = (await inject('POST', '/api/v1/nik/check', { nik: '1671015708750001' })).json();
    assert.equal(ok.valid, true);
    assert.equal(ok.birthDate, '1975-08-17');
    assert.equal(ok.sex, 'P');
    const bad = (await inject('POST', '/api/v1/nik/check', { nik: '16710157087500' })).json();
    assert.equal(bad.valid, false);
    assert.equal(bad.errors[0].code, 'NIK_LENGTH');
  });

  test('create → read → search → patch → conflict → deactivate', async () => {
    const input = aWorker({ fullName: 'Rohani Lestari' });
    const created = await inject('POST', '/api/v1/workers', input);
    assert.equal(created.statusCode, 201, created.body);
    const w = created.json();
    assert.ok(w.id);
    assert.equal(w.domicileCode, '16.71.01.1001');

    const got = await inject('GET', `/api/v1/workers/${w.id}`);
    assert.equal(got.json().nik, input.nik);

    const list = await inject('GET', '/api/v1/workers?q=rohani%20lestari&limit=5');
    assert.equal(list.statusCode, 200);
    const page = list.json();
    assert.ok(Array.isArray(page.items));
    assert.ok('nextCursor' in page);
    assert.equal(page.items[0].id, w.id);
    assert.ok(page.items.every((i: { id: string; domicileCode: string }) => i.id && i.domicileCode));

    const patched = await inject('PATCH', `/api/v1/workers/${w.id}`, { version: 1, occupation: 'nelayan' });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().version, 2);

    const stale = await inject('PATCH', `/api/v1/workers/${w.id}`, { version: 1, occupation: 'ojek' });
    assert.equal(stale.statusCode, 409);
    assertErrorShape(stale.json(), 'WORKER_VERSION_CONFLICT');

    const dup = await inject('POST', '/api/v1/workers', input);
    assert.equal(dup.statusCode, 409);
    assertErrorShape(dup.json(), 'WORKER_NIK_EXISTS');

    const off = await inject('POST', `/api/v1/workers/${w.id}/deactivate`, {
      reason: 'Meninggal dunia',
      version: 2,
    });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().isActive, false);
  });

  test('paginates the demo registry with nextCursor', async () => {
    const first = (await inject('GET', '/api/v1/workers?limit=10&region=16')).json();
    assert.equal(first.items.length, 10);
    assert.equal(typeof first.nextCursor, 'string');
    const second = (
      await inject('GET', `/api/v1/workers?limit=10&region=16&cursor=${first.nextCursor}`)
    ).json();
    const overlap = second.items.filter((i: { id: string }) =>
      first.items.some((f: { id: string }) => f.id === i.id),
    );
    assert.equal(overlap.length, 0);
  });

  test('bad input gets a specific error with the right status', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/v1/workers', { fullName: 'X' }, 422, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/workers', aWorker({ nik: '1671015708750000' }), 422, 'VALIDATION_FAILED'],
      ['POST', '/api/v1/workers', aWorker({ birthDate: '17-08-1975' }), 422, 'VALIDATION_FAILED'],
      ['GET', '/api/v1/workers?ageMin=abc', undefined, 422, 'VALIDATION_FAILED'],
      ['GET', '/api/v1/workers?ageMin=50&ageMax=20', undefined, 400, 'BAD_REQUEST'],
      ['GET', '/api/v1/workers?cursor=zzz', undefined, 422, 'VALIDATION_FAILED'],
      ['GET', '/api/v1/workers/00000000-0000-0000-0000-000000000000', undefined, 404, 'WORKER_NOT_FOUND'],
      ['GET', '/api/v1/workers/%27%3B%20drop', undefined, 422, 'VALIDATION_FAILED'],
      [
        'PATCH',
        '/api/v1/workers/00000000-0000-0000-0000-000000000000',
        { occupation: 'nelayan' },
        422,
        'VALIDATION_FAILED',
      ],
      ['GET', '/api/v1/nothing-here', undefined, 404, 'NOT_FOUND'],
    ];
    for (const [method, url, payload, status, code] of cases) {
      const r = await inject(method as 'GET', url, payload);
      assert.equal(r.statusCode, status, `${method} ${url}: ${r.body}`);
      assertErrorShape(r.json(), code);
    }
    const invalid = (await inject('POST', '/api/v1/workers', { fullName: 'X' })).json();
    const paths = invalid.error.details.issues.map((i: { path: string[] }) => i.path.join('.'));
    assert.ok(paths.includes('nik'), paths.join());
    const broken = await t.server.inject({
      method: 'POST',
      url: '/api/v1/workers',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"nik": ',
    });
    assert.equal(broken.statusCode, 400);
    assertErrorShape(broken.json(), 'BAD_REQUEST');
  });

  test('OpenAPI document is generated from the route schemas and the docs page is served', async () => {
    const spec = (await inject('GET', '/api/docs/json')).json();
    assert.ok(spec.openapi.startsWith('3.'));
    for (const p of ['/api/v1/workers', '/api/v1/workers/{id}', '/api/v1/regions', '/api/v1/health']) {
      assert.ok(spec.paths[p], `missing ${p}`);
    }
    assert.ok(spec.paths['/api/v1/workers'].post.requestBody);
    const ui = await inject('GET', '/api/docs');
    assert.ok([200, 302].includes(ui.statusCode));
  });

  test('no NIK, phone or name reaches the logs', async () => {
    const input = aWorker({ fullName: 'Nyimas Logcheck', phone: '081299887766' });
    await inject('POST', '/api/v1/workers', input);
    await inject('POST', '/api/v1/workers/search', { q: input.nik });
    assert.equal((await inject('GET', `/api/v1/workers?q=${input.nik}`)).statusCode, 422);
    await inject('POST', '/api/v1/nik/check', { nik: input.nik });
    const all = t.logs.join('');
    assert.ok(all.includes('"route"'), 'request log lines are written');
    assert.ok(!all.includes(input.nik), 'NIK in logs');
    assert.ok(!all.includes('Logcheck'), 'name in logs');
    assert.ok(!all.includes('99887766'), 'phone in logs');
  });
});
