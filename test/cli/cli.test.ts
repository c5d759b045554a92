import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { maskNik } from '../../src/domain/mask.js';
import { payung, preparePgliteDataDir, serve } from '../support/cli.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'payung-cli-'));
  dirs.push(d);
  return d;
}

/** A data folder whose database is migrated already: for everything but `payung migrate` itself. */
async function migratedDataDir(): Promise<string> {
  const d = tempDataDir();
  await preparePgliteDataDir(d);
  return d;
}

describe('payung nik', () => {
  test('--json prints one object per NIK, in order, with decoded fields', async () => {
    const r = await payung([
      'nik',
      '1671015708750001',
      '3171010101900001',
      '12345',
      '1671014508750000',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    assert.deepEqual(lines[0], {
      nik: '1671015708750001',
      valid: true,
      errors: [],
      warnings: [],
      province: '16',
      regency: '16.71',
      district: '16.71.01',
      birthDate: '1975-08-17',
      sex: 'P',
    });
    assert.equal(lines[1].sex, 'L');
    assert.equal(lines[1].birthDate, '1990-01-01');
    assert.equal(lines[2].valid, false);
    assert.equal(lines[2].errors[0].code, 'NIK_LENGTH');
    assert.equal(lines[2].birthDate, null);
    assert.equal(lines[2].sex, null);
    assert.equal(lines[3].valid, false);
    assert.deepEqual(
      lines[3].errors.map((e: { code: string }) => e.code),
      ['NIK_SERIAL_ZERO'],
    );
    for (const l of lines) for (const e of l.errors) assert.equal(typeof e.message, 'string');
  });

  test('without NIKs it explains usage and exits 2', async () => {
    const r = await payung(['nik']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /NIK/);
  });

  test('an unknown command exits 2 with the list of commands', async () => {
    const r = await payung(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /payung serve/);
  });
});

describe('database commands on PGlite', () => {
  test('migrate, then demo adds workers', async () => {
    const dataDir = tempDataDir();
    const env = { PAYUNG_DATA_DIR: dataDir, DATABASE_URL: '' };
    const m = await payung(['migrate'], env);
    assert.equal(m.code, 0, m.stderr);
    assert.match(m.stdout, /0001_regions/);
    const again = await payung(['migrate'], env);
    assert.match(again.stdout, /sudah terbaru/);

    const d = await payung(['demo', '--workers', '25'], env);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, /25 pekerja/);
    // The demo carries the whole flow: a roster approved by a second person, sent and answered by BPJS.
    assert.match(d.stdout, /Kepesertaan aktif contoh dengan nomor KPJ/);
    const listed = await payung(['programmes', 'list', '--json'], env);
    const items = JSON.parse(listed.stdout).items as { committed: number; budget: number }[];
    assert.ok(
      items.some((p) => p.committed > 0 && p.committed <= p.budget),
      listed.stdout,
    );

    const bad = await payung(['demo', '--workers', 'banyak'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--workers/);
  });
});

describe('payung serve and demo data', () => {
  test('a network address is refused while demo users have the published password; localhost starts', async () => {
    const env = { PAYUNG_DATA_DIR: await migratedDataDir(), DATABASE_URL: '' };
    // A new folder would be filled with demo users: refused before anything is added.
    const fresh = await serve(['--port', '0', '--host', '0.0.0.0'], env);
    assert.equal(fresh.ready, false, fresh.stdout);
    assert.equal(fresh.code, 1);
    assert.match(fresh.stderr, /HOST 0\.0\.0\.0 dapat dijangkau dari jaringan/);
    assert.match(fresh.stderr, /--no-demo/);
    assert.doesNotMatch(fresh.stdout, /pekerja contoh/);
    // The quick start: embedded database on this machine, demo sign-ins shown.
    const local = await serve(['--port', '0'], env);
    assert.ok(local.ready, local.stderr);
    assert.match(local.stdout, /Pengguna contoh \(kata sandi: payung-demo\)/);
    // Now the demo users exist with the published password: still refused on the network, even with --no-demo.
    const network = await serve(['--port', '0', '--host', '0.0.0.0', '--no-demo'], env);
    assert.equal(network.ready, false, network.stdout);
    assert.equal(network.code, 1);
    assert.match(network.stderr, /admin@payung\.local/);
    assert.match(network.stderr, /payung users reset-password --email/);
  });

  test('a new database gets demo data by default only when embedded; PostgreSQL only with --demo', async () => {
    const { createTestDatabase, TEST_DATABASE_URL } = await import('../support/db.js');
    const tdb = TEST_DATABASE_URL ? await createTestDatabase() : null;
    try {
      const env = tdb
        ? { DATABASE_URL: tdb.location, PAYUNG_DATA_DIR: tempDataDir() }
        : { DATABASE_URL: '', PAYUNG_DATA_DIR: await migratedDataDir() };
      const first = await serve(['--port', '0'], env);
      assert.ok(first.ready, first.stderr);
      if (tdb) {
        assert.doesNotMatch(first.stdout, /pekerja contoh|Pengguna contoh/);
        assert.match(first.stdout, /Belum ada pengguna/);
        const counts = await tdb.db.query<{ users: number; workers: number }>(
          'SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM workers) AS workers',
        );
        assert.deepEqual(counts.rows[0], { users: 0, workers: 0 });
      } else {
        assert.match(first.stdout, /menambahkan 1000 pekerja contoh/);
        assert.match(first.stdout, /Pengguna contoh/);
      }
      // Asked for, demo data comes on either database.
      const asked = await serve(['--port', '0', '--demo'], env);
      assert.ok(asked.ready, asked.stderr);
      assert.match(asked.stdout, /Pengguna contoh/);
      const both = await payung(['serve', '--demo', '--no-demo'], env);
      assert.equal(both.code, 2);
    } finally {
      await tdb?.drop();
    }
  });
});

describe('payung users', () => {
  test('add, list, reset-password; --as acts with that user’s role', async () => {
    const dataDir = await migratedDataDir();
    const env = { PAYUNG_DATA_DIR: dataDir, DATABASE_URL: '' };
    const add = await payung(
      [
        'users',
        'add',
        '--email',
        'kepala@payung.local',
        '--role',
        'province_admin',
        '--region',
        '16',
        '--name',
        'Kepala Dinas',
      ],
      env,
    );
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /Kata sandi sementara \(tampil sekali\): [a-z0-9]{4}-/);
    const op = await payung(
      [
        'users',
        'add',
        '--email',
        'op.oi@payung.local',
        '--role',
        'regency_operator',
        '--region',
        '16.10',
        '--password',
        'operator-oi-2026',
      ],
      env,
    );
    assert.equal(op.code, 0, op.stderr);
    const wrongLevel = await payung(
      ['users', 'add', '--email', 'x@payung.local', '--role', 'enumerator', '--region', '16.10'],
      env,
    );
    assert.equal(wrongLevel.code, 1);
    assert.match(wrongLevel.stderr, /kecamatan/);
    const badRole = await payung(
      ['users', 'add', '--email', 'y@payung.local', '--role', 'raja', '--region', '16'],
      env,
    );
    assert.equal(badRole.code, 2);
    const list = await payung(['users', 'list'], env);
    assert.match(list.stdout, /kepala@payung\.local\s+Administrator Provinsi\s+Sumatera Selatan/);
    assert.match(list.stdout, /op\.oi@payung\.local\s+Operator Kabupaten\/Kota\s+Kabupaten Ogan Ilir/);
    const asOperator = await payung(['users', 'list', '--as', 'op.oi@payung.local'], env);
    assert.equal(asOperator.code, 1);
    assert.match(asOperator.stderr, /FORBIDDEN/);
    const reset = await payung(['users', 'reset-password', '--email', 'op.oi@payung.local'], env);
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /Kata sandi baru untuk op\.oi@payung\.local/);
  });
});

