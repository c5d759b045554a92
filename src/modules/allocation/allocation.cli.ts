import { parse, positiveInt, UsageError } from '../../cli/args.js';
import { cliContext, openApp } from '../../cli/context.js';
import { type CliIo, lineWriter } from '../../cli/io.js';
import type { AllocationSummary } from '../../contracts/allocation.js';

const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;
const LIMITED_BY = {
  budget: 'anggaran habis',
  quota: 'kuota wilayah penuh',
  eligible: 'semua yang memenuhi syarat sudah terpilih',
} as const;

/**
 * `payung allocate PROGRAMME [--budget N] [--dry-run] [--json] [--as EMAIL]`: chooses whom the
 * programme covers. --dry-run simulates (nothing saved); otherwise a roster is proposed (a durable job
 * run here) for a second person to approve.
 */
export async function allocateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      budget: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      as: { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 1) throw new UsageError('Sebutkan satu ID program.');
  const programmeId = positionals[0]!;
  const budget =
    values.budget === undefined ? undefined : positiveInt(values.budget.replace(/[._]/g, ''), 'budget');
  await using app = await openApp(io);
  const ctx = await cliContext(app, values.as);
  let summary: AllocationSummary;
  let rosterId: string | null = null;
  if (values['dry-run']) {
    const overview = await app.allocation.overview(ctx, programmeId);
    const b = budget ?? Math.max(0, overview.programme.budget - overview.programme.committed);
    summary = (await app.allocation.simulate(ctx, programmeId, [b])).runs[0]!;
  } else {
    const r = await app.allocation.propose(ctx, programmeId, budget === undefined ? {} : { budget });
    summary = r.summary;
    rosterId = r.rosterId;
  }
  const say = lineWriter(io.stdout);
  if (values.json) {
    say(
      JSON.stringify({
        programmeId,
        dryRun: values['dry-run'],
        rosterId,
        budget: summary.budget,
        eligible: summary.eligible,
        selected: summary.selected,
        totalCost: summary.totalCost,
        remaining: summary.remaining,
        costPerWorker: summary.costPerWorker,
        limitedBy: summary.limitedBy,
        byRegency: summary.byRegency.map((r) => ({
          regencyCode: r.regencyCode,
          name: r.regencyName,
          eligible: r.eligible,
          selected: r.selected,
          cost: r.cost,
        })),
      }),
    );
    return 0;
  }
  say(values['dry-run'] ? 'Simulasi (tidak disimpan):' : `Daftar peserta diusulkan: ${rosterId}`);
  say(`  Anggaran          ${rupiah(summary.budget)}`);
  say(`  Memenuhi syarat   ${summary.eligible.toLocaleString('id-ID')} pekerja`);
  say(
    `  Terpilih          ${summary.selected.toLocaleString('id-ID')} pekerja, ${rupiah(summary.totalCost)}`,
  );
  say(`  Sisa              ${rupiah(summary.remaining)} (${LIMITED_BY[summary.limitedBy]})`);
  say(`  Iuran per pekerja ${rupiah(summary.costPerWorker)} untuk seluruh periode`);
  for (const r of summary.byRegency.filter((x) => x.selected > 0 || x.eligible > 0))
    say(`    ${r.regencyName.padEnd(32)} ${String(r.selected).padStart(8)} / ${r.eligible}`);
  if (!values['dry-run'])
    say('Daftar ini menunggu persetujuan orang lain: payung rosters approve ID --as EMAIL');
  return 0;
}

/** `payung rosters approve|reject ID [--note TEXT] [--as EMAIL] [--json]`. */
export async function rostersCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { note: { type: 'string' }, as: { type: 'string' }, json: { type: 'boolean', default: false } },
    true,
  );
  const [action, id] = positionals;
  if ((action !== 'approve' && action !== 'reject') || !id || positionals.length !== 2)
    throw new UsageError('Gunakan: payung rosters approve|reject ID');
  if (action === 'reject' && !values.note) throw new UsageError('Penolakan perlu alasan: --note "…"');
  await using app = await openApp(io);
  const ctx = await cliContext(app, values.as);
  const r =
    action === 'approve'
      ? await app.allocation.approve(ctx, id, values.note)
      : await app.allocation.reject(ctx, id, values.note!);
  const say = lineWriter(io.stdout);
  if (values.json) say(JSON.stringify({ id: r.id, status: r.status, decidedBy: r.decidedBy }));
  else
    say(`Daftar peserta ${r.id}: ${r.status === 'approved' ? 'disetujui' : 'ditolak'} oleh ${r.decidedBy}.`);
  return 0;
}
