import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { NIK_REGISTERED_MESSAGE } from '../../src/modules/workers/workers.rules.js';
import type { Actor } from '../../src/platform/context.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aWorker, ctxAs, nikFor } from '../support/factories.js';
import { aPerson, workerCsv } from '../support/sheets.js';

let t: TestApp;
let admin: Record<string, string>;
let palembang: Record<string, string>;

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin@payung.local');
  palembang = await t.login('operator.palembang@payung.local');
});
after(async () => {
  await t.close();
});

type Method = 'GET' | 'POST';
const req = (method: Method, url: string, headers: Record<string, string>, payload?: object) =>
  t.server.inject({ method, url, headers, ...(payload ? { payload } : {}) });

const masked = (nik: string) => `${nik.slice(0, 4)}********${nik.slice(12)}`;

describe('a NIK registered in another regency', () => {
  test('POST /workers answers the Palembang operator as for its own people, names no one, and is audited', async () => {
    const oganIlir = await t.app.workers.create(
      ctxAs(),
      aWorker({
        fullName: 'Warga Ogan Ilir',
        domicileCode: '16.10.01',
        birthDate: '1984-02-03',
        nik: nikFor('1984-02-03', 'P'),
      }),
    );
    const mine = await t.app.workers.create(
      ctxAs(),
      aWorker({ fullName: 'Warga Palembang', birthDate: '1984-02-04', nik: nikFor('1984-02-04', 'P') }),
    );
    const post = (nik: string, birthDate: string) =>
      req('POST', '/api/v1/workers', palembang, aWorker({ nik, birthDate, fullName: 'Coba Daftar' }));
    const out = await post(oganIlir.nik, '1984-02-03');
    const own = await post(mine.nik, '1984-02-04');
    assert.equal(out.statusCode, 409);
    assert.equal(own.statusCode, 409);
    assert.equal(out.json().error.code, 'WORKER_NIK_EXISTS');
    assert.equal(out.json().error.message, NIK_REGISTERED_MESSAGE);
    assert.equal(own.json().error.message, NIK_REGISTERED_MESSAGE);
    assert.deepEqual(out.json().error.details, { field: 'nik' });
    assert.deepEqual(own.json().error.details, { field: 'nik', workerId: mine.id });
    assert.doesNotMatch(out.body, /Ogan|Warga|16\.10/);

    const trail = await req('GET', `/api/v1/audit?entityId=${oganIlir.id}`, admin);
    const told = trail.json().items.filter((e: { action: string }) => e.action === 'worker.nikRegistered');
    assert.equal(told.length, 1);
    assert.equal(told[0].actor, 'operator.palembang@payung.local');
    assert.ok(!JSON.stringify(told).includes(oganIlir.nik), 'the event holds the NIK masked');
  });

  test('a dry run tells which rows are registered without naming their region, and is audited', async () => {
    const elsewhere = await t.app.workers.create(
      ctxAs(),
      aWorker({
        fullName: 'Warga Jauh',
        domicileCode: '16.10.01',
        birthDate: '1986-05-06',
        nik: nikFor('1986-05-06', 'P'),
      }),
    );
    const operator: Actor = {
      id: 'user:op',
      kind: 'user',
      label: 'operator.palembang@payung.local',
      role: 'regency_operator',
      regionCodes: ['16.71'],
      sponsorIds: [],
    };
    const rows = [aPerson(), aPerson({ nik: elsewhere.nik, sex: 'P', birthDate: '06-05-1986' }), aPerson()];
    const up = await t.app.imports.upload(ctxAs(operator), {
      fileName: 'palembang.csv',
      source: Readable.from([Buffer.from(workerCsv(rows))]),
      regionCode: '16.71',
    });
    const counts = await t.app.imports.validate(ctxAs(operator), up.job.id);
    assert.equal(counts.duplicates, 1);
    const results = await t.app.imports.results(ctxAs(operator), up.job.id, 'duplicate', 10, 0);
    assert.equal(results.length, 1);
    const row = results[0]!;
    assert.ok(
      row.warnings.some((w) => w.code === 'NIK_ALREADY_REGISTERED' && w.message === NIK_REGISTERED_MESSAGE),
    );
    assert.doesNotMatch(JSON.stringify(row), /Ogan|Warga Jauh|16\.10/);

    const events = await t.app.db.query<{
      entity_id: string;
      details: { rows: number; firstRows: number[] };
    }>(`SELECT entity_id, details FROM audit_events WHERE action = 'import.nikRegistered'`);
    assert.deepEqual(
      events.rows.map((e) => [e.entity_id, e.details]),
      [[up.job.id, { rows: 1, firstRows: [row.row] }]],
    );
  });
});

describe('personal data stays out of caches and URLs', () => {
  test('answers with personal data say no-store; public reference data may be cached', async () => {
    const w = await t.app.workers.create(ctxAs(), aWorker());
    const one = await req('GET', `/api/v1/workers/${w.id}`, palembang);
    assert.equal(one.statusCode, 200);
    assert.equal(one.headers['cache-control'], 'no-store');
    const refused = await req('GET', '/api/v1/workers/00000000-0000-0000-0000-000000000000', palembang);
    assert.equal(refused.statusCode, 404);
    assert.equal(refused.headers['cache-control'], 'no-store');
    const meta = await req('GET', '/api/v1/meta', {});
    assert.notEqual(meta.headers['cache-control'], 'no-store');
  });

  test('a NIK search goes in a POST body; the same NIK in a URL is refused, saying how', async () => {
    const w = await t.app.workers.create(ctxAs(), aWorker({ fullName: 'Cari Lewat Badan' }));
    const found = await req('POST', '/api/v1/workers/search', palembang, { q: w.nik, limit: 5 });
    assert.equal(found.statusCode, 200, found.body);
    assert.deepEqual(
      found.json().items.map((i: { id: string; nik: string }) => [i.id, i.nik]),
      [[w.id, masked(w.nik)]],
    );
    const inUrl = await req('GET', `/api/v1/workers?q=${w.nik}`, palembang);
    assert.equal(inUrl.statusCode, 422);
    assert.equal(inUrl.json().error.code, 'VALIDATION_FAILED');
    assert.match(inUrl.body, /POST \/api\/v1\/workers\/search/);
    const byName = await req('GET', '/api/v1/workers?q=cari%20lewat%20badan', palembang);
    assert.equal(byName.statusCode, 200);
    assert.equal(byName.json().items[0].id, w.id);
    // The lookup is on the trail, masked.
    const trail = await req('GET', `/api/v1/audit?entityId=${w.id}&action=worker.lookup`, admin);
    assert.equal(trail.json().items.length, 1);
    assert.ok(!trail.body.includes(w.nik));
  });
});
