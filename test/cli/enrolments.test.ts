import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createApp } from '../../src/app.js';
import { readCsv } from '../../src/modules/imports/index.js';
import { loadConfig } from '../../src/platform/config.js';
import { payung, preparePgliteDataDir } from '../support/cli.js';
import { anEnrolment, aProgramme, aRoster } from '../support/enrolments.js';
import { aWorker, ctxAs } from '../support/factories.js';

const dir = mkdtempSync(join(tmpdir(), 'payung-cli-enrol-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('payung enrolments export, then import-response --dry-run --json and for real; a second run changes nothing', async () => {
  await preparePgliteDataDir(dir);
  const env = { PAYUNG_DATA_DIR: dir, DATABASE_URL: '' };
  // A programme with an approved roster of two workers, written before the commands run (one process
  // holds the folder at a time).
  const app = await createApp(loadConfig(env));
  const a = await app.workers.create(ctxAs(), aWorker({ fullName: 'Siti Aminah' }));
  const b = await app.workers.create(ctxAs(), aWorker({ fullName: 'Ahmad Yani', sex: 'L' }));
  const { id: programmeId, sponsorId } = await aProgramme(app.db);
  const rosterId = await aRoster(app.db, programmeId);
  for (const w of [a, b]) await anEnrolment(app.db, { workerId: w.id, programmeId, sponsorId, rosterId });
  await app.close();

  const out = join(dir, 'daftar.csv');
  const exported = await payung(['enrolments', 'export', programmeId, '--out', out], env);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /2 peserta \(2 baru dikirim ke BPJS\)/);
  const rows: unknown[][] = [];
  for await (const r of readCsv(out)) rows.push(r.cells);
  assert.deepEqual(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
    [a.nik, b.nik].sort(),
  );

  const response = join(dir, 'jawaban.csv');
  writeFileSync(
    response,
    `NIK,NOMOR PESERTA,TANGGAL EFEKTIF,STATUS,KETERANGAN\r\n${a.nik},16710000123,01/01/2027,DITERIMA,\r\n${b.nik},,,DITOLAK,Data tidak padan\r\n9999999999999999,16710000124,01/01/2027,DITERIMA,\r\n`,
  );
  const dry = await payung(['enrolments', 'import-response', response, '--dry-run', '--json'], env);
  assert.equal(dry.code, 0, dry.stderr);
  const report = JSON.parse(dry.stdout);
  assert.equal(report.programmeId, programmeId, 'found from the NIKs');
  assert.deepEqual([report.activated, report.rejected, report.errorCount], [1, 1, 1]);
  assert.equal(report.errors[0].code, 'NIK_UNKNOWN');
  assert.equal(report.errors[0].row, 4);

  const real = await payung(['enrolments', 'import-response', response, '--programme', programmeId], env);
  assert.equal(real.code, 0, real.stderr);
  assert.match(real.stdout, /1 aktif, 1 ditolak/);
  assert.match(real.stdout, /baris 4 \(nik\)/);
  const again = await payung(['enrolments', 'import-response', response, '--json'], env);
  const second = JSON.parse(again.stdout);
  assert.deepEqual([second.activated, second.rejected, second.unchanged], [0, 0, 2]);

  const bad = await payung(['enrolments', 'export', programmeId, '--out', join(dir, 'x.pdf')], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /\.xlsx atau \.csv/);
});
