import { z } from 'zod';
import type { AuditLabel } from './common.js';
import { Month } from './programmes.js';
import type { SponsorKind } from './sponsors.js';
import { Occupation } from './workers.js';

/**
 * Regulation rate tables kept as versioned data (DESIGN §4.1–§4.3, decision 0027): each version has the
 * date it takes effect from, the regulation it comes from and who entered it. A version is never changed:
 * a correction is a new version. These are the shapes of each kind's `rules`, shared by the server, the
 * web app's form and the tests.
 */
export const RATE_KINDS = ['bpu', 'bpu_discount', 'jakon', 'benefit'] as const;
export const RateKind = z.enum(RATE_KINDS);
export type RateKind = z.infer<typeof RateKind>;

export const RATE_KIND_LABELS: Record<RateKind, { id: string; en: string }> = {
  bpu: { id: 'Iuran BPU dan tabel golongan penghasilan', en: 'BPU contributions and income brackets' },
  bpu_discount: { id: 'Potongan iuran BPU', en: 'BPU contribution discounts' },
  jakon: { id: 'Iuran Jasa Konstruksi (per tahap nilai kontrak)', en: 'Construction projects (tiers)' },
  benefit: { id: 'Manfaat JKK dan JKM', en: 'JKK and JKM benefits' },
};

/** Kinds whose versions take effect on the first day of a month (contributions are monthly). */
export const MONTHLY_RATE_KINDS: readonly RateKind[] = ['bpu', 'bpu_discount'];

/** A real calendar date, `YYYY-MM-DD` (2026-02-30 is refused). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat YYYY-MM-DD, misalnya 2026-01-31')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Tanggal tidak ada di kalender');
export type CalendarDate = z.infer<typeof CalendarDate>;

/** Largest amounts the calculators take, so every product stays an exact integer in a JavaScript number. */
export const MAX_INCOME = 1_000_000_000_000;
export const MAX_CONTRACT_VALUE = 100_000_000_000_000;

const Rupiah = z.number().int('Rupiah tanpa sen (bilangan bulat)').min(0, 'Tidak boleh negatif');
/** Basis points: 100 = 1%, 1 = 0,01%. At most 10%. */
const BasisPoints = z.number().int('Basis poin bilangan bulat (100 = 1%)').min(0).max(1000);

/** Who pays a BPU contribution; PP 50/2025's discount is not for the state budget (APBN/APBD). */
export const FUNDING_SOURCES = ['apbn', 'apbd', 'csr', 'zakat', 'self'] as const;
export const Funding = z.enum(FUNDING_SOURCES);
export type Funding = z.infer<typeof Funding>;

export const FUNDING_LABELS: Record<Funding, { id: string; en: string }> = {
  apbn: { id: 'APBN (termasuk Dana Desa)', en: 'State budget (APBN, incl. village fund)' },
  apbd: { id: 'APBD', en: 'Regional budget (APBD)' },
  csr: { id: 'CSR', en: 'CSR' },
  zakat: { id: 'Zakat', en: 'Zakat' },
  self: { id: 'Mandiri (dibayar sendiri)', en: 'Self-paying' },
};

/** Where a sponsor's money comes from (the village fund is an APBN transfer). */
export function fundingOf(kind: SponsorKind): Funding {
  switch (kind) {
    case 'apbd_province':
    case 'apbd_regency':
      return 'apbd';
    case 'village_fund':
      return 'apbn';
    case 'csr_bumn':
    case 'csr_bumd':
    case 'csr_private':
      return 'csr';
    case 'zakat':
      return 'zakat';
    case 'self':
      return 'self';
  }
}

/**
 * BPU contributions (DESIGN §4.1): JKK and JHT as basis points of the bracket base, JKM flat. A declared
 * income maps to the base of the last bracket whose `from` it reaches.
 */
export const BpuRules = z
  .object({
    jkkBasisPoints: BasisPoints,
    jkmMonthly: Rupiah.max(10_000_000),
    jhtBasisPoints: BasisPoints,
    brackets: z
      .array(z.object({ from: Rupiah.max(MAX_INCOME), base: Rupiah.min(1).max(MAX_INCOME) }))
      .min(1, 'Isi minimal satu golongan')
      .max(200),
  })
  .superRefine((r, ctx) => {
    if (r.brackets[0] && r.brackets[0].from !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['brackets', 0, 'from'],
        message: 'Golongan pertama harus mulai dari Rp 0',
      });
    r.brackets.forEach((b, i) => {
      const prev = r.brackets[i - 1];
      if (prev && b.from <= prev.from)
        ctx.addIssue({
          code: 'custom',
          path: ['brackets', i, 'from'],
          message: `Golongan ${i + 1} harus mulai setelah golongan ${i} (urut naik)`,
        });
      if (prev && b.base <= prev.base)
        ctx.addIssue({
          code: 'custom',
          path: ['brackets', i, 'base'],
          message: `Dasar iuran golongan ${i + 1} harus lebih besar dari golongan ${i}`,
        });
    });
  });
