import { parse, UsageError } from '../../cli/args.js';
import { cliContext, openApp } from '../../cli/context.js';
import { type CliIo, lineWriter } from '../../cli/io.js';
import {
  BENEFIT_TYPE_LABELS,
  type BenefitCalc,
  type BpuCalc,
  type CalcStep,
  type JakonCalc,
} from '../../contracts/rates.js';
import { rupiah } from '../../domain/rates.js';
import { AppError } from '../../platform/errors.js';

const HELP = `payung calc bpu --income N [--programs jkk,jkm,jht] [--date YYYY-MM-DD] [--occupation CODE] [--funding apbn|apbd|csr|zakat|self] [--json]
       payung calc jakon --contract-value N [--date YYYY-MM-DD] [--json]
       payung calc benefit --type jkm_death|jkk_death|jkk_total_disability|stmb [--base N] [--months-member N] [--months-off N] [--date YYYY-MM-DD] [--json]`;

/** The API's field names → this command's flags, so a refusal names what the person typed. */
const FLAGS: Record<string, string> = {
  income: '--income',
  programs: '--programs',
  date: '--date',
  occupation: '--occupation',
  funding: '--funding',
  contractValue: '--contract-value',
  type: '--type',
  base: '--base',
  monthsMember: '--months-member',
  monthsOff: '--months-off',
};

/** Runs a calculation; a refused input becomes a usage error naming the flag (exit code 2). */
async function calculate<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
      const issues =
        (e.details as { issues?: { path: string[]; message: string }[] } | undefined)?.issues ?? [];
      const lines = issues.map(
        (i) => `${FLAGS[i.path[0] ?? ''] ?? (i.path.join('.') || 'input')}: ${i.message}`,
      );
      throw new UsageError(lines.length ? lines.join('\n') : e.message);
    }
    throw e;
  }
}

const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function printSteps(say: (line: string) => void, steps: CalcStep[]) {
  for (const s of steps) say(`  ${s.text}${s.amount === null ? '' : `: ${rupiah(s.amount)}`}`);
}

function printVersions(
  say: (line: string) => void,
  versions: { effectiveFrom: string; regulation: string }[],
) {
  for (const v of versions) say(`  Aturan: ${v.regulation} (berlaku sejak ${v.effectiveFrom})`);
}

/** `payung calc bpu|jakon|benefit`: the calculators, with their worked breakdown. */
export async function calcCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const say = lineWriter(io.stdout);
  const common = {
    date: { type: 'string' },
    json: { type: 'boolean', default: false },
    as: { type: 'string' },
  } as const;
  if (sub === 'bpu') {
    const { values: v } = parse(rest, {
      ...common,
      income: { type: 'string' },
      programs: { type: 'string' },
      occupation: { type: 'string' },
      funding: { type: 'string' },
    });
    if (v.income === undefined) throw new UsageError('--income wajib diisi (penghasilan sebulan, rupiah)');
    await using app = await openApp(io);
    const ctx = await cliContext(app, v.as);
    const r: BpuCalc = await calculate(() =>
      app.rates.calcBpu(
        ctx,
        defined({
          income: v.income,
          programs: v.programs,
          date: v.date,
          occupation: v.occupation,
          funding: v.funding,
        }),
      ),
    );
    if (v.json) {
      say(JSON.stringify(r));
      return 0;
    }
    say(`Iuran BPU bulan ${r.month}: ${rupiah(r.monthly.total)} sebulan`);
    printSteps(say, r.steps);
    printVersions(say, r.versions);
    return 0;
  }
  if (sub === 'jakon') {
    const { values: v } = parse(rest, { ...common, 'contract-value': { type: 'string' } });
    if (v['contract-value'] === undefined)
      throw new UsageError('--contract-value wajib diisi (nilai kontrak, rupiah)');
    await using app = await openApp(io);
    const ctx = await cliContext(app, v.as);
    const r: JakonCalc = await calculate(() =>
      app.rates.calcJakon(ctx, defined({ contractValue: v['contract-value'], date: v.date })),
    );
    if (v.json) {
      say(JSON.stringify(r));
      return 0;
    }
    say(`Iuran proyek jasa konstruksi, nilai kontrak ${rupiah(r.contractValue)}: ${rupiah(r.total)}`);
    printSteps(say, r.steps);
    printVersions(say, r.versions);
    return 0;
  }
  if (sub === 'benefit') {
    const { values: v } = parse(rest, {
      ...common,
      type: { type: 'string' },
      base: { type: 'string' },
      'months-member': { type: 'string' },
      'months-off': { type: 'string' },
    });
    if (v.type === undefined)
      throw new UsageError('--type wajib diisi (jkm_death, jkk_death, jkk_total_disability, stmb)');
    await using app = await openApp(io);
    const ctx = await cliContext(app, v.as);
    const r: BenefitCalc = await calculate(() =>
      app.rates.calcBenefit(
        ctx,
        defined({
          type: v.type,
          base: v.base,
          monthsMember: v['months-member'],
          monthsOff: v['months-off'],
          date: v.date,
        }),
      ),
    );
    if (v.json) {
      say(JSON.stringify(r));
      return 0;
    }
    say(`Manfaat ${BENEFIT_TYPE_LABELS[r.type].id}: ${rupiah(r.total)}`);
    printSteps(say, r.steps);
    printVersions(say, r.versions);
    return 0;
  }
  throw new UsageError(HELP);
}
