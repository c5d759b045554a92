import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RULES_SCHEMAS } from '../../src/contracts/rates.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ctxAs } from '../support/factories.js';
import { SEEDED_BENEFITS, SEEDED_BPU, SEEDED_DISCOUNTS, SEEDED_JAKON } from '../support/rates.js';

let t: TestApp;
let admin: Record<string, string>;
let operator: Record<string, string>;

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin@payung.local');
  operator = await t.login('operator.palembang@payung.local');
});
after(async () => {
  await t.close();
});

const get = (url: string, headers = operator) => t.server.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers = admin) =>
  t.server.inject({ method: 'POST', url, headers, payload });
const issuePaths = (r: { json(): { error: { details?: { issues?: { path: string[] }[] } } } }) =>
  (r.json().error.details?.issues ?? []).map((i) => i.path.join('.'));

describe('the seeded rate tables', () => {
  test('migration 0023 holds DESIGN §4.1–§4.3 as one version of each table, each with its regulation', async () => {
    const r = await get('/api/v1/rates');
    assert.equal(r.statusCode, 200, r.body);
    const items = r.json().items as { kind: string; rules: unknown; regulation: string; enteredBy: string }[];
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    assert.deepEqual(Object.keys(byKind).sort(), ['benefit', 'bpu', 'bpu_discount', 'jakon']);
    assert.deepEqual(byKind.bpu!.rules, SEEDED_BPU);
    assert.deepEqual(byKind.bpu_discount!.rules, SEEDED_DISCOUNTS);
    assert.deepEqual(byKind.jakon!.rules, SEEDED_JAKON);
    assert.deepEqual(byKind.benefit!.rules, SEEDED_BENEFITS);
    for (const i of items) {
      assert.ok(RULES_SCHEMAS[i.kind as keyof typeof RULES_SCHEMAS].safeParse(i.rules).success, i.kind);
      assert.match(i.regulation, /PP|Permenaker/);
      assert.equal(i.enteredBy, 'migrasi 0023');
    }
  });
});

describe('calculators', () => {
  test('BPU: the bracket, each programme, the total, the versions used', async () => {
    const r = await get('/api/v1/calc/bpu?income=1500000&date=2025-06-15');
    assert.equal(r.statusCode, 200, r.body);
    const c = r.json();
    assert.equal(c.base, 1_600_000);
    assert.deepEqual(c.bracket, { number: 4, from: 1_500_000, to: 1_699_999, base: 1_600_000 });
    assert.deepEqual(c.monthly, { jkk: 16_000, jkm: 6_800, jht: 0, total: 22_800 });
    assert.equal(c.discount, 0);
    assert.equal(c.month, '2025-06');
    assert.equal(c.versions.length, 1);
    assert.equal(c.steps[0].key, 'bracket');
    const jht = (await get('/api/v1/calc/bpu?income=1500000&date=2025-06-15&programs=jkk,jkm,jht')).json();
    assert.deepEqual(jht.monthly, { jkk: 16_000, jkm: 6_800, jht: 32_000, total: 54_800 });
  });

  test('BPU: PP 50/2025 for an ojek paid by CSR in 2026, not when paid from APBD', async () => {
    const csr = (
      await get('/api/v1/calc/bpu?income=1000000&date=2026-06-15&occupation=ojek&funding=csr')
    ).json();
    assert.deepEqual([csr.monthly.total, csr.discount, csr.discountRule.applied], [8_400, 8_400, true]);
    assert.equal(csr.versions.length, 2);
    const apbd = (
      await get('/api/v1/calc/bpu?income=1000000&date=2026-06-15&occupation=ojek&funding=apbd')
    ).json();
    assert.deepEqual([apbd.monthly.total, apbd.discount, apbd.discountRule.applied], [16_800, 0, false]);
  });

  test('construction: Rp 1 miliar → Rp 1.750.000 in three tiers', async () => {
    const r = await get('/api/v1/calc/jakon?contractValue=1000000000');
    assert.equal(r.statusCode, 200, r.body);
    const c = r.json();
    assert.deepEqual([c.jkk, c.jkm, c.total], [1_540_000, 210_000, 1_750_000]);
    assert.deepEqual(
      c.tiers.map((x: { total: number }) => x.total),
      [240_000, 760_000, 750_000],
    );
  });

  test('benefits: each type with its components', async () => {
    const jkm = (await get('/api/v1/calc/benefit?type=jkm_death&monthsMember=40')).json();
    assert.deepEqual([jkm.total, jkm.scholarship.eligible], [42_000_000, true]);
    const early = (await get('/api/v1/calc/benefit?type=jkm_death&base=1000000&monthsMember=1')).json();
    assert.deepEqual(early.components, { funeral: 10_000_000 });
    assert.equal((await get('/api/v1/calc/benefit?type=jkk_death&base=1000000')).json().total, 70_000_000);
    assert.equal(
      (await get('/api/v1/calc/benefit?type=jkk_total_disability&base=1000000')).json().total,
      56_000_000,
    );
    const stmb = (await get('/api/v1/calc/benefit?type=stmb&base=2000000&monthsOff=13')).json();
    assert.deepEqual(stmb.components, { firstPeriod: 24_000_000, laterPeriod: 1_000_000 });
  });

  test('bad input: a clear 422 naming the field', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/v1/calc/bpu?income=-1', 'income', /tidak boleh negatif/],
      ['/api/v1/calc/bpu?income=1.500.000', 'income', /bilangan bulat/],
      ['/api/v1/calc/bpu', 'income', /./],
      ['/api/v1/calc/bpu?income=1000000&date=2026-02-30', 'date', /tidak ada di kalender/],
      ['/api/v1/calc/bpu?income=1000000&date=15-06-2026', 'date', /YYYY-MM-DD/],
      ['/api/v1/calc/bpu?income=1000000&programs=jht', 'programs', /wajib/],
      ['/api/v1/calc/bpu?income=1000000&programs=jkk,jkm,jp', 'programs', /tidak dikenal: jp/],
      ['/api/v1/calc/bpu?income=1000000&occupation=pilot', 'occupation', /./],
      ['/api/v1/calc/bpu?income=1000000&funding=apbx', 'funding', /./],
      ['/api/v1/calc/jakon?contractValue=-5', 'contractValue', /tidak boleh negatif/],
      ['/api/v1/calc/benefit?type=pension&base=1000000', 'type', /tidak dikenal/],
      ['/api/v1/calc/benefit?type=stmb', 'base', /wajib/],
      ['/api/v1/calc/benefit?type=stmb&base=1000000&monthsOff=-1', 'monthsOff', /tidak boleh negatif/],
    ];
    for (const [url, field, message] of cases) {
      const r = await get(url);
      assert.equal(r.statusCode, 422, `${url}: ${r.body}`);
      assert.equal(r.json().error.code, 'VALIDATION_FAILED', url);
      assert.ok(issuePaths(r).includes(field), `${url} names ${field}: ${r.body}`);
      assert.match(r.json().error.message, message, url);
    }
  });

  test('a date before any version took effect: RATE_NOT_IN_FORCE', async () => {
    const r = await get('/api/v1/calc/benefit?type=jkm_death&date=2019-12-01');
    assert.equal(r.statusCode, 422, r.body);
    assert.equal(r.json().error.code, 'RATE_NOT_IN_FORCE');
    assert.equal((await get('/api/v1/calc/benefit?type=jkm_death&date=2019-12-02')).statusCode, 200);
  });
});

