import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { handleError } from '../../src/platform/http/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { multipart } from '../support/multipart.js';
import { aPerson, workerCsv } from '../support/sheets.js';

/**
 * Input PostgreSQL would refuse (a 36-character id that is no uuid, the NUL character, a crafted page
 * marker) is a 422 naming the field, on every route, never a 500.
 */
let t: TestApp;
let admin: Record<string, string>;

before(async () => {
  t = await createTestApp({ demoWorkers: 5 });
  admin = await t.login('admin@payung.local');
});
after(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const inject = (method: Method, url: string, payload?: unknown, headers = admin) =>
  t.server.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

function assert422(r: { statusCode: number; body: string }, field: string, what: string) {
  assert.equal(r.statusCode, 422, `${what}: ${r.body}`);
  const body = JSON.parse(r.body);
  assert.equal(body.error.code, 'VALIDATION_FAILED', what);
  const paths = body.error.details.issues.map((i: { path: string[] }) => i.path.join('.'));
  assert.ok(paths.includes(field), `${what}: issues name ${paths.join(', ')}, not ${field}`);
  assert.ok(body.error.message.includes(field), `${what}: ${body.error.message}`);
  assert.doesNotMatch(r.body, /SELECT|INSERT|::|syntax|invalid input/i, what);
}

const idRoutes = () =>
  t.server.routeList.filter((r) => r.url.startsWith('/api/v1/') && r.url.includes(':id'));

describe('the boundary refuses what the database cannot read', () => {
  test('there are routes with an :id to check', () => {
    assert.ok(idRoutes().length >= 15, idRoutes().length.toString());
  });

  for (const bad of [
    'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
    '------------------------------------',
    '0190a5b2-7c3e-7d41-9a2b-3c4d5e6f7a8', // 35 characters
    '0190a5b2-7c3e-7d41-9a2b-3c4d5e6f7a8bb',
  ]) {
    test(`every :id route answers 422 naming "id" for ${JSON.stringify(bad)}`, async () => {
      for (const r of idRoutes()) {
        const url = r.url.replace(':id', encodeURIComponent(bad));
        const res = await inject(r.method as Method, url, r.method === 'GET' ? undefined : {});
        assert422(res, 'id', `${r.method} ${r.url}`);
      }
    });
  }

  test('a real uuid still reaches the service (404, not 422)', async () => {
    const r = await inject('GET', '/api/v1/workers/00000000-0000-0000-0000-000000000000');
    assert.equal(r.statusCode, 404, r.body);
  });

  test('NUL in any text field of a JSON body is a 422 naming the field, on every route taking a body', async () => {
    const worker = await t.app.workers.create(ctxAs(), aWorker({ fullName: 'Nul Uji' }));
    const cases: [Method, string, unknown, string][] = [
      ['POST', '/api/v1/workers', aWorker({ fullName: 'Siti\u0000Aminah' }), 'fullName'],
      ['POST', '/api/v1/workers', aWorker({ address: 'Jl.\u0000' }), 'address'],
      [
        'PATCH',
        `/api/v1/workers/${worker.id}`,
        { version: 1, motherMaidenName: 'Fat\u0000imah' },
        'motherMaidenName',
      ],
      ['POST', `/api/v1/workers/${worker.id}/deactivate`, { version: 1, reason: '\u0000' }, 'reason'],
      ['POST', '/api/v1/nik/check', { nik: '1671015708750001\u0000' }, 'nik'],
      [
        'POST',
        '/api/v1/users',
        { email: 'a@payung.local', fullName: 'A\u0000', role: 'auditor', regionCodes: ['16'] },
        'fullName',
      ],
      ['POST', '/api/v1/auth/password', { currentPassword: 'x\u0000', newPassword: 'y' }, 'currentPassword'],
      ['POST', '/api/v1/users', { regionCodes: ['16', '\u000016'] }, 'regionCodes.1'],
    ];
    for (const [method, url, payload, field] of cases) {
      assert422(await inject(method, url, payload), field, `${method} ${url}`);
    }
    // Every route that takes a body, whatever its schema: a NUL in a key is named too.
    for (const r of t.server.routeList.filter(
      (x) => x.url.startsWith('/api/v1/') && x.method !== 'GET' && !x.url.includes('logout'),
    )) {
      const url = r.url.replace(':id', worker.id);
      assert422(
        await inject(r.method as Method, url, { 'a\u0000b': 'x' }),
        'a\\u0000b',
        `${r.method} ${r.url}`,
      );
    }
    // Sign-in is public: the same before any account is looked up.
    assert422(
      await inject('POST', '/api/v1/auth/login', { email: 'admin@payung.local\u0000', password: 'x' }, {}),
      'email',
      'login',
    );
  });

  test('NUL in a multipart upload’s region or file name is a 422 naming the field', async () => {
    for (const [fields, name, field] of [
      [{ region: '16.71\u0000' }, 'data.csv', 'region'],
      [{ region: '16.71' }, 'da\u0000ta.csv', 'file'],
    ] as const) {
      const m = multipart(fields, { name, content: workerCsv([aPerson()]), type: 'text/csv' });
      const r = await t.server.inject({
        method: 'POST',
        url: '/api/v1/imports',
        payload: m.payload,
        headers: { ...admin, ...m.headers },
      });
      assert422(r, field, `upload with NUL in ${field}`);
    }
  });

  test('NUL in a query string is a 422 naming the parameter, on every GET route', async () => {
    assert422(await inject('GET', '/api/v1/workers?q=Siti%00'), 'q', 'worker search');
    assert422(await inject('GET', '/api/v1/audit?actor=a%00'), 'actor', 'audit');
    for (const r of t.server.routeList.filter((x) => x.url.startsWith('/api/v1/') && x.method === 'GET')) {
      const url = `${r.url.replace(':id', '00000000-0000-0000-0000-000000000000').replace(':code', '16')}?zz=%00`;
      assert422(await inject('GET', url), 'zz', `GET ${r.url}`);
    }
  });

  test('crafted page markers are a 422 naming "cursor", never a 500', async () => {
    const b64 = (v: unknown) =>
      Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    const id = '0190a5b2-7c3e-7d41-9a2b-3c4d5e6f7a8b';
    const crafted = [
      'zzz',
      b64('garbage'),
      b64(null),
      b64([]),
      b64({ k: 'siti' }),
      b64({ k: 'siti', id: '------------------------------------' }),
      b64({ k: 'siti', id: 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz' }),
      b64({ k: 'siti\u0000', id }),
      b64({ k: 7, id }),
      b64({ k: 'siti', id, s: 'x' }),
    ];
    for (const cursor of crafted) {
      for (const q of ['', '&q=siti', '&q=si']) {
        assert422(
          await inject('GET', `/api/v1/workers?limit=1${q}&cursor=${cursor}`),
          'cursor',
          `cursor ${Buffer.from(cursor, 'base64url').toString()}`,
        );
      }
    }
    // The audit trail pages by event number: one beyond bigint is refused by the schema.
    assert422(await inject('GET', '/api/v1/audit?before=99999999999999999999'), 'before', 'audit before');
    assert422(await inject('GET', '/api/v1/audit?before=1e30'), 'before', 'audit before 1e30');
    // Import results page by row number: one beyond the column's type is refused by the schema.
    const job = (await t.app.db.query<{ id: string }>('SELECT payung_uuid7()::text AS id')).rows[0]!.id;
    assert422(
      await inject('GET', `/api/v1/imports/${job}/results?afterRow=99999999999`),
      'afterRow',
      'import results afterRow',
    );
    // A marker the server made still works.
    const first = (await inject('GET', '/api/v1/workers?limit=2')).json();
    assert.equal(typeof first.nextCursor, 'string');
    const second = await inject('GET', `/api/v1/workers?limit=2&cursor=${first.nextCursor}`);
    assert.equal(second.statusCode, 200, second.body);
  });

  test('a value the database refuses as its type is a 422 without SQL, not a 500 (safety net)', async () => {
    const s = Fastify({ logger: false });
    s.setErrorHandler(handleError);
    s.get('/uuid', async () => t.app.db.query('SELECT $1::uuid', ['zz']));
    s.get('/nul', async () => t.app.db.query('SELECT $1::jsonb', ['{"a":"\\u0000"}']));
    s.get('/date', async () => t.app.db.query('SELECT $1::date', ['2026-13-45']));
    s.get('/other', async () => t.app.db.query('SELECT * FROM no_such_table'));
    for (const path of ['/uuid', '/nul', '/date']) {
      const r = await s.inject({ method: 'GET', url: path });
      assert.equal(r.statusCode, 422, `${path}: ${r.body}`);
      assert.equal(r.json().error.code, 'VALIDATION_FAILED');
      assert.doesNotMatch(r.body, /SELECT|uuid|jsonb|date\b|invalid input|zz/i, path);
    }
    // Anything else from the database stays an internal error.
    assert.equal((await s.inject({ method: 'GET', url: '/other' })).statusCode, 500);
    await s.close();
  });
});
