import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { App } from '../../app.js';
import { newContext, systemActor } from '../../platform/context.js';

type DemoApp = Pick<App, 'db' | 'config' | 'allocation' | 'enrolments'>;

/**
 * The whole flow on the demo programmes, once (skipped when any roster exists): a roster proposed by
 * the local administrator and approved by a second person (maker–checker), the roster sent to BPJS
 * (export: its enrolments become submitted), and a made-up BPJS answer applied — most accepted with a
 * KPJ, a few rejected with a reason — through the same services a user drives, so all of it is audited.
 * Returns the number of active enrolments made.
 */
export async function seedDemoEnrolments(app: DemoApp, now = new Date()): Promise<number> {
  const existing = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rosters');
  if ((existing.rows[0]?.n ?? 0) > 0) return 0;
  const programmes = await app.db.query<{ id: string }>(
    `SELECT id FROM programmes WHERE status = 'open' ORDER BY created_at, id LIMIT 2`,
  );
  const maker = newContext(systemActor(app.config.provinceCode, 'demo'), now);
  const checker = newContext(systemActor(app.config.provinceCode, 'demo-pemeriksa'), now);
  // A part of each budget, so the demo keeps money (and workers) for a newcomer's own allocation.
  const budgets = [60_000_000, 20_000_000];
  const dir = mkdtempSync(join(tmpdir(), 'payung-demo-'));
  let active = 0;
  try {
    for (const [i, { id }] of programmes.rows.entries()) {
      const proposed = await app.allocation.propose(maker, id, { budget: budgets[i] ?? 20_000_000 });
      if (proposed.summary.selected === 0) continue;
      await app.allocation.approve(checker, proposed.rosterId, 'Data contoh: disetujui.');
      await app.enrolments.exportRoster(maker, id, 'csv', join(dir, `roster-${i}.csv`));
      // BPJS answers what it was sent: the worker's KPJ if it has one, else the next free made-up number.
      const sent = await app.db.query<{ nik: string; first_month: string; kpj: string }>(
        `SELECT w.nik, to_char(e.first_month, 'DD/MM/YYYY') AS first_month,
                coalesce(pn.kpj, (90000000000 + (SELECT count(*) FROM participant_numbers)
                  + row_number() OVER (ORDER BY e.rank))::text) AS kpj
         FROM enrolments e JOIN workers w ON w.id = e.worker_id
         LEFT JOIN participant_numbers pn ON pn.worker_id = w.id
         WHERE e.programme_id = $1 AND e.status = 'submitted' ORDER BY e.rank`,
        [id],
      );
      const lines = ['NIK,NO KPJ,TGL KEPESERTAAN,STATUS,KETERANGAN'];
      for (const [j, r] of sent.rows.entries()) {
        // One in twelve refused, as BPJS does when the NIK does not match the civil registry.
        if (j % 12 === 11) lines.push(`${r.nik},,,DITOLAK,NIK tidak cocok dengan data Dukcapil`);
        else lines.push(`${r.nik},${r.kpj},${r.first_month},DITERIMA,`);
      }
      const report = await app.enrolments.importResponse(maker, {
        source: Readable.from([Buffer.from(`${lines.join('\n')}\n`)]),
        fileName: `jawaban-bpjs-${i + 1}.csv`,
        programmeId: id,
        dryRun: false,
      });
      active += report.activated;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return active;
}
