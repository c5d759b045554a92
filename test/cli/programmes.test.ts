import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { payung, preparePgliteDataDir } from '../support/cli.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/db.js';

const dirs: string[] = [];
let tdb: TestDatabase | null = null;
after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await tdb?.drop();
});

/** PostgreSQL when TEST_DATABASE_URL is set, else a migrated PGlite folder. */
async function database(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'payung-cli-'));
  dirs.push(dir);
  if (TEST_DATABASE_URL) {
    tdb = await createTestDatabase();
    return { DATABASE_URL: tdb.location, PAYUNG_DATA_DIR: dir };
  }
  await preparePgliteDataDir(dir);
  return { DATABASE_URL: '', PAYUNG_DATA_DIR: dir };
}

test('payung sponsors list and programmes list, as the administrator and as a sponsor officer', async () => {
  const env = await database();
  const empty = await payung(['programmes', 'list', '--json'], env);
  assert.equal(empty.code, 0, empty.stderr);
  assert.deepEqual(JSON.parse(empty.stdout), { items: [] });

  const demo = await payung(['demo', '--workers', '5'], env);
  assert.equal(demo.code, 0, demo.stderr);
  assert.match(demo.stdout, /3 Program Perlindungan contoh/);

  const sponsors = JSON.parse((await payung(['sponsors', 'list', '--json'], env)).stdout).items;
  const kinds = sponsors.map((s: { kind: string }) => s.kind).sort();
  assert.deepEqual(kinds, [
    'apbd_province',
    'apbd_regency',
    'csr_bumn',
    'csr_private',
    'village_fund',
    'zakat',
  ]);

  const list = await payung(['programmes', 'list', '--json'], env);
  assert.equal(list.code, 0, list.stderr);
  const items = JSON.parse(list.stdout).items;
  assert.equal(items.length, 3);
  for (const p of items) {
    for (const key of ['id', 'name', 'sponsor', 'status', 'budget', 'periodStart', 'periodEnd']) {
      assert.ok(key in p, `${key} in ${JSON.stringify(p)}`);
    }
    assert.equal(p.status, 'open');
    assert.match(p.periodStart, /^\d{4}-01$/);
    // The demo's first programmes carry an approved roster: committed, never over the budget.
    assert.ok(p.committed >= 0 && p.committed <= p.budget, JSON.stringify(p));
    assert.equal(p.remaining, p.budget - p.committed);
  }
  const text = await payung(['programmes', 'list'], env);
  assert.match(text.stdout, /anggaran Rp 2\.000\.000\.000, terpakai Rp [\d.]+/);

  const palembang = sponsors.find((s: { kind: string }) => s.kind === 'apbd_regency');
  const officer = await payung(
    [
      'users',
      'add',
      '--email',
      'apbd.plg@payung.local',
      '--role',
      'sponsor_officer',
      '--region',
      '16.71',
      '--sponsor',
      palembang.id,
    ],
    env,
  );
  assert.equal(officer.code, 0, officer.stderr);
  const noSponsor = await payung(
    ['users', 'add', '--email', 'x@payung.local', '--role', 'sponsor_officer', '--region', '16'],
    env,
  );
  assert.equal(noSponsor.code, 1);
  assert.match(noSponsor.stderr, /wajib dipilihkan Pemberi Bantuan Iuran/);

  const own = JSON.parse(
    (await payung(['programmes', 'list', '--json', '--as', 'apbd.plg@payung.local'], env)).stdout,
  );
  assert.deepEqual(
    own.items.map((p: { sponsorId: string }) => p.sponsorId),
    [palembang.id],
  );
  const ownSponsors = JSON.parse(
    (await payung(['sponsors', 'list', '--json', '--as', 'apbd.plg@payung.local'], env)).stdout,
  );
  assert.deepEqual(
    ownSponsors.items.map((s: { id: string }) => s.id),
    [palembang.id],
  );

  const bad = await payung(['programmes', 'list', '--status', 'aktif'], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--status harus salah satu dari: draft, open, closed/);
  assert.equal((await payung(['programmes'], env)).code, 2);
});