export type BpuRules = z.infer<typeof BpuRules>;

/** A temporary discount on some BPU programmes (PP 50/2025), for some occupations, over a window of months. */
export const BpuDiscount = z
  .object({
    label: z.string().trim().min(3).max(200),
    firstMonth: Month,
    lastMonth: Month,
    percentOff: z.number().int().min(1).max(100),
    /** The programmes it is taken off (JKK and/or JKM; never JHT, the participant's own savings). */
    appliesTo: z.array(z.enum(['jkk', 'jkm'])).min(1),
    occupations: z.array(Occupation).min(1, 'Sebut minimal satu pekerjaan'),
    /** Not when the contribution is paid from these (PP 50/2025: APBN and APBD). */
    excludedFunding: z.array(Funding),
  })
  .refine((d) => d.firstMonth <= d.lastMonth, {
    path: ['lastMonth'],
    message: 'Bulan terakhir tidak boleh sebelum bulan pertama',
  });
export type BpuDiscount = z.infer<typeof BpuDiscount>;

export const BpuDiscountRules = z.object({ discounts: z.array(BpuDiscount).max(20) });
export type BpuDiscountRules = z.infer<typeof BpuDiscountRules>;

/** Construction projects (DESIGN §4.2): marginal tiers of the contract value; the last has no upper end. */
export const JakonRules = z
  .object({
    tiers: z
      .array(
        z.object({
          upTo: Rupiah.min(1).max(MAX_CONTRACT_VALUE).nullable(),
          jkkBasisPoints: BasisPoints,
          jkmBasisPoints: BasisPoints,
        }),
      )
      .min(1)
      .max(50),
  })
  .superRefine((r, ctx) => {
    r.tiers.forEach((t, i) => {
      const last = i === r.tiers.length - 1;
      if (last !== (t.upTo === null))
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'upTo'],
          message: last ? 'Tahap terakhir tidak punya batas atas (null)' : 'Isi batas atas tahap ini',
        });
      const prev = r.tiers[i - 1];
      if (prev?.upTo != null && t.upTo !== null && t.upTo <= prev.upTo)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'upTo'],
          message: `Batas atas tahap ${i + 1} harus lebih besar dari tahap ${i}`,
        });
    });
  });
export type JakonRules = z.infer<typeof JakonRules>;

const Percent = z.number().int().min(0).max(100);
/** Benefits (DESIGN §4.3, PP 82/2019): percentages × months of the base, flat amounts in rupiah. */
export const BenefitRules = z.object({
  jkmDeath: z.object({ lumpSum: Rupiah, funeral: Rupiah, periodic: Rupiah }),
  /** A BPU participant who dies within this many months of joining gets the funeral cost only. */
  jkmEarlyDeath: z.object({ withinMonths: z.number().int().min(0).max(120), funeral: Rupiah }),
  /** Lump sum percent × months × base, never less than the whole JKM death benefit. */
  jkkDeath: z.object({
    percent: Percent,
    months: z.number().int().min(0).max(240),
    funeral: Rupiah,
    periodic: Rupiah,
  }),
  jkkTotalDisability: z.object({ percent: Percent, months: z.number().int().min(0).max(240) }),
  /** Temporary incapacity: percent of the base a month, first `firstMonths` months, then `laterPercent`. */
  stmb: z.object({
    firstMonths: z.number().int().min(0).max(120),
    firstPercent: Percent,
    laterPercent: Percent,
  }),
  scholarship: z.object({
    maxChildren: z.number().int().min(0).max(10),
    max: Rupiah,
    /** Months of contributions a death not from a work accident needs (none for JKK death or disability). */
    minMonthsOtherDeath: z.number().int().min(0).max(600),
  }),
});
export type BenefitRules = z.infer<typeof BenefitRules>;

export type RulesOf = {
  bpu: BpuRules;
  bpu_discount: BpuDiscountRules;
  jakon: JakonRules;
  benefit: BenefitRules;
};
export const RULES_SCHEMAS = {
  bpu: BpuRules,
  bpu_discount: BpuDiscountRules,
  jakon: JakonRules,
  benefit: BenefitRules,
} as const;

