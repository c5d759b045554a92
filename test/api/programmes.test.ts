import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { aProgramme, demoSponsorId, newProgramme, newSponsor } from '../support/programmes.js';

let t: TestApp;
let admin: Record<string, string>;
let officer: Record<string, string>;
let palembang: string;

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin@payung.local');
  officer = await t.login('sponsor@payung.local');
  palembang = await demoSponsorId(t.app, 'apbd_regency');
});
after(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PATCH';
const req = (method: Method, url: string, headers: Record<string, string>, payload?: object) =>
  t.server.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const issueCodes = (r: { json(): { error: { details?: { issues?: { code?: string }[] } } } }) =>
  (r.json().error.details?.issues ?? []).map((i) => i.code);

describe('sponsors', () => {
  test('an administrator adds, changes, deactivates and reactivates a sponsor; each change is audited', async () => {
    const created = await req('POST', '/api/v1/sponsors', admin, {
      kind: 'apbd_regency',
      name: 'Pemerintah Kabupaten Ogan Ilir',
      regionCode: '16.10',
      contactName: 'Bagian Keuangan',
      contactPhone: '0711-123456',
      contactEmail: 'keuangan@oganilir.example',
    });
    assert.equal(created.statusCode, 201, created.body);
    const s = created.json();
    assert.equal(s.kindLabel, 'APBD Kabupaten/Kota');
    assert.equal(s.regionName, 'Kabupaten Ogan Ilir');
    assert.equal(s.contactPhone, '+62711123456');
    const changed = await req('PATCH', `/api/v1/sponsors/${s.id}`, admin, {
      contactName: 'Ibu Sari',
      contactEmail: '',
      version: s.version,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().contactName, 'Ibu Sari');
    assert.equal(changed.json().contactEmail, null);
    const off = await req('POST', `/api/v1/sponsors/${s.id}/deactivate`, admin);
    assert.equal(off.json().isActive, false);
    const listed = await req('GET', '/api/v1/sponsors', admin);
    assert.ok(
      !listed.json().items.some((x: { id: string }) => x.id === s.id),
      'inactive sponsors are left out',
    );
    const all = await req('GET', '/api/v1/sponsors?includeInactive=true', admin);
    assert.ok(all.json().items.some((x: { id: string }) => x.id === s.id));
    assert.equal((await req('POST', `/api/v1/sponsors/${s.id}/activate`, admin)).json().isActive, true);
    const audit = await t.app.db.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
      [s.id],
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['sponsor.create', 'sponsor.update', 'sponsor.deactivate', 'sponsor.activate'],
    );
  });

  test('the region must match the kind and exist; names are unique per region', async () => {
    const wrong = async (body: object, code: string) => {
      const r = await req('POST', '/api/v1/sponsors', admin, { name: 'Uji Wilayah', ...body });
      assert.equal(r.statusCode, 422, r.body);
      assert.deepEqual(issueCodes(r), [code]);
      assert.deepEqual(r.json().error.details.issues[0].path, ['regionCode']);
    };
    await wrong({ kind: 'apbd_regency', regionCode: '16' }, 'SPONSOR_REGION_LEVEL');
    await wrong({ kind: 'apbd_province', regionCode: '16.71' }, 'SPONSOR_REGION_LEVEL');
    await wrong({ kind: 'village_fund', regionCode: '16.71.01' }, 'SPONSOR_REGION_LEVEL');
    await wrong({ kind: 'apbd_regency', regionCode: '16.99' }, 'REGION_NOT_FOUND');
    await wrong({ kind: 'csr_private', regionCode: '31.71' }, 'REGION_OUT_OF_SCOPE');
    const village = await req('POST', '/api/v1/sponsors', admin, {
      kind: 'village_fund',
      name: 'Dana Desa Seri Menanti',
      regionCode: '16.10.01.2006',
    });
    assert.equal(village.statusCode, 201, village.body);
    const twice = await req('POST', '/api/v1/sponsors', admin, {
      kind: 'village_fund',
      name: 'dana desa seri menanti',
      regionCode: '16.10.01.2006',
    });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'SPONSOR_EXISTS');
    const badPhone = await req('POST', '/api/v1/sponsors', admin, {
      kind: 'zakat',
      name: 'BAZNAS Uji',
      regionCode: '16',
      contactPhone: 'dua satu',
    });
    assert.equal(badPhone.statusCode, 422);
    assert.deepEqual(badPhone.json().error.details.issues[0].path, ['contactPhone']);
  });

  test('a sponsor with programmes keeps its kind and region', async () => {
    const s = await newSponsor(t.app, { kind: 'apbd_regency', regionCode: '16.72' });
    await newProgramme(t.app, { sponsorId: s.id });
    const r = await req('PATCH', `/api/v1/sponsors/${s.id}`, admin, {
      regionCode: '16.73',
      version: s.version,
    });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().error.code, 'SPONSOR_IN_USE');
    assert.equal(
      (
        await req('PATCH', `/api/v1/sponsors/${s.id}`, admin, {
          name: 'APBD Kota Prabumulih',
          version: s.version,
        })
      ).statusCode,
      200,
    );
  });

  test('a change carries the version it was made on: a stale one is refused (409) and changes nothing', async () => {
    const s = await newSponsor(t.app, { kind: 'zakat', regionCode: '16' });
    const first = await req('PATCH', `/api/v1/sponsors/${s.id}`, admin, {
      contactName: 'Pak Ahmad',
      version: s.version,
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().version, s.version + 1);
    // A second editor who opened the sponsor before the first change.
    const stale = await req('PATCH', `/api/v1/sponsors/${s.id}`, admin, {
      contactName: 'Ibu Rina',
      version: s.version,
    });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.deepEqual(stale.json().error, {
      code: 'SPONSOR_VERSION_CONFLICT',
      message: stale.json().error.message,
      details: { currentVersion: s.version + 1 },
    });
    assert.match(stale.json().error.message, /diubah orang lain/);
    const now = await req('GET', `/api/v1/sponsors/${s.id}`, admin);
    assert.equal(now.json().contactName, 'Pak Ahmad');
    assert.equal(now.json().version, s.version + 1);
    // Without a version: refused before anything is read, naming the field.
    const missing = await req('PATCH', `/api/v1/sponsors/${s.id}`, admin, { contactName: 'Ibu Rina' });
    assert.equal(missing.statusCode, 422, missing.body);
    assert.deepEqual(missing.json().error.details.issues[0].path, ['version']);
    const audit = await t.app.db.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'sponsor.update'`,
      [s.id],
    );
    assert.equal(audit.rows.length, 1, 'only the change that was made is audited');
  });

  test('a sponsor officer sees its own sponsor only', async () => {
    const list = await req('GET', '/api/v1/sponsors', officer);
    assert.deepEqual(
      list.json().items.map((s: { id: string }) => s.id),
      [palembang],
    );
    const other = await newSponsor(t.app);
    assert.equal((await req('GET', `/api/v1/sponsors/${other.id}`, officer)).statusCode, 404);
  });
});

describe('sponsor officers', () => {
  test('a sponsor officer needs an active sponsor; other roles may not have one; the actor carries it', async () => {
    const make = (body: object) =>
      req('POST', '/api/v1/users', admin, {
        email: `p${Math.random().toString(36).slice(2)}@payung.local`,
        fullName: 'Petugas Uji',
        regionCodes: ['16'],
        ...body,
      });
    const missing = await make({ role: 'sponsor_officer' });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(issueCodes(missing), ['SPONSOR_REQUIRED']);
    const unknown = await make({
      role: 'sponsor_officer',
      sponsorId: '0190a0a0-0000-7000-8000-00000000abcd',
    });
    assert.deepEqual(issueCodes(unknown), ['SPONSOR_NOT_FOUND']);
    const inactive = await newSponsor(t.app);
    await t.app.sponsors.deactivate(ctxAs(), inactive.id);
    assert.deepEqual(issueCodes(await make({ role: 'sponsor_officer', sponsorId: inactive.id })), [
      'SPONSOR_INACTIVE',
    ]);
    const auditor = await make({ role: 'auditor', sponsorId: palembang });
    assert.deepEqual(issueCodes(auditor), ['SPONSOR_FOR_OFFICERS_ONLY']);

    const ok = await make({ role: 'sponsor_officer', sponsorId: palembang });
    assert.equal(ok.statusCode, 201, ok.body);
    const user = ok.json().user;
    assert.equal(user.sponsorId, palembang);
    assert.equal(user.sponsorName, 'Pemerintah Kota Palembang (APBD Kota)');
    const listed = (await req('GET', '/api/v1/users', admin))
      .json()
      .items.find((u: { id: string }) => u.id === user.id);
    assert.equal(listed.sponsorName, 'Pemerintah Kota Palembang (APBD Kota)');

    // Another role leaves the sponsor behind; back to officer needs one again.
    const auditorNow = await req('PATCH', `/api/v1/users/${user.id}`, admin, { role: 'auditor' });
    assert.equal(auditorNow.statusCode, 200, auditorNow.body);
    assert.equal(auditorNow.json().sponsorId, null);
    const back = await req('PATCH', `/api/v1/users/${user.id}`, admin, { role: 'sponsor_officer' });
    assert.deepEqual(issueCodes(back), ['SPONSOR_REQUIRED']);
  });

  test('the session and an API token of a sponsor officer act for its sponsor', async () => {
    const me = await req('GET', '/api/v1/auth/me', officer);
    assert.equal(me.json().user.sponsorId, palembang);
    const row = await t.app.users.findByEmail('sponsor@payung.local');
    const session = await t.app.auth.session(officer.cookie!.split('=')[1]!, new Date());
    assert.deepEqual(session?.actor.sponsorIds, [palembang]);
    const token = await t.app.auth.createApiToken(ctxAs(), {
      userId: row!.id,
      name: 'uji',
      regionCodes: null,
      expiresAt: null,
    });
    const actor = await t.app.auth.apiToken(token.token, new Date());
    assert.deepEqual(actor?.sponsorIds, [palembang]);
  });
});

describe('programmes', () => {
  test('create a draft, change it, open it (then only some fields change), close it; each step audited', async () => {
    const sponsor = await newSponsor(t.app);
    const created = await req('POST', '/api/v1/programmes', admin, {
      ...aProgramme(sponsor.id),
      quotas: [{ regionCode: '16.71', budgetPercent: 40 }],
    });
    assert.equal(created.statusCode, 201, created.body);
    const p = created.json();
    assert.equal(p.status, 'draft');
    assert.equal(p.regionCode, '16');
    assert.equal(p.periodStart, '2027-01');
    assert.equal(p.months, 12);
    assert.equal(p.incomeBase, 1_000_000);
    assert.equal(p.includeJht, false);
    assert.equal(p.eligibility.ageMin, 15);
    assert.equal(p.sponsorKind, 'csr_private');
    const narrowed = await req('PATCH', `/api/v1/programmes/${p.id}`, admin, {
      regionCode: '16.71',
      includeJht: true,
      version: p.version,
    });
    assert.equal(narrowed.statusCode, 200, narrowed.body);
    assert.equal(narrowed.json().regionName, 'Kota Palembang');
    const stale = await req('PATCH', `/api/v1/programmes/${p.id}`, admin, {
      name: 'Lama',
      version: p.version,
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'PROGRAMME_CHANGED');

    assert.equal((await req('POST', `/api/v1/programmes/${p.id}/open`, admin)).json().status, 'open');
    const locked = await req('PATCH', `/api/v1/programmes/${p.id}`, admin, { periodEnd: '2027-06' });
    assert.equal(locked.statusCode, 409);
    assert.equal(locked.json().error.code, 'PROGRAMME_NOT_EDITABLE');
    const budget = await req('PATCH', `/api/v1/programmes/${p.id}`, admin, {
      budget: 150_000_000,
      name: 'Program Baru',
    });
    assert.equal(budget.statusCode, 200, budget.body);
    assert.equal((await req('POST', `/api/v1/programmes/${p.id}/open`, admin)).statusCode, 409);
    assert.equal((await req('POST', `/api/v1/programmes/${p.id}/close`, admin)).json().status, 'closed');
    const closed = await req('PATCH', `/api/v1/programmes/${p.id}`, admin, { name: 'Tidak boleh' });
    assert.equal(closed.json().error.code, 'PROGRAMME_NOT_EDITABLE');
    const audit = await t.app.db.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
      [p.id],
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['programme.create', 'programme.update', 'programme.open', 'programme.update', 'programme.close'],
    );
  });

  test('bad inputs get clear errors naming the field', async () => {
    const sponsor = await newSponsor(t.app);
    const bad = async (body: object, path: string[], code?: string) => {
      const r = await req('POST', '/api/v1/programmes', admin, { ...aProgramme(sponsor.id), ...body });
      assert.equal(r.statusCode, 422, `${JSON.stringify(body)}: ${r.body}`);
      const issue = r.json().error.details.issues[0];
      assert.deepEqual(issue.path, path, r.body);
      if (code) assert.equal(issue.code, code);
      assert.equal(typeof r.json().error.message, 'string');
    };
    await bad({ periodStart: '2027-06', periodEnd: '2027-01' }, ['periodEnd'], 'PERIOD_ORDER');
    await bad({ periodStart: '2027-13' }, ['periodStart']);
    await bad({ budget: -1 }, ['budget']);
    await bad({ budget: 1.5 }, ['budget']);
    await bad({ sponsorId: '0190a0a0-0000-7000-8000-00000000abcd' }, ['sponsorId'], 'SPONSOR_NOT_FOUND');
    await bad({ sponsorId: 'bukan-id' }, ['sponsorId']);
    await bad(
      { regionCode: '16.71', quotas: [{ regionCode: '16.10', maxWorkers: 10 }] },
      ['quotas', '0', 'regionCode'],
      'QUOTA_OUTSIDE_REGION',
    );
    await bad({ quotas: [{ regionCode: '16.10', maxWorkers: 10, budgetPercent: 5 }] }, ['quotas', '0']);
    await bad(
      {
        quotas: [
          { regionCode: '16.10', budgetPercent: 70 },
          { regionCode: '16.71', budgetPercent: 40 },
        ],
      },
      ['quotas'],
      'QUOTA_OVER_BUDGET',
    );
    await bad({ eligibility: { ageMin: 50, ageMax: 20 } }, ['eligibility', 'ageMax'], 'AGE_ORDER');
    await bad({ incomeBase: 0 }, ['incomeBase']);
    await bad({ regionCode: '31.71' }, ['regionCode'], 'REGION_OUT_OF_SCOPE');
  });

  test('a regency budget’s programme covers its regency and cannot be widened', async () => {
    const r = await req('POST', '/api/v1/programmes', admin, aProgramme(palembang));
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().regionCode, '16.71');
    const wide = await req('POST', '/api/v1/programmes', admin, {
      ...aProgramme(palembang),
      regionCode: '16',
    });
    assert.equal(wide.statusCode, 422);
    assert.deepEqual(issueCodes(wide), ['PROGRAMME_REGION_FIXED']);
    const widen = await req('PATCH', `/api/v1/programmes/${r.json().id}`, admin, { regionCode: '16' });
    assert.deepEqual(issueCodes(widen), ['PROGRAMME_REGION_FIXED']);
  });

  test('an inactive sponsor gets no programme; an empty budget does not open', async () => {
    const sponsor = await newSponsor(t.app);
    const p = await newProgramme(t.app, { sponsorId: sponsor.id, budget: 0 });
    const empty = await req('POST', `/api/v1/programmes/${p.id}/open`, admin);
    assert.deepEqual(issueCodes(empty), ['BUDGET_EMPTY']);
    await t.app.sponsors.deactivate(ctxAs(), sponsor.id);
    const r = await req('POST', '/api/v1/programmes', admin, aProgramme(sponsor.id));
    assert.deepEqual(issueCodes(r), ['SPONSOR_INACTIVE']);
  });

  test('the summary: budget, committed by its enrolments, remaining, by regency and by occupation', async () => {
    const p = await newProgramme(t.app, { sponsorId: palembang, open: true });
    const workers = [
      await t.app.workers.create(
        ctxAs(),
        aWorker({ occupation: 'juru_parkir', domicileCode: '16.71.01.1001' }),
      ),
      await t.app.workers.create(
        ctxAs(),
        aWorker({ occupation: 'juru_parkir', domicileCode: '16.71.01.1001' }),
      ),
      await t.app.workers.create(ctxAs(), aWorker({ occupation: 'nelayan', domicileCode: '16.71.01.1001' })),
    ];
    // Enrolments are the enrolments feature's to write; here they are put in place directly.
    for (const [i, w] of workers.entries()) {
      await t.app.db.query(
        `INSERT INTO enrolments (worker_id, programme_id, sponsor_id, province_code, regency_code, district_code, status,
           first_month, last_month, monthly_cost, total_cost)
         VALUES ($1, $2, $3, '16', '16.71', '16.71.01', $4, '2027-01-01', '2027-12-01', 16800, 201600)`,
        [w.id, p.id, palembang, i === 2 ? 'cancelled' : 'proposed'],
      );
    }
    const s = (await req('GET', `/api/v1/programmes/${p.id}/summary`, admin)).json();
    assert.equal(s.budget, 100_000_000);
    assert.equal(s.committed, 403_200);
    assert.equal(s.remaining, 100_000_000 - 403_200);
    assert.equal(s.workers, 2);
    assert.deepEqual(s.byRegency, [
      { regionCode: '16.71', name: 'Kota Palembang', workers: 2, cost: 403_200 },
    ]);
    assert.deepEqual(s.byOccupation, [
      { occupation: 'juru_parkir', label: 'Juru Parkir', workers: 2, cost: 403_200 },
    ]);
    const listed = (await req('GET', '/api/v1/programmes', admin))
      .json()
      .items.find((x: { id: string }) => x.id === p.id);
    assert.equal(listed.committed, 403_200);
    const below = await req('PATCH', `/api/v1/programmes/${p.id}`, admin, { budget: 100_000 });
    assert.deepEqual(issueCodes(below), ['BUDGET_BELOW_COMMITTED']);
  });

  test('a sponsor officer reads its sponsor’s programmes only and changes none', async () => {
    const own = await newProgramme(t.app, { sponsorId: palembang });
    const other = await newProgramme(t.app);
    const list = (await req('GET', '/api/v1/programmes', officer)).json().items as {
      sponsorId: string;
      id: string;
    }[];
    assert.ok(list.some((p) => p.id === own.id));
    assert.ok(list.every((p) => p.sponsorId === palembang));
    assert.equal((await req('GET', `/api/v1/programmes/${other.id}`, officer)).statusCode, 404);
    assert.equal((await req('GET', `/api/v1/programmes/${own.id}/summary`, officer)).statusCode, 200);
    assert.equal(
      (await req('PATCH', `/api/v1/programmes/${own.id}`, officer, { name: 'Program Lain' })).statusCode,
      403,
    );
  });

  test('ProgrammeService.get gives the sponsor’s kind and months as YYYY-MM', async () => {
    const p = await newProgramme(t.app, {
      sponsorId: palembang,
      periodStart: '2027-03',
      periodEnd: '2028-02',
    });
    const got = await t.app.programmes.get(ctxAs(), p.id);
    assert.equal(got.sponsorKind, 'apbd_regency');
    assert.equal(got.periodStart, '2027-03');
    assert.equal(got.periodEnd, '2028-02');
    assert.equal(got.months, 12);
  });
});
