import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { aWorker, ctxAs, nikFor } from '../../../test/support/factories.js';
import { type App, createApp } from '../../app.js';
import type { WorkerSearch } from '../../contracts/workers.js';
import { loadConfig } from '../../platform/config.js';
import type { Actor } from '../../platform/context.js';
import { createWorkersRepo, type WorkerCursor, type WorkerFilter } from './workers.repo.js';
import { workersInRegions } from './workers.scope.js';

let tdb: TestDatabase;
let app: App;
const ids: Record<string, string> = {};

const people = [
  {
    key: 'muhammad',
    fullName: 'Muhammad Rizki',
    sex: 'L',
    birthDate: '1990-04-12',
    domicileCode: '16.71.01.1001',
    occupation: 'ojek_online',
  },
  {
    key: 'muhamad',
    fullName: 'MUHAMAD  RIZKI',
    sex: 'L',
    birthDate: '1985-01-30',
    domicileCode: '16.71.02.1002',
    occupation: 'ojek',
  },
  {
    key: 'moh',
    fullName: 'Moh. Rizki',
    sex: 'L',
    birthDate: '1960-07-01',
    domicileCode: '16.10.01',
    occupation: 'buruh_tani',
  },
  {
    key: 'sity',
    fullName: 'Sity Aminah',
    sex: 'P',
    birthDate: '2001-09-09',
    domicileCode: '16.10.01',
    occupation: 'buruh_tani',
  },
  {
    key: 'siti',
    fullName: 'siti aminah',
    sex: 'P',
    birthDate: '1975-08-17',
    domicileCode: '16.71.01.1001',
    occupation: 'pedagang_kaki_lima',
  },
  {
    key: 'budi',
    fullName: 'Budi Santoso',
    sex: 'L',
    birthDate: '1999-12-31',
    domicileCode: '16.71.01.1002',
    occupation: 'juru_parkir',
  },
] as const;

before(async () => {
  tdb = await createTestDatabase();
  app = await createApp(loadConfig({}), { db: tdb.db, prepared: true });
  for (const p of people) {
    const w = await app.workers.create(
      ctxAs(),
      aWorker({ ...p, nik: nikFor(p.birthDate, p.sex), phone: null }),
    );
    ids[p.key] = w.id;
  }
});
after(async () => {
  await tdb.drop();
});

const search = (s: Partial<WorkerSearch>, actor?: Actor) =>
  app.workers.search(ctxAs(actor), { status: 'active', limit: 50, ...s });
const keysOf = (items: { id: string }[]) =>
  items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0]).sort();

