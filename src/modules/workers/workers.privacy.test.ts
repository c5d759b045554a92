import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { aWorker, ctxAs, nikFor, TODAY } from '../../../test/support/factories.js';
import { type App, createApp } from '../../app.js';
import type { Worker } from '../../contracts/workers.js';
import { ageOn } from '../../domain/age.js';
import { loadConfig } from '../../platform/config.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { NIK_REGISTERED_MESSAGE } from './workers.rules.js';

let tdb: TestDatabase;
let app: App;

before(async () => {
  tdb = await createTestDatabase();
  app = await createApp(loadConfig({}), { db: tdb.db, prepared: true });
});
after(async () => {
  await tdb.drop();
});

const operator = (regionCodes: string[], label: string): Actor => ({
  id: `user:${label}`,
  kind: 'user',
  label,
  role: 'regency_operator',
  regionCodes,
  sponsorIds: [],
});
const PALEMBANG = operator(['16.71'], 'operator.palembang@payung.local');
const AUDITOR: Actor = { ...PALEMBANG, id: 'user:auditor', label: 'auditor', role: 'auditor' };

async function auditEvents(action: string) {
  const r = await app.db.query<{
    actor_label: string;
    entity_id: string | null;
    region_code: string | null;
    details: Record<string, unknown> | null;
  }>('SELECT actor_label, entity_id, region_code, details FROM audit_events WHERE action = $1 ORDER BY id', [
    action,
  ]);
  return r.rows;
}

/** A deterministic spread of birth dates (both sexes, every month, ages 18–64) and Palembang districts. */
function people(n: number) {
  const districts = app.catalog.children('16.71').slice(0, 8);
  return Array.from({ length: n }, (_, i) => {
    const sex = i % 2 === 0 ? ('L' as const) : ('P' as const);
    const year = 1962 + ((i * 7) % 47);
    const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
    const day = String(1 + ((i * 11) % 28)).padStart(2, '0');
    const birthDate = `${year}-${month}-${day}`;
    const district = districts[i % districts.length]!.code;
    const village = app.catalog.children(district)[0]!.code;
    return aWorker({
      fullName: `Pekerja Uji ${String.fromCharCode(65 + (i % 26))}${i}`,
      sex,
      birthDate,
      nik: nikFor(birthDate, sex, district.replaceAll('.', ''), 9000 + i),
      domicileCode: village,
    });
  });
}

/**
 * What an attacker does with a list item: the hidden digits of `1671********0001` are the district
 * (beside it as districtCode) and DDMMYY (the birth date, day +40 for women). Every NIK consistent
 * with what the item shows; one candidate means the NIK is rebuilt.
 */
function candidateNiks(item: Worker): string[] {
  const shown = item.nik;
  const district = item.districtCode.split('.')[2] ?? '';
  const offset = item.sex === 'P' ? 40 : 0;
  const dates: string[] = [];
  if (item.birthDate) dates.push(item.birthDate);
  else {
    // Only the age: every date of the two birth years that gives it.
    for (let y = TODAY.getUTCFullYear() - item.age - 1; y <= TODAY.getUTCFullYear() - item.age; y++) {
      for (let d = new Date(Date.UTC(y, 0, 1)); d.getUTCFullYear() === y; d.setUTCDate(d.getUTCDate() + 1)) {
        const iso = d.toISOString().slice(0, 10);
        if (ageOn(iso, TODAY) === item.age) dates.push(iso);
      }
    }
  }
  return dates.map((iso) => {
    const [y, m, d] = iso.split('-');
    const ddmmyy = `${String(Number(d) + offset).padStart(2, '0')}${m}${y!.slice(2)}`;
    return `${shown.slice(0, 4)}${district}${ddmmyy}${shown.slice(12)}`;
  });
}