describe('payung import', () => {
  test('--dry-run --json reports every data row; the import adds, a second run adds nothing', async () => {
    const { aPerson, workerCsv } = await import('../support/sheets.js');
    const { writeFileSync } = await import('node:fs');
    const dataDir = await migratedDataDir();
    const env = { PAYUNG_DATA_DIR: dataDir, DATABASE_URL: '' };
    const file = join(dataDir, 'ogan-ilir.csv');
    const ok = aPerson({ district: 'Indralaya', village: '' });
    ok.nik = `161001${ok.nik.slice(6)}`;
    writeFileSync(file, workerCsv([ok, aPerson({ nik: '123', district: 'Indralaya' })]));
    const dry = await payung(['import', file, '--region', '16.10', '--dry-run', '--json'], env);
    assert.equal(dry.code, 0, dry.stderr);
    const out = JSON.parse(dry.stdout);
    assert.equal(out.file, 'ogan-ilir.csv');
    assert.equal(out.rows, 2);
    assert.equal(out.accepted, 1);
    assert.equal(out.rejected, 1);
    assert.equal(out.duplicates, 0);
    assert.deepEqual(
      out.results.map((r: { row: number; status: string }) => [r.row, r.status]),
      [
        [4, 'accepted'],
        [5, 'rejected'],
      ],
    );
    const rejected = out.results[1];
    // Whose row it is, the NIK masked as in every list.
    assert.equal(rejected.nik, maskNik('123'));
    assert.equal(out.results[0].nik, maskNik(ok.nik));
    assert.notEqual(out.results[0].nik, ok.nik);
    assert.ok(
      rejected.errors.every(
        (e: { field: string; code: string; message: string }) => e.field && e.code && e.message,
      ),
    );
    assert.ok(
      out.results[0].warnings.some(
        (w: { code: string }) => w.code === 'VILLAGE_NOT_FOUND' || w.code === 'VILLAGE_MISSING',
      ),
      JSON.stringify(out.results[0]),
    );

    const real = await payung(['import', file, '--region', '16.10', '--json'], env);
    assert.equal(real.code, 0, real.stderr);
    assert.equal(JSON.parse(real.stdout).added, 1);
    const again = await payung(['import', file, '--region', '16.10', '--json'], env);
    const second = JSON.parse(again.stdout);
    assert.equal(second.added, 0);
    assert.equal(second.duplicates, 1);
    // Nothing to add: not imported, and the reason is said.
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /Tidak ada yang bisa diimpor: .*1 Data Ganda/);

    const outside = await payung(['import', file, '--region', '16.71', '--as', 'nobody@payung.local'], env);
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, /USER_NOT_FOUND/);
  });
});