describe('adding a version', () => {
  const raisedBpu = (effectiveFrom: string, jkmMonthly: number) => ({
    kind: 'bpu',
    effectiveFrom,
    regulation: 'PP 99/2029 (uji): JKM naik',
    note: 'uji',
    rules: { ...SEEDED_BPU, jkmMonthly },
  });

  test('takes effect on its date: a calculation the day before uses the old version, from the date the new', async () => {
    const added = await post('/api/v1/rates', raisedBpu('2030-01-01', 7_000));
    assert.equal(added.statusCode, 201, added.body);
    const v = added.json();
    assert.deepEqual(
      [v.status, v.enteredBy, v.effectiveFrom],
      ['scheduled', 'admin@payung.local', '2030-01-01'],
    );
    const before = (await get('/api/v1/calc/bpu?income=1000000&date=2029-12-31')).json();
    const from = (await get('/api/v1/calc/bpu?income=1000000&date=2030-01-01')).json();
    assert.equal(before.monthly.jkm, 6_800);
    assert.equal(from.monthly.jkm, 7_000);
    assert.equal(from.versions[0].id, v.id);
    const audit = await t.app.db.query<{ action: string; actor_label: string; entity_id: string }>(
      `SELECT action, actor_label, entity_id FROM audit_events WHERE action = 'rate.version.add' AND entity_id = $1`,
      [v.id],
    );
    assert.deepEqual(audit.rows, [
      { action: 'rate.version.add', actor_label: 'admin@payung.local', entity_id: v.id },
    ]);
  });

  test('a scheduled version is corrected by a later entry with the same date; the first is then superseded', async () => {
    const first = (await post('/api/v1/rates', raisedBpu('2031-01-01', 7_100))).json();
    const second = (await post('/api/v1/rates', raisedBpu('2031-01-01', 7_200))).json();
    assert.equal((await get('/api/v1/calc/bpu?income=1000000&date=2031-03-01')).json().monthly.jkm, 7_200);
    const list = (await get('/api/v1/rates?kind=bpu')).json().items as { id: string; status: string }[];
    assert.equal(list.find((i) => i.id === first.id)?.status, 'superseded');
    assert.equal(list.find((i) => i.id === second.id)?.status, 'scheduled');
    assert.equal(list.filter((i) => i.status === 'in_force').length, 1);
    assert.equal((await get(`/api/v1/rates/${first.id}`)).json().status, 'superseded');
  });

  test('refused: today or earlier, a monthly table not from the 1st, rules out of shape, no regulation', async () => {
    const today = (await get('/api/v1/rates')).json().today as string;
    const cases: [object, string, RegExp][] = [
      [raisedBpu(today, 7_000), 'effectiveFrom', /setelah hari ini/],
      [raisedBpu('2015-07-01', 7_000), 'effectiveFrom', /setelah hari ini/],
      [raisedBpu('2032-01-15', 7_000), 'effectiveFrom', /tanggal 1/],
      [
        { ...raisedBpu('2032-01-01', 7_000), rules: { ...SEEDED_BPU, brackets: [{ from: 5, base: 1 }] } },
        'rules.brackets.0.from',
        /Rp 0/,
      ],
      [
        {
          ...raisedBpu('2032-01-01', 7_000),
          rules: {
            ...SEEDED_BPU,
            brackets: [
              { from: 0, base: 2 },
              { from: 0, base: 1 },
            ],
          },
        },
        'rules.brackets.1.from',
        /urut naik/,
      ],
      [{ ...raisedBpu('2032-01-01', 7_000), regulation: '' }, 'regulation', /peraturan/],
      [
        {
          kind: 'jakon',
          effectiveFrom: '2032-01-01',
          regulation: 'PP uji',
          rules: { tiers: [{ upTo: 5, jkkBasisPoints: 1, jkmBasisPoints: 1 }] },
        },
        'rules.tiers.0.upTo',
        /terakhir/,
      ],
      [{ kind: 'pension', effectiveFrom: '2032-01-01', regulation: 'PP uji', rules: {} }, 'kind', /./],
    ];
    const count = async () => (await t.app.db.query('SELECT 1 FROM rate_versions')).rows.length;
    const n = await count();
    for (const [body, field, message] of cases) {
      const r = await post('/api/v1/rates', body);
      assert.equal(r.statusCode, 422, `${JSON.stringify(body).slice(0, 80)}: ${r.body}`);
      assert.ok(issuePaths(r).includes(field), `names ${field}: ${r.body}`);
      assert.match(r.body, message);
    }
    assert.equal(await count(), n, 'nothing was written');
  });

  test('only an administrator adds one', async () => {
    const r = await post('/api/v1/rates', raisedBpu('2033-01-01', 7_000), operator);
    assert.equal(r.statusCode, 403, r.body);
  });
});