describe('a masked list cannot be turned back into NIKs', () => {
  test('no list item shows its birth date; rebuilding 100 NIKs offline from the items fails for every one', async () => {
    const input = people(100);
    for (const w of input) await app.workers.create(ctxAs(), w);
    const page = await app.workers.search(ctxAs(PALEMBANG), {
      q: 'Pekerja Uji',
      status: 'active',
      limit: 200,
    });
    const byName = new Map(input.map((w) => [w.fullName, w]));
    const items = page.items.filter((i) => byName.has(i.fullName));
    assert.equal(items.length, 100);
    let rebuilt = 0;
    for (const item of items) {
      const real = byName.get(item.fullName)!;
      assert.equal(item.isMasked, true);
      assert.match(item.nik, /^\d{4}\*{8}\d{4}$/);
      assert.equal(item.birthDate, null);
      // Neither the date nor the NIK's six date digits appear anywhere in the item.
      const text = JSON.stringify(item);
      assert.ok(!text.includes(real.birthDate), `${item.fullName}: birth date shown`);
      assert.ok(!text.includes(real.nik.slice(6, 12)), `${item.fullName}: the NIK's date digits shown`);
      const candidates = candidateNiks(item);
      assert.ok(candidates.includes(real.nik), 'the attack is modelled right: the real NIK is a candidate');
      // A year of candidates per person: nothing to rebuild offline, and a confirmation is one audited
      // NIK lookup per candidate.
      assert.ok(candidates.length >= 365, `${item.fullName}: only ${candidates.length} candidates`);
      if (candidates.length === 1) rebuilt++;
    }
    assert.equal(rebuilt, 0);
    // The record itself, opened (and audited), still has the birth date.
    const opened = await app.workers.get(ctxAs(PALEMBANG), items[0]!.id);
    assert.equal(opened.birthDate, byName.get(opened.fullName)!.birthDate);
  });

  test('a search by a full NIK is audited like opening the record, without the NIK in clear', async () => {
    const w = await app.workers.create(
      ctxAs(),
      aWorker({
        fullName: 'Rahmat Lookup',
        sex: 'L',
        birthDate: '1981-03-04',
        nik: nikFor('1981-03-04', 'L'),
      }),
    );
    const before = (await auditEvents('worker.lookup')).length;
    const found = await app.workers.search(ctxAs(PALEMBANG), {
      q: `${w.nik.slice(0, 6)} ${w.nik.slice(6)}`,
      status: 'active',
      limit: 10,
    });
    assert.deepEqual(
      found.items.map((i) => i.id),
      [w.id],
    );
    const missing = nikFor('1981-03-05', 'L');
    const none = await app.workers.search(ctxAs(PALEMBANG), { q: missing, status: 'active', limit: 10 });
    assert.equal(none.items.length, 0);
    // A name search is a list, not a lookup of one person.
    await app.workers.search(ctxAs(PALEMBANG), { q: 'Rahmat', status: 'active', limit: 10 });

    const events = (await auditEvents('worker.lookup')).slice(before);
    assert.equal(events.length, 2);
    assert.deepEqual(
      events.map((e) => ({ ...e, details: e.details })),
      [
        {
          actor_label: PALEMBANG.label,
          entity_id: w.id,
          region_code: w.domicileCode,
          details: { nik: `${w.nik.slice(0, 4)}********${w.nik.slice(12)}`, results: 1 },
        },
        {
          actor_label: PALEMBANG.label,
          entity_id: null,
          region_code: '16.71',
          details: { nik: `${missing.slice(0, 4)}********${missing.slice(12)}`, results: 0 },
        },
      ],
    );
    for (const e of events) {
      assert.ok(!JSON.stringify(e).includes(w.nik) && !JSON.stringify(e).includes(missing));
    }
  });

  test('a NIK in a search sent as a URL is refused with a pointer to POST; a name is not', async () => {
    const ctx = ctxAs(PALEMBANG);
    for (const q of ['1671011708750001', '1671 0117 0875 0001', '167101']) {
      await assert.rejects(app.workers.searchFromUrl(ctx, { q, status: 'active', limit: 5 }), (e) => {
        assert.ok(e instanceof AppError && e.code === 'VALIDATION_FAILED');
        assert.match(e.message + JSON.stringify(e.details), /POST \/api\/v1\/workers\/search/);
        return true;
      });
    }
    const page = await app.workers.searchFromUrl(ctx, { q: 'Rahmat', status: 'active', limit: 5 });
    assert.ok(page.items.length > 0);
  });
});

