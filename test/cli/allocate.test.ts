import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openPglite } from '../../src/platform/db/pglite.js';
import { aProgramme, aSponsor, generatedRegistry } from '../support/allocation.js';
import { payung, preparePgliteDataDir } from '../support/cli.js';

let dataDir: string;
let programmeId: string;
const env = () => ({ PAYUNG_DATA_DIR: dataDir, DATABASE_URL: '' });

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'payung-cli-alloc-'));
  await preparePgliteDataDir(dataDir);
  const db = await openPglite(join(dataDir, 'pg'));
  try {
    await generatedRegistry(db, 7, 300);
    const sponsor = await aSponsor(db, 'apbd_province');
    programmeId = await aProgramme(db, { sponsorId: sponsor, budget: 20 * 201_600 });
  } finally {
    await db.close();
  }
});
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('payung allocate', () => {
  test('--dry-run --json simulates; without it a roster is proposed; its proposer cannot approve it', async () => {
    const dry = await payung(['allocate', programmeId, '--dry-run', '--json'], env());
    assert.equal(dry.code, 0, dry.stderr);
    const sim = JSON.parse(dry.stdout);
    assert.equal(sim.budget, 20 * 201_600);
    assert.equal(sim.costPerWorker, 201_600);
    assert.equal(sim.selected, 20);
    assert.equal(sim.totalCost, 20 * 201_600);
    assert.equal(sim.limitedBy, 'budget');
    assert.ok(sim.eligible > 20);
    assert.equal(sim.rosterId, null);
    assert.equal(
      sim.byRegency.reduce((s: number, r: { selected: number }) => s + r.selected, 0),
      20,
    );
    const smaller = JSON.parse(
      (await payung(['allocate', programmeId, '--dry-run', '--json', '--budget', '403200'], env())).stdout,
    );
    assert.equal(smaller.selected, 2);

    const run = await payung(['allocate', programmeId, '--json'], env());
    assert.equal(run.code, 0, run.stderr);
    const proposed = JSON.parse(run.stdout);
    assert.deepEqual({ ...proposed, rosterId: null, dryRun: true }, sim);
    const text = await payung(['allocate', programmeId], env());
    assert.equal(text.code, 1);
    assert.match(text.stderr, /ROSTER_PENDING/);

    const self = await payung(['rosters', 'approve', proposed.rosterId], env());
    assert.equal(self.code, 1);
    assert.match(self.stderr, /ROSTER_SAME_PERSON/);
    const usage = await payung(['rosters', 'reject', proposed.rosterId], env());
    assert.equal(usage.code, 2);
    const missing = await payung(['allocate'], env());
    assert.equal(missing.code, 2);
  });
});