describe('a version is never edited in place', () => {
  test('no route changes or removes one', async () => {
    const id = (await t.app.rates.book(ctxAs()))[0]!.id;
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const r = await t.server.inject({ method, url: `/api/v1/rates/${id}`, headers: admin, payload: {} });
      assert.equal(r.statusCode, 404, `${method}: ${r.body}`);
    }
  });

  test('the database refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
    await assert.rejects(t.app.db.query(`UPDATE rate_versions SET rules = '{}'::jsonb`), /append-only/);
    await assert.rejects(t.app.db.query(`DELETE FROM rate_versions`), /append-only/);
    await assert.rejects(t.app.db.exec(`TRUNCATE rate_versions`), /append-only/);
    const jakon = (await get('/api/v1/calc/jakon?contractValue=1000000000')).json();
    assert.equal(jakon.total, 1_750_000);
  });
});

describe('the service, with the clock moved', () => {
  test('a version entered for tomorrow is in force the day after, and then can no longer be replaced for that day', async () => {
    const day1 = ctxAs(undefined, new Date('2040-03-10T03:00:00Z'));
    const day2 = ctxAs(undefined, new Date('2040-03-11T03:00:00Z'));
    const rules = { tiers: [{ upTo: null, jkkBasisPoints: 20, jkmBasisPoints: 5 }] };
    const v = await t.app.rates.add(day1, {
      kind: 'jakon',
      effectiveFrom: '2040-03-11',
      regulation: 'PP uji',
      rules,
    });
    assert.equal(v.status, 'scheduled');
    assert.equal((await t.app.rates.get(day2, v.id)).status, 'in_force');
    assert.equal((await t.app.rates.calcJakon(day2, { contractValue: 1_000_000 })).total, 2_500);
    await assert.rejects(
      t.app.rates.add(day2, { kind: 'jakon', effectiveFrom: '2040-03-11', regulation: 'PP uji', rules }),
      { code: 'VALIDATION_FAILED' },
    );
    // Jakarta's date, not UTC's: 2040-03-10T18:00Z is already the 11th in WIB.
    const lateEvening = ctxAs(undefined, new Date('2040-03-10T18:00:00Z'));
    await assert.rejects(
      t.app.rates.add(lateEvening, {
        kind: 'jakon',
        effectiveFrom: '2040-03-11',
        regulation: 'PP uji',
        rules,
      }),
      /setelah hari ini \(2040-03-11\)/,
    );
  });
});