describe('a NIK registered in another region', () => {
  async function registeredIn(domicileCode: string, birthDate: string) {
    return app.workers.create(ctxAs(), aWorker({ domicileCode, birthDate, nik: nikFor(birthDate, 'P') }));
  }
  async function refusal(p: Promise<unknown>): Promise<AppError> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof AppError, String(e));
      return e;
    }
    assert.fail('expected a refusal');
  }

  test('the same answer in or out of the operator’s region, no name or region of the holder, and audited', async () => {
    const oganIlir = await registeredIn('16.10.01', '1979-06-05');
    const palembang = await registeredIn('16.71.01.1001', '1979-06-06');
    const before = (await auditEvents('worker.nikRegistered')).length;
    const attempt = (nik: string, birthDate: string) =>
      app.workers.create(
        ctxAs(PALEMBANG),
        aWorker({ nik, birthDate, fullName: 'Coba Daftar', domicileCode: '16.71.01.1001' }),
      );
    const out = await refusal(attempt(oganIlir.nik, '1979-06-05'));
    const inScope = await refusal(attempt(palembang.nik, '1979-06-06'));
    for (const e of [out, inScope]) {
      assert.equal(e.code, 'WORKER_NIK_EXISTS');
      assert.equal(e.message, NIK_REGISTERED_MESSAGE);
      assert.match(e.message, /hubungi Disnakertrans provinsi/);
    }
    assert.deepEqual(out.details, { field: 'nik' }, 'nothing about the holder outside the region');
    assert.doesNotMatch(JSON.stringify(out), /Ogan|Siti|16\.10/);
    assert.deepEqual(inScope.details, { field: 'nik', workerId: palembang.id });

    // The form's live check gives the same answer, audited as well; an unused NIK is simply free.
    const check = await app.workers.nikRegistration(ctxAs(PALEMBANG), oganIlir.nik);
    assert.deepEqual(check, { registered: true, workerId: null, message: NIK_REGISTERED_MESSAGE });
    assert.deepEqual(await app.workers.nikRegistration(ctxAs(PALEMBANG), nikFor('1979-06-07', 'P')), {
      registered: false,
      workerId: null,
      message: null,
    });
    await assert.rejects(
      app.workers.nikRegistration(ctxAs(AUDITOR), oganIlir.nik),
      (e) => e instanceof AppError && e.code === 'FORBIDDEN',
    );

    const events = (await auditEvents('worker.nikRegistered')).slice(before);
    assert.deepEqual(
      events.map((e) => [e.entity_id, e.region_code, e.details]),
      [
        [
          oganIlir.id,
          '16.10.01',
          {
            nik: `${oganIlir.nik.slice(0, 4)}********${oganIlir.nik.slice(12)}`,
            via: 'create',
            isInScope: false,
          },
        ],
        [
          palembang.id,
          '16.71.01.1001',
          {
            nik: `${palembang.nik.slice(0, 4)}********${palembang.nik.slice(12)}`,
            via: 'create',
            isInScope: true,
          },
        ],
        [
          oganIlir.id,
          '16.10.01',
          {
            nik: `${oganIlir.nik.slice(0, 4)}********${oganIlir.nik.slice(12)}`,
            via: 'check',
            isInScope: false,
          },
        ],
      ],
    );
  });

  test('changing a worker’s NIK to one held elsewhere gets the same audited answer', async () => {
    const oganIlir = await registeredIn('16.10.01', '1979-07-05');
    const mine = await app.workers.create(ctxAs(PALEMBANG), aWorker({ fullName: 'Punya Palembang' }));
    const before = (await auditEvents('worker.nikRegistered')).length;
    const e = await refusal(
      app.workers.update(ctxAs(PALEMBANG), mine.id, {
        version: mine.version,
        nik: oganIlir.nik,
        birthDate: '1979-07-05',
      }),
    );
    assert.equal(e.code, 'WORKER_NIK_EXISTS');
    assert.equal(e.message, NIK_REGISTERED_MESSAGE);
    assert.deepEqual(e.details, { field: 'nik' });
    const events = (await auditEvents('worker.nikRegistered')).slice(before);
    assert.deepEqual(
      events.map((x) => [x.entity_id, (x.details as { via: string }).via]),
      [[oganIlir.id, 'update']],
    );
    // Nothing changed.
    assert.equal((await app.workers.get(ctxAs(PALEMBANG), mine.id)).version, mine.version);
  });
});
