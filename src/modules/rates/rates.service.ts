import type { z } from 'zod';
import {
  type BenefitCalc,
  BenefitCalcInput,
  type BpuCalc,
  BpuCalcInput,
  type JakonCalc,
  JakonCalcInput,
  MONTHLY_RATE_KINDS,
  RATE_KIND_LABELS,
  type RateKind,
  type RateVersion,
  RateVersionCreate,
  RULES_SCHEMAS,
} from '../../contracts/rates.js';
import { benefitOf } from '../../domain/benefits.js';
import {
  type AnyRateVersion,
  bpuMonth,
  bracketOf,
  jakonContribution,
  type RateBook,
  type RateVersionOf,
  refOf,
  rupiah,
  versionStatus,
} from '../../domain/rates.js';
import { zonedFields, zoneOfProvince } from '../../domain/timezone.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { authorize } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { createRatesRepo, type RateVersionRow } from './rates.repo.js';

const invalid = (path: (string | number)[], code: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { issues: [{ path, code, message }] });

/** The same check the API's schema makes, for callers that are not the API (the CLI). */
function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
  const first = issues[0]!;
  const where = first.path.length ? ` (${first.path.join('.')})` : '';
  throw new AppError('VALIDATION_FAILED', `Permintaan tidak valid${where}: ${first.message}`, { issues });
}

/** A stored row as the domain reads it; its rules checked against its kind's shape. */
function versionOf(row: RateVersionRow): AnyRateVersion {
  const rules = RULES_SCHEMAS[row.kind].safeParse(row.rules);
  if (!rules.success) throw new Error(`rate version ${row.id} does not match the ${row.kind} shape`);
  return {
    id: row.id,
    kind: row.kind,
    effectiveFrom: row.effective_from,
    regulation: row.regulation,
    enteredAt: row.entered_at.toISOString(),
    rules: rules.data,
  } as AnyRateVersion;
}

function present(row: RateVersionRow, status: RateVersion['status']): RateVersion {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: RATE_KIND_LABELS[row.kind].id,
    effectiveFrom: row.effective_from,
    regulation: row.regulation,
    note: row.note,
    rules: row.rules,
    enteredBy: row.entered_by_label,
    enteredAt: row.entered_at.toISOString(),
    status,
  };
}

/**
 * Rate tables as versioned data (decision 0027) and the calculators over them. A version is only ever
 * added, with a date after today: what was in force on any day up to today never changes.
 */