const versionFields = {
  effectiveFrom: CalendarDate,
  regulation: z
    .string()
    .trim()
    .min(3, 'Sebut peraturan sumbernya (misalnya PP 82/2019)')
    .max(500, 'Paling banyak 500 huruf'),
  note: z.string().trim().max(1000).nullable().optional(),
};

/** A new version of one table; `rules` in the shape of its kind. */
export const RateVersionCreate = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bpu'), ...versionFields, rules: BpuRules }),
  z.object({ kind: z.literal('bpu_discount'), ...versionFields, rules: BpuDiscountRules }),
  z.object({ kind: z.literal('jakon'), ...versionFields, rules: JakonRules }),
  z.object({ kind: z.literal('benefit'), ...versionFields, rules: BenefitRules }),
]);
export type RateVersionCreate = z.infer<typeof RateVersionCreate>;

/**
 * in_force: the one used for today; scheduled: takes effect later; past: was in force, a later one took
 * over; superseded: replaced by a later entry with the same date before it ever took effect.
 */
export const RATE_VERSION_STATUSES = ['in_force', 'scheduled', 'past', 'superseded'] as const;

export const RateVersion = z.object({
  id: z.string(),
  kind: RateKind,
  kindLabel: z.string(),
  effectiveFrom: z.string(),
  regulation: z.string(),
  note: z.string().nullable(),
  rules: z.record(z.string(), z.unknown()),
  enteredBy: z.string(),
  enteredAt: z.string(),
  status: z.enum(RATE_VERSION_STATUSES),
});
export type RateVersion = z.infer<typeof RateVersion>;

export const RateVersionQuery = z.object({ kind: RateKind.optional() });
export const RateVersionList = z.object({ items: z.array(RateVersion), today: z.string() });

/** Which version a calculation used. */
export const VersionRef = z.object({
  id: z.string(),
  kind: RateKind,
  effectiveFrom: z.string(),
  regulation: z.string(),
});
export type VersionRef = z.infer<typeof VersionRef>;

/** One line of a worked breakdown: what was done, in Bahasa Indonesia, and the amount it gave. */
export const CalcStep = z.object({ key: z.string(), text: z.string(), amount: z.number().int().nullable() });
export type CalcStep = z.infer<typeof CalcStep>;

const integerText = (name: string) =>
  z.union([z.number(), z.string().trim()]).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : v === '' ? Number.NaN : Number(v);
    if (!Number.isInteger(n)) {
      ctx.addIssue({ code: 'custom', message: `${name} harus bilangan bulat rupiah, tanpa titik atau koma` });
      return z.NEVER;
    }
    return n;
  });

export const BPU_PROGRAMS = ['jkk', 'jkm', 'jht'] as const;
export const BpuProgram = z.enum(BPU_PROGRAMS);

/** `payung calc bpu` and GET /calc/bpu. */
export const BpuCalcInput = z.object({
  income: integerText('Penghasilan').pipe(
    z.number().min(0, 'Penghasilan tidak boleh negatif').max(MAX_INCOME, 'Penghasilan terlalu besar'),
  ),
  /** Comma-separated or a list; JKK and JKM are compulsory for BPU, JHT optional. */
  programs: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v, ctx) => {
      const list = (Array.isArray(v) ? v : (v ?? 'jkk,jkm').split(','))
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      const unknown = list.filter((p) => !(BPU_PROGRAMS as readonly string[]).includes(p));
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `Program tidak dikenal: ${unknown.join(', ')} (pilih dari jkk, jkm, jht)`,
        });
        return z.NEVER;
      }
      if (!list.includes('jkk') || !list.includes('jkm')) {
        ctx.addIssue({ code: 'custom', message: 'JKK dan JKM wajib bagi peserta BPU; JHT boleh ditambah' });
        return z.NEVER;
      }
      return BPU_PROGRAMS.filter((p) => list.includes(p));
    }),
  date: CalendarDate.optional(),
  occupation: Occupation.optional(),
  funding: Funding.default('self'),
});
export type BpuCalcInput = z.input<typeof BpuCalcInput>;

export const BpuCalc = z.object({
  date: z.string(),
  month: z.string(),
  income: z.number().int(),
  bracket: z.object({
    number: z.number().int(),
    from: z.number().int(),
    to: z.number().int().nullable(),
    base: z.number().int(),
  }),
  base: z.number().int(),
  programs: z.array(BpuProgram),
  occupation: Occupation.nullable(),
  funding: Funding,
  monthly: z.object({
    jkk: z.number().int(),
    jkm: z.number().int(),
    jht: z.number().int(),
    total: z.number().int(),
  }),
  /** Rupiah taken off a month (0 without a discount). */
  discount: z.number().int(),
  discountRule: z
    .object({ label: z.string(), percentOff: z.number().int(), applied: z.boolean(), reason: z.string() })
    .nullable(),
  versions: z.array(VersionRef),
  steps: z.array(CalcStep),
});
export type BpuCalc = z.infer<typeof BpuCalc>;

