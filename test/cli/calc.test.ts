import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { payung, preparePgliteDataDir } from '../support/cli.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/db.js';

const dirs: string[] = [];
let tdb: TestDatabase | null = null;
let env: Record<string, string>;

/** PostgreSQL when TEST_DATABASE_URL is set, else a migrated PGlite folder. */
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'payung-cli-'));
  dirs.push(dir);
  if (TEST_DATABASE_URL) {
    tdb = await createTestDatabase();
    env = { DATABASE_URL: tdb.location, PAYUNG_DATA_DIR: dir, LOG_LEVEL: 'silent' };
  } else {
    await preparePgliteDataDir(dir);
    env = { DATABASE_URL: '', PAYUNG_DATA_DIR: dir, LOG_LEVEL: 'silent' };
  }
});
after(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await tdb?.drop();
});

const json = async (args: string[]) => {
  const r = await payung(args, env);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
};

test('payung calc bpu --json: base, monthly amounts, discount, versions', async () => {
  const c = await json(['calc', 'bpu', '--income', '1500000', '--date', '2025-06-15', '--json']);
  assert.equal(c.base, 1_600_000);
  assert.deepEqual(c.monthly, { jkk: 16_000, jkm: 6_800, jht: 0, total: 22_800 });
  assert.equal(c.discount, 0);
  const jht = await json([
    'calc',
    'bpu',
    '--income',
    '1000000',
    '--programs',
    'jkk,jkm,jht',
    '--date',
    '2025-06-15',
    '--json',
  ]);
  assert.deepEqual(jht.monthly, { jkk: 10_000, jkm: 6_800, jht: 20_000, total: 36_800 });
  const ojek = await json([
    'calc',
    'bpu',
    '--income',
    '1000000',
    '--date',
    '2026-03-01',
    '--occupation',
    'ojek',
    '--funding',
    'self',
    '--json',
  ]);
  assert.deepEqual([ojek.monthly.total, ojek.discount], [8_400, 8_400]);
  const apbn = await json([
    'calc',
    'bpu',
    '--income',
    '1000000',
    '--date',
    '2026-03-01',
    '--occupation',
    'ojek',
    '--funding',
    'apbn',
    '--json',
  ]);
  assert.deepEqual([apbn.monthly.total, apbn.discount], [16_800, 0]);
});

test('payung calc jakon and benefit --json', async () => {
  const j = await json(['calc', 'jakon', '--contract-value', '1000000000', '--json']);
  assert.deepEqual([j.jkk, j.jkm, j.total, j.tiers.length], [1_540_000, 210_000, 1_750_000, 3]);
  const death = await json(['calc', 'benefit', '--type', 'jkk_death', '--base', '1000000', '--json']);
  assert.deepEqual(death.components, { lumpSum: 48_000_000, funeral: 10_000_000, periodic: 12_000_000 });
  assert.equal(death.total, 70_000_000);
  const early = await json([
    'calc',
    'benefit',
    '--type',
    'jkm_death',
    '--base',
    '1000000',
    '--months-member',
    '2',
    '--json',
  ]);
  assert.equal(early.total, 10_000_000);
  const stmb = await json([
    'calc',
    'benefit',
    '--type',
    'stmb',
    '--base',
    '1000000',
    '--months-off',
    '14',
    '--json',
  ]);
  assert.equal(stmb.total, 13_000_000);
});

test('without --json: the breakdown in Bahasa Indonesia, amounts formatted the Indonesian way', async () => {
  const r = await payung(['calc', 'bpu', '--income', '1500000', '--date', '2025-06-15'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Iuran BPU bulan 2025-06: Rp 22\.800 sebulan/);
  assert.match(r.stdout, /golongan 4 \(Rp 1\.500\.000–Rp 1\.699\.999\)/);
  assert.match(r.stdout, /JKK 1% × Rp 1\.600\.000: Rp 16\.000/);
  assert.match(r.stdout, /Aturan: PP 44\/2015/);
});

test('bad input: exit code 2 and the flag named, nothing printed to stdout', async () => {
  const cases: [string[], RegExp][] = [
    [['calc', 'bpu', '--income=-5'], /--income: Penghasilan tidak boleh negatif/],
    [['calc', 'bpu', '--income', 'satu juta'], /--income: Penghasilan harus bilangan bulat/],
    [['calc', 'bpu'], /--income wajib diisi/],
    [['calc', 'bpu', '--income', '1000000', '--date', '2026-13-01'], /--date: /],
    [['calc', 'bpu', '--income', '1000000', '--programs', 'jkk'], /--programs: JKK dan JKM wajib/],
    [['calc', 'bpu', '--income', '1000000', '--funding', 'bank'], /--funding: /],
    [['calc', 'jakon', '--contract-value=-1'], /--contract-value: Nilai kontrak tidak boleh negatif/],
    [['calc', 'benefit', '--type', 'pension', '--base', '1'], /--type: Jenis manfaat tidak dikenal/],
    [['calc', 'benefit', '--type', 'stmb'], /--base: Dasar .* wajib/],
    [['calc', 'benefit', '--type', 'stmb', '--base', '1', '--months-off', 'x'], /--months-off: /],
    [['calc', 'pension'], /Usage: payung calc/],
  ];
  for (const [args, message] of cases) {
    const r = await payung(args, env);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '');
  }
});

test('a date before the rules took effect: exit code 1, the reason given', async () => {
  const r = await payung(['calc', 'benefit', '--type', 'jkm_death', '--date', '2019-01-01'], env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /RATE_NOT_IN_FORCE/);
});