export function createRateService(deps: { db: Database; provinceCode: string }) {
  const { db } = deps;
  const zone = zoneOfProvince(deps.provinceCode);
  const repoFor = (ctx: ServiceContext) => createRatesRepo(dbFor(db, ctx));

  /** Today's date where the deployment is (YYYY-MM-DD). */
  const todayOf = (ctx: ServiceContext) => {
    const f = zonedFields(ctx.now, zone.id);
    return `${f.year}-${f.month}-${f.day}`;
  };

  async function inForce<K extends RateKind>(
    ctx: ServiceContext,
    kind: K,
    date: string,
    required: boolean,
  ): Promise<RateVersionOf<K> | null> {
    const row = await repoFor(ctx).inForce(kind, date);
    if (!row && required)
      throw new AppError(
        'RATE_NOT_IN_FORCE',
        `Belum ada ${RATE_KIND_LABELS[kind].id} yang berlaku pada ${date}. Pilih tanggal lain atau tambahkan versinya.`,
        { kind, date },
      );
    return row ? (versionOf(row) as RateVersionOf<K>) : null;
  }

  return {
    /** Every version of every table, for calculations over several months (allocation's period costs). */
    async book(ctx: ServiceContext): Promise<RateBook> {
      return (await repoFor(ctx).all()).map(versionOf);
    },

    async list(ctx: ServiceContext, query: { kind?: RateKind | undefined } = {}) {
      authorize(ctx.actor, 'rate.read');
      const rows = await repoFor(ctx).all(query.kind);
      const today = todayOf(ctx);
      const book = rows.map(versionOf);
      return {
        items: rows.map((r, i) => present(r, versionStatus(book, book[i]!, today))),
        today,
      };
    },

    async get(ctx: ServiceContext, id: string): Promise<RateVersion> {
      authorize(ctx.actor, 'rate.read');
      const row = await repoFor(ctx).findById(id);
      if (!row) throw new AppError('RATE_VERSION_NOT_FOUND', 'Versi tarif tidak ditemukan.');
      const book = (await repoFor(ctx).all(row.kind)).map(versionOf);
      return present(row, versionStatus(book, versionOf(row), todayOf(ctx)));
    },

    /**
     * Adds a version taking effect after today (so no calculation already made for a day up to today can
     * change); monthly tables from a month's first day. A version not yet in force is corrected by adding
     * another with the same date: the later entry wins.
     */
    async add(ctx: ServiceContext, input: unknown): Promise<RateVersion> {
      authorize(ctx.actor, 'rate.manage');
      const v = parsed(RateVersionCreate, input);
      const today = todayOf(ctx);
      if (v.effectiveFrom <= today)
        throw invalid(
          ['effectiveFrom'],
          'RATE_NOT_FUTURE',
          `Versi baru harus berlaku setelah hari ini (${today}): versi yang sudah berlaku tidak diubah. Pilih tanggal mulai berlaku besok atau sesudahnya.`,
        );
      if (MONTHLY_RATE_KINDS.includes(v.kind) && !v.effectiveFrom.endsWith('-01'))
        throw invalid(
          ['effectiveFrom'],
          'RATE_NOT_MONTH_START',
          'Iuran dihitung per bulan: versi ini harus berlaku mulai tanggal 1 suatu bulan.',
        );
      return inTransaction(db, ctx, async (tx) => {
        const row = await createRatesRepo(tx.tx).insert({
          kind: v.kind,
          effectiveFrom: v.effectiveFrom,
          regulation: v.regulation,
          note: v.note ?? null,
          rules: v.rules,
          enteredBy: ctx.actor.id,
          enteredByLabel: ctx.actor.label,
          enteredAt: ctx.now,
        });
        await recordAudit(db, tx, {
          action: 'rate.version.add',
          entityType: 'rate_version',
          entityId: row.id,
          after: {
            kind: row.kind,
            effectiveFrom: row.effective_from,
            regulation: row.regulation,
            rules: row.rules,
          },
        });
        return present(row, 'scheduled');
      });
    },

    /** A BPU participant's monthly contribution for a declared income on a date, worked step by step. */
    async calcBpu(ctx: ServiceContext, input: unknown): Promise<BpuCalc> {
      authorize(ctx.actor, 'rate.read');
      const q = parsed(BpuCalcInput, input);
      const date = q.date ?? todayOf(ctx);
      const month = date.slice(0, 7);
      // Contributions are monthly: the versions in force on the month's first day.
      const rates = (await inForce(ctx, 'bpu', `${month}-01`, true))!;
      const discounts = await inForce(ctx, 'bpu_discount', `${month}-01`, false);
      const bracket = bracketOf(rates.rules, q.income);
      const m = bpuMonth(rates, discounts, {
        base: bracket.base,
        includeJht: q.programs.includes('jht'),
        month,
        occupation: q.occupation ?? null,
        funding: q.funding,
      });
      const range =
        bracket.to === null
          ? `${rupiah(bracket.from)} ke atas`
          : `${rupiah(bracket.from)}–${rupiah(bracket.to)}`;
      return {
        date,
        month,
        income: q.income,
        bracket,
        base: bracket.base,
        programs: q.programs,
        occupation: q.occupation ?? null,
        funding: q.funding,
        monthly: { jkk: m.jkk, jkm: m.jkm, jht: m.jht, total: m.total },
        discount: m.discount,
        discountRule: m.discountRule,
        versions: m.versions.map(refOf),
        steps: [
          {
            key: 'bracket',
            text: `Penghasilan ${rupiah(q.income)} masuk golongan ${bracket.number} (${range}); dasar iuran golongan ini`,
            amount: bracket.base,
          },
          ...m.steps,
        ],
      };
    },

    /** A construction project's JKK and JKM from its contract value, tier by tier. */
    async calcJakon(ctx: ServiceContext, input: unknown): Promise<JakonCalc> {
      authorize(ctx.actor, 'rate.read');
      const q = parsed(JakonCalcInput, input);
      const date = q.date ?? todayOf(ctx);
      const v = (await inForce(ctx, 'jakon', date, true))!;
      const r = jakonContribution(v.rules, q.contractValue);
      return { date, contractValue: q.contractValue, ...r, versions: [refOf(v)] };
    },

    /** A cash benefit (JKM death, JKK death, total disability, STMB) with its components. */
    async calcBenefit(ctx: ServiceContext, input: unknown): Promise<BenefitCalc> {
      authorize(ctx.actor, 'rate.read');
      const q = parsed(BenefitCalcInput, input);
      const date = q.date ?? todayOf(ctx);
      const v = (await inForce(ctx, 'benefit', date, true))!;
      const base = q.base ?? 0;
      const b = benefitOf(v.rules, {
        type: q.type,
        base,
        monthsMember: q.monthsMember ?? null,
        monthsOff: q.monthsOff ?? 1,
      });
      return {
        date,
        type: q.type,
        base,
        monthsMember: q.monthsMember ?? null,
        ...b,
        versions: [refOf(v)],
      };
    },
  };
}

export type RateService = ReturnType<typeof createRateService>;