describe('searching the registry', () => {
  test('finds every spelling of Muhammad and Siti', async () => {
    for (const q of ['Muhammad Rizki', 'muhamad rizki', 'MOH. RIZKI', 'M. Rizki', 'Mochammad  Rizki']) {
      assert.deepEqual(keysOf((await search({ q })).items), ['moh', 'muhamad', 'muhammad'], q);
    }
    for (const q of ['Siti Aminah', 'sity aminah', '  SITI   AMINAH ']) {
      assert.deepEqual(keysOf((await search({ q })).items), ['siti', 'sity'], q);
    }
  });

  test('tolerates a typo and ranks the closest first', async () => {
    const r = await search({ q: 'siti aminha' });
    assert.ok(r.items.length >= 1);
    assert.deepEqual(keysOf(r.items), ['siti', 'sity']);
  });

  test('finds by exact NIK, with or without separators', async () => {
    const nik = nikFor('1999-12-31', 'L', '167101', 9999);
    const w = await app.workers.create(
      ctxAs(),
      aWorker({ nik, sex: 'L', birthDate: '1999-12-31', fullName: 'Andi' }),
    );
    assert.deepEqual(
      (await search({ q: nik })).items.map((i) => i.id),
      [w.id],
    );
    const spaced = `${nik.slice(0, 6)} ${nik.slice(6, 12)}.${nik.slice(12)}`;
    assert.deepEqual(
      (await search({ q: spaced })).items.map((i) => i.id),
      [w.id],
    );
    assert.equal((await search({ q: nik.replace(/.$/, '8') })).items.length, 0);
  });

  test('filters by region at any level, occupation, sex and age', async () => {
    assert.deepEqual(keysOf((await search({ region: '16.10' })).items), ['moh', 'sity']);
    assert.deepEqual(keysOf((await search({ region: '16.10.01' })).items), ['moh', 'sity']);
    assert.deepEqual(keysOf((await search({ region: '16.71.01.1002' })).items), ['budi']);
    assert.deepEqual(keysOf((await search({ region: '16.71', sex: 'P' })).items), ['siti']);
    assert.deepEqual(keysOf((await search({ occupation: 'buruh_tani' })).items), ['moh', 'sity']);
    // Ages on 2026-11-23: muhammad 36, muhamad 41, moh 66, sity 25, siti 51, budi 26.
    assert.deepEqual(keysOf((await search({ ageMin: 40, ageMax: 55 })).items), ['muhamad', 'siti']);
    assert.deepEqual(keysOf((await search({ q: 'rizki', ageMax: 40 })).items), ['muhammad']);
    assert.deepEqual(keysOf((await search({ q: 'rizki', region: '16.71' })).items), ['muhamad', 'muhammad']);
  });

  test('pages with a cursor through every row exactly once, browsing and searching', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ limit: 2, ...(cursor ? { cursor } : {}) });
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length);
    const total = (await search({ limit: 200 })).items.length;
    assert.equal(seen.length, total);

    const found: string[] = [];
    cursor = undefined;
    do {
      const page = await search({ q: 'rizki', limit: 1, ...(cursor ? { cursor } : {}) });
      found.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(keysOf(found.map((id) => ({ id }))), ['moh', 'muhamad', 'muhammad']);
  });

  test('a tampered cursor is a clear error', async () => {
    await assert.rejects(
      search({ cursor: 'bm90LWpzb24' }),
      (e: Error & { code?: string }) => e.code === 'VALIDATION_FAILED',
    );
  });

  test('an actor scoped to one regency never sees the others, by list, name, NIK or id', async () => {
    const operator: Actor = {
      id: 'u',
      kind: 'user',
      label: 'op',
      role: 'regency_operator',
      regionCodes: ['16.10'],
      sponsorIds: [],
    };
    assert.deepEqual(keysOf((await search({}, operator)).items), ['moh', 'sity']);
    assert.deepEqual(keysOf((await search({ q: 'siti aminah' }, operator)).items), ['sity']);
    assert.deepEqual(keysOf((await search({ region: '16.71' }, operator)).items), []);
    const siti = await app.workers.get(ctxAs(), ids.siti!);
    assert.equal((await search({ q: siti.nik }, operator)).items.length, 0);
    await assert.rejects(
      app.workers.get(ctxAs(operator), ids.siti!),
      (e: Error & { code?: string }) => e.code === 'WORKER_NOT_FOUND',
    );
    const nobody: Actor = { ...operator, regionCodes: [] };
    assert.equal((await search({}, nobody)).items.length, 0);
  });

  test('both search plans give the same pages, for a district, a village, a regency and the province', async () => {
    // Enough namesakes in one district and village that pages of 3 cross keys and cut through one key.
    const names = [
      'Siti Rahma',
      'SITI RAHMAH',
      'Siti Rohmah',
      'Sitti Rahma',
      'Siti Aminah Rahma',
      'Rahma Siti',
    ];
    for (const [i, fullName] of names.entries()) {
      for (const domicileCode of ['16.71.03.1001', '16.71.03.1002', '16.71.04']) {
        const birthDate = `1980-0${(i % 9) + 1}-1${i % 10}`;
        await app.workers.create(
          ctxAs(),
          aWorker({ fullName, domicileCode, birthDate, nik: nikFor(birthDate, 'P', '167103'), phone: null }),
        );
      }
    }
    const repo = createWorkersRepo(tdb.db);
    const pages = async (key: string, f: WorkerFilter, plan: 'keys' | 'region') => {
      const out: string[][] = [];
      let after: WorkerCursor | undefined;
      for (;;) {
        const page = await repo.searchByName(key, f, 3, after, plan);
        out.push(page.rows.map((r) => `${r.score?.toFixed(4)} ${r.name_key} ${r.id}`));
        const last = page.rows.at(-1);
        if (!page.hasMore || !last) return out;
        after = { k: last.name_key, id: last.id, s: last.score! };
      }
    };
    const filter = (region?: string): WorkerFilter => ({
      scope: workersInRegions(['16']),
      status: 'active',
      ...(region ? { region } : {}),
    });
    for (const region of ['16.71.03', '16.71.03.1001', '16.71', undefined]) {
      for (const key of ['siti rahma', 'rahmah', 'aminah']) {
        const byKeys = await pages(key, filter(region), 'keys');
        assert.deepEqual(await pages(key, filter(region), 'region'), byKeys, `${key} in ${region ?? '16'}`);
        assert.ok(byKeys.flat().length > 0, `${key} in ${region ?? '16'} finds somebody`);
      }
    }
    // A district's answer is the province's, less the people living elsewhere.
    const all = await pages('siti rahma', filter(), 'keys');
    const districtOf = new Map<string, string>();
    for (const w of (await repo.list(filter(), 1_000)).rows) districtOf.set(w.id, w.district_code);
    const inDistrict = all.flat().filter((line) => districtOf.get(line.split(' ').at(-1)!) === '16.71.03');
    assert.ok(inDistrict.length >= 6);
    assert.ok(inDistrict.length < all.flat().length);
    assert.deepEqual((await pages('siti rahma', filter('16.71.03'), 'region')).flat(), inDistrict);
  });
});
