import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { aWorker, ctxAs, nikFor, TODAY } from '../../../test/support/factories.js';
import { type App, createApp } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';

let tdb: TestDatabase;
let app: App;

before(async () => {
  tdb = await createTestDatabase();
  app = await createApp(loadConfig({}), { db: tdb.db, prepared: true });
});
after(async () => {
  await tdb.drop();
});

async function rejects(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `expected AppError, got ${e}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

function issueCodes(e: AppError): string[] {
  return (e.details as { issues: { code: string }[] }).issues.map((i) => i.code);
}

describe('registering a worker', () => {
  test('stores every field, normalises phone and name, derives the region chain', async () => {
    const w = await app.workers.create(
      ctxAs(),
      aWorker({ fullName: '  Siti   Aminah ', phone: '0812-3456-7890' }),
    );
    assert.equal(w.fullName, 'Siti Aminah');
    assert.equal(w.phone, '+6281234567890');
    assert.equal(w.domicileCode, '16.71.01.1001');
    assert.equal(w.regencyCode, '16.71');
    assert.equal(w.districtCode, '16.71.01');
    assert.match(w.domicileLabel, /Kec\. .*Kota Palembang$/);
    assert.equal(w.version, 1);
    assert.equal(w.isActive, true);
    assert.equal(w.age, 51);
    assert.equal(w.consent.recordedBy, 'test');
    assert.equal(w.consent.givenAt, TODAY.toISOString());
    assert.deepEqual(w.vulnerability, {
      inWelfareRegister: true,
      hasDisability: false,
      isFemaleHeadOfHousehold: true,
    });
    const again = await app.workers.get(ctxAs(), w.id);
    assert.deepEqual({ ...again, warnings: undefined }, { ...w, warnings: undefined });
  });

  test('refuses a second record with the same NIK', async () => {
    const input = aWorker();
    await app.workers.create(ctxAs(), input);
    await rejects(app.workers.create(ctxAs(), { ...input, fullName: 'Orang Lain' }), 'WORKER_NIK_EXISTS');
  });

  test('refuses an invalid NIK with its stable code', async () => {
    const e = await rejects(app.workers.create(ctxAs(), aWorker({ nik: '12345' })), 'VALIDATION_FAILED');
    assert.deepEqual(issueCodes(e), ['NIK_LENGTH']);
  });

  test('refuses sex and birth date that disagree with the NIK, naming both fields', async () => {
    const nik = nikFor('1980-02-10', 'L');
    const e = await rejects(
      app.workers.create(ctxAs(), aWorker({ nik, sex: 'P', birthDate: '1980-03-10' })),
      'VALIDATION_FAILED',
    );
    assert.deepEqual(issueCodes(e).sort(), ['NIK_BIRTHDATE_MISMATCH', 'NIK_SEX_MISMATCH']);
    const paths = (e.details as { issues: { path: string[] }[] }).issues.map((i) => i.path[0]).sort();
    assert.deepEqual(paths, ['birthDate', 'sex']);
  });

  test('accepts a NIK issued in another province, but not a domicile outside the province', async () => {
    const nik = nikFor('1990-01-01', 'L', '317101');
    const w = await app.workers.create(ctxAs(), aWorker({ nik, sex: 'L', birthDate: '1990-01-01' }));
    assert.equal(w.provinceCode, '16');
    const e = await rejects(
      app.workers.create(ctxAs(), aWorker({ domicileCode: '31.71.01.1001' })),
      'VALIDATION_FAILED',
    );
    assert.deepEqual(issueCodes(e), ['REGION_OUT_OF_PROVINCE']);
  });

  test('refuses unknown and too coarse domiciles; accepts a district without village', async () => {
    let e = await rejects(
      app.workers.create(ctxAs(), aWorker({ domicileCode: '16.71.99.9999' })),
      'VALIDATION_FAILED',
    );
    assert.deepEqual(issueCodes(e), ['REGION_NOT_FOUND']);
    e = await rejects(app.workers.create(ctxAs(), aWorker({ domicileCode: '16.71' })), 'VALIDATION_FAILED');
    assert.deepEqual(issueCodes(e), ['REGION_TOO_COARSE']);
    const w = await app.workers.create(ctxAs(), aWorker({ domicileCode: '16.10.01' }));
    assert.equal(w.villageCode, null);
    assert.equal(w.domicileCode, '16.10.01');
  });

  test('a NIK with an unknown district is accepted with a warning', async () => {
    const nik = nikFor('1970-05-05', 'L', '167199');
    const w = await app.workers.create(ctxAs(), aWorker({ nik, sex: 'L', birthDate: '1970-05-05' }));
    assert.deepEqual(
      w.warnings?.map((x) => x.code),
      ['NIK_DISTRICT_UNKNOWN'],
    );
  });

  test('refuses names that could be markup or spreadsheet formulas, and bad phones', async () => {
    for (const fullName of ['<script>alert(1)</script>', '=HYPERLINK("x")', '+Budi', '@Budi', '-Budi']) {
      const e = await rejects(app.workers.create(ctxAs(), aWorker({ fullName })), 'VALIDATION_FAILED');
      assert.deepEqual(issueCodes(e), ['NAME_INVALID_CHARACTERS'], fullName);
    }
    const e = await rejects(app.workers.create(ctxAs(), aWorker({ phone: '12' })), 'VALIDATION_FAILED');
    assert.deepEqual(issueCodes(e), ['PHONE_INVALID']);
  });

  test('reports every problem at once', async () => {
    const e = await rejects(
      app.workers.create(
        ctxAs(),
        aWorker({ nik: 'abc', fullName: '<x>', domicileCode: '16.71', phone: 'x' }),
      ),
      'VALIDATION_FAILED',
    );
    assert.ok(issueCodes(e).length >= 4, issueCodes(e).join());
  });

  test('an actor outside the domicile region cannot register there', async () => {
    const operator = {
      id: 'u1',
      kind: 'user' as const,
      label: 'op',
      role: 'regency_operator' as const,
      regionCodes: ['16.10'],
      sponsorIds: [],
    };
    await rejects(app.workers.create(ctxAs(operator), aWorker()), 'FORBIDDEN');
  });
});

describe('changing a worker', () => {
  test('applies a change and bumps the version', async () => {
    const w = await app.workers.create(ctxAs(), aWorker());
    const u = await app.workers.update(ctxAs(), w.id, {
      version: 1,
      occupation: 'nelayan',
      phone: '+62 813 1111 2222',
    });
    assert.equal(u.occupation, 'nelayan');
    assert.equal(u.phone, '+6281311112222');
    assert.equal(u.version, 2);
    assert.equal(u.fullName, w.fullName);
  });

  test('refuses a stale edit and overwrites nothing', async () => {
    const w = await app.workers.create(ctxAs(), aWorker());
    await app.workers.update(ctxAs(), w.id, { version: 1, address: 'Alamat baru A' });
    const e = await rejects(
      app.workers.update(ctxAs(), w.id, { version: 1, address: 'Alamat B' }),
      'WORKER_VERSION_CONFLICT',
    );
    assert.deepEqual(e.details, { currentVersion: 2 });
    const now = await app.workers.get(ctxAs(), w.id);
    assert.equal(now.address, 'Alamat baru A');
  });

  test('concurrent edits with the same version: exactly one wins', async () => {
    const w = await app.workers.create(ctxAs(), aWorker());
    const results = await Promise.allSettled([
      app.workers.update(ctxAs(), w.id, { version: 1, address: 'X' }),
      app.workers.update(ctxAs(), w.id, { version: 1, address: 'Y' }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((failed.reason as AppError).code, 'WORKER_VERSION_CONFLICT');
  });

  test('a change is checked by the same rules (sex must still agree with the NIK)', async () => {
    const w = await app.workers.create(ctxAs(), aWorker());
    const e = await rejects(app.workers.update(ctxAs(), w.id, { version: 1, sex: 'L' }), 'VALIDATION_FAILED');
    assert.deepEqual(issueCodes(e), ['NIK_SEX_MISMATCH']);
    assert.equal((await app.workers.get(ctxAs(), w.id)).sex, 'P');
  });

  test('missing and malformed ids are not found', async () => {
    await rejects(app.workers.get(ctxAs(), '00000000-0000-0000-0000-000000000000'), 'WORKER_NOT_FOUND');
    await rejects(app.workers.get(ctxAs(), 'not-a-uuid'), 'WORKER_NOT_FOUND');
    await rejects(
      app.workers.update(ctxAs(), '00000000-0000-0000-0000-000000000000', { version: 1 }),
      'WORKER_NOT_FOUND',
    );
  });

  test('deactivation keeps the record, needs the current version, and cannot be repeated', async () => {
    const w = await app.workers.create(ctxAs(), aWorker());
    await rejects(
      app.workers.deactivate(ctxAs(), w.id, 'Pindah ke provinsi lain', 7),
      'WORKER_VERSION_CONFLICT',
    );
    const d = await app.workers.deactivate(ctxAs(), w.id, 'Pindah ke provinsi lain', 1);
    assert.equal(d.isActive, false);
    assert.equal(d.deactivation?.reason, 'Pindah ke provinsi lain');
    await rejects(app.workers.deactivate(ctxAs(), w.id, 'Lagi', 2), 'WORKER_ALREADY_INACTIVE');
    const found = await app.workers.search(ctxAs(), { q: w.nik, status: 'all', limit: 10 });
    assert.equal(found.items.length, 1);
    const active = await app.workers.search(ctxAs(), { q: w.nik, status: 'active', limit: 10 });
    assert.equal(active.items.length, 0);
  });
});