export const JakonCalcInput = z.object({
  contractValue: integerText('Nilai kontrak').pipe(
    z
      .number()
      .min(0, 'Nilai kontrak tidak boleh negatif')
      .max(MAX_CONTRACT_VALUE, 'Nilai kontrak terlalu besar'),
  ),
  date: CalendarDate.optional(),
});
export type JakonCalcInput = z.input<typeof JakonCalcInput>;

export const JakonTierLine = z.object({
  from: z.number().int(),
  to: z.number().int().nullable(),
  part: z.number().int(),
  jkkBasisPoints: z.number().int(),
  jkmBasisPoints: z.number().int(),
  jkk: z.number().int(),
  jkm: z.number().int(),
  total: z.number().int(),
});
export const JakonCalc = z.object({
  date: z.string(),
  contractValue: z.number().int(),
  jkk: z.number().int(),
  jkm: z.number().int(),
  total: z.number().int(),
  tiers: z.array(JakonTierLine),
  versions: z.array(VersionRef),
  steps: z.array(CalcStep),
});
export type JakonCalc = z.infer<typeof JakonCalc>;

export const BENEFIT_TYPES = ['jkm_death', 'jkk_death', 'jkk_total_disability', 'stmb'] as const;
export const BenefitType = z.enum(BENEFIT_TYPES, {
  message: 'Jenis manfaat tidak dikenal: pilih jkm_death, jkk_death, jkk_total_disability atau stmb',
});
export type BenefitType = z.infer<typeof BenefitType>;

export const BENEFIT_TYPE_LABELS: Record<BenefitType, { id: string; en: string }> = {
  jkm_death: { id: 'Meninggal bukan karena kecelakaan kerja (JKM)', en: 'Death, not work-related (JKM)' },
  jkk_death: { id: 'Meninggal karena kecelakaan kerja (JKK)', en: 'Death from a work accident (JKK)' },
  jkk_total_disability: { id: 'Cacat total tetap (JKK)', en: 'Total permanent disability (JKK)' },
  stmb: { id: 'Sementara tidak mampu bekerja (STMB)', en: 'Temporary incapacity (STMB)' },
};

const months = (name: string) =>
  integerText(name).pipe(z.number().min(0, `${name} tidak boleh negatif`).max(1200, `${name} terlalu besar`));

export const BenefitCalcInput = z
  .object({
    type: BenefitType,
    /** The income base (upah/dasar iuran); not needed for the JKM death benefit, which is flat. */
    base: integerText('Dasar')
      .pipe(z.number().min(0, 'Dasar tidak boleh negatif').max(MAX_INCOME, 'Dasar terlalu besar'))
      .optional(),
    /** Months of membership (JKM: funeral only within the first months; scholarship after some years). */
    monthsMember: months('Lama kepesertaan (bulan)').optional(),
    /** STMB: months unable to work (default 1). */
    monthsOff: months('Lama tidak mampu bekerja (bulan)').optional(),
    date: CalendarDate.optional(),
  })
  .refine((b) => b.type === 'jkm_death' || b.base !== undefined, {
    path: ['base'],
    message: 'Dasar (upah yang dilaporkan) wajib untuk manfaat JKK dan STMB',
  });
export type BenefitCalcInput = z.input<typeof BenefitCalcInput>;

export const BenefitCalc = z.object({
  date: z.string(),
  type: BenefitType,
  base: z.number().int(),
  monthsMember: z.number().int().nullable(),
  total: z.number().int(),
  components: z.record(z.string(), z.number().int()),
  scholarship: z
    .object({ eligible: z.boolean().nullable(), maxChildren: z.number().int(), max: z.number().int() })
    .nullable(),
  versions: z.array(VersionRef),
  steps: z.array(CalcStep),
});
export type BenefitCalc = z.infer<typeof BenefitCalc>;

/** The permissions module rates owns. */
export const RATE_PERMISSIONS = ['rate.read', 'rate.manage'] as const;
declare module './roles.js' {
  interface PermissionRegistry extends Record<(typeof RATE_PERMISSIONS)[number], true> {}
}

export const RATE_AUDIT_LABELS = {
  'rate.version.add': { id: 'Versi tarif/aturan ditambahkan', en: 'Rate version added' },
} as const satisfies Record<string, AuditLabel>;
