import { parse, UsageError } from '../../cli/args.js';
import { cliContext, openApp } from '../../cli/context.js';
import { type CliIo, lineWriter } from '../../cli/io.js';
import { PROGRAMME_STATUS_LABELS, ProgrammeStatus } from '../../contracts/programmes.js';

const HELP = `payung programmes list [--status draft|open|closed] [--json] [--as EMAIL]`;

const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;

/** `payung programmes list`: the programmes the caller may see, with budget and what is committed. */
export async function programmesCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'list') throw new UsageError(HELP);
  const { values } = parse(rest, {
    status: { type: 'string' },
    json: { type: 'boolean', default: false },
    as: { type: 'string' },
  });
  const status = values.status === undefined ? undefined : ProgrammeStatus.safeParse(values.status);
  if (status && !status.success) {
    throw new UsageError(`--status harus salah satu dari: ${ProgrammeStatus.options.join(', ')}`);
  }
  await using app = await openApp(io);
  const ctx = await cliContext(app, values.as);
  const items = await app.programmes.list(ctx, status ? { status: status.data } : {});
  const say = lineWriter(io.stdout);
  if (values.json) {
    say(
      JSON.stringify({
        items: items.map((p) => ({
          id: p.id,
          name: p.name,
          sponsor: p.sponsorName,
          sponsorId: p.sponsorId,
          sponsorKind: p.sponsorKind,
          status: p.status,
          budget: p.budget,
          committed: p.committed,
          remaining: p.remaining,
          periodStart: p.periodStart,
          periodEnd: p.periodEnd,
          regionCode: p.regionCode,
          includeJht: p.includeJht,
          incomeBase: p.incomeBase,
        })),
      }),
    );
    return 0;
  }
  if (items.length === 0) say('Belum ada Program Perlindungan.');
  for (const p of items) {
    say(`${p.id}  ${p.name}`);
    say(
      `  ${p.sponsorName} · ${p.regionName} · ${p.periodStart} s.d. ${p.periodEnd} · ${PROGRAMME_STATUS_LABELS[p.status].id}`,
    );
    say(`  anggaran ${rupiah(p.budget)}, terpakai ${rupiah(p.committed)}, sisa ${rupiah(p.remaining)}`);
  }
  return 0;
}
