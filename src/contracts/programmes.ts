import { z } from 'zod';
import { type AuditLabel, Uuid } from './common.js';
import { RegionCode } from './regions.js';
import { SponsorKind } from './sponsors.js';
import { Occupation } from './workers.js';

/** A calendar month, `YYYY-MM` (stored as its first day). */
export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Bulan harus berformat YYYY-MM, misalnya 2026-01');
export type Month = z.infer<typeof Month>;

export const PROGRAMME_STATUSES = ['draft', 'open', 'closed'] as const;
export const ProgrammeStatus = z.enum(PROGRAMME_STATUSES);
export type ProgrammeStatus = z.infer<typeof ProgrammeStatus>;

/**
 * Whom a programme may cover, from the worker's facts (edited by an administrator without code). Every
 * rule can be explained for one worker (passed or not, and why). Besides these, a worker is never
 * eligible for months another programme already covers.
 */
export const EligibilityRules = z.object({
  /** Age in whole years on the first day of the programme's first month. */
  ageMin: z.number().int().min(0).max(120).default(15),
  ageMax: z.number().int().min(0).max(120).default(65),
  /** Only these occupations; null: any. */
  occupations: z.array(Occupation).min(1).nullable().default(null),
  /** Domicile within one of these regions (any level); null: anywhere the programme covers. */
  regionCodes: z.array(RegionCode).min(1).nullable().default(null),
  /** Declared income at most this (rupiah); null: no ceiling. A worker with no declared income passes. */
  incomeCeiling: z.number().int().min(0).nullable().default(null),
  requireWelfareRegister: z.boolean().default(false),
  requireDisability: z.boolean().default(false),
  requireConsent: z.boolean().default(true),
  requireActive: z.boolean().default(true),
});
export type EligibilityRules = z.infer<typeof EligibilityRules>;

/**
 * The vulnerability score's weights, in whole points. A worker's score is the sum over factors of
 * weight × factor, each factor between 0 and 1 (see src/domain/priority.ts for the formula, shown on
 * screen beside every ranking).
 */
export const PriorityWeights = z.object({
  welfareRegister: z.number().int().min(0).max(1000).default(40),
  disability: z.number().int().min(0).max(1000).default(25),
  femaleHeadOfHousehold: z.number().int().min(0).max(1000).default(20),
  /** × how old within the age bracket (the oldest eligible get it all). */
  age: z.number().int().min(0).max(1000).default(10),
  /** × how far the declared income is below the income reference. */
  income: z.number().int().min(0).max(1000).default(15),
  /** × 1 for the priority occupations below. */
  occupation: z.number().int().min(0).max(1000).default(10),
  priorityOccupations: z.array(Occupation).default([]),
});
export type PriorityWeights = z.infer<typeof PriorityWeights>;

/** A regency/city's share: at most `maxWorkers` workers, or at most `budgetPercent` % of the budget. */
export const Quota = z
  .object({
    regionCode: RegionCode,
    maxWorkers: z.number().int().min(0).optional(),
    budgetPercent: z.number().min(0).max(100).optional(),
  })
  .refine((q) => (q.maxWorkers === undefined) !== (q.budgetPercent === undefined), {
    message: 'Isi salah satu: jumlah pekerja (maxWorkers) atau persen anggaran (budgetPercent).',
  });
export type Quota = z.infer<typeof Quota>;

/** The permissions module programmes owns. */
export const PROGRAMME_PERMISSIONS = ['programme.read', 'programme.manage'] as const;
declare module './roles.js' {
  interface PermissionRegistry extends Record<(typeof PROGRAMME_PERMISSIONS)[number], true> {}
}

export const PROGRAMME_AUDIT_LABELS = {
  'programme.create': { id: 'Program Perlindungan dibuat', en: 'Programme created' },
  'programme.update': { id: 'Program Perlindungan diubah', en: 'Programme changed' },
  'programme.open': { id: 'Program Perlindungan dibuka', en: 'Programme opened' },
  'programme.close': { id: 'Program Perlindungan ditutup', en: 'Programme closed' },
} as const satisfies Record<string, AuditLabel>;

export const PROGRAMME_STATUS_LABELS: Record<ProgrammeStatus, { id: string; en: string }> = {
  draft: { id: 'Draf', en: 'Draft' },
  open: { id: 'Dibuka', en: 'Open' },
  closed: { id: 'Ditutup', en: 'Closed' },
};

/**
 * What may change in which status. A draft: everything but the sponsor. An open programme: its name,
 * budget, eligibility, priority weights and quotas (a roster keeps the settings it was made with); not
 * its period, region, package or income base, which priced the enrolments already made. A closed
 * programme: nothing.
 */
export const EDITABLE_WHEN_OPEN = ['name', 'budget', 'eligibility', 'priorityWeights', 'quotas'] as const;

/** The lowest income base (DESIGN §4.1): Rp 1.000.000. */
export const DEFAULT_INCOME_BASE = 1_000_000;
/** Rupiah amounts are whole numbers below 10^15 (a quadrillion rupiah: more than any budget). */
const Rupiah = z
  .number()
  .int('Rupiah tanpa sen (bilangan bulat)')
  .min(0, 'Tidak boleh negatif')
  .max(999_999_999_999_999);

const programmeFields = {
  name: z.string().trim().min(3, 'Nama minimal 3 huruf').max(200),
  /** Narrower than the sponsor allows (a regency, a district); omit for the widest the sponsor allows. */
  regionCode: RegionCode,
  periodStart: Month,
  periodEnd: Month,
  budget: Rupiah,
  includeJht: z.boolean(),
  incomeBase: Rupiah.min(1, 'Dasar iuran harus lebih dari 0'),
  eligibility: EligibilityRules,
  priorityWeights: PriorityWeights,
  quotas: z.array(Quota).max(600),
};

export const ProgrammeCreate = z.object({
  sponsorId: Uuid,
  ...programmeFields,
  regionCode: programmeFields.regionCode.optional(),
  includeJht: programmeFields.includeJht.default(false),
  incomeBase: programmeFields.incomeBase.default(DEFAULT_INCOME_BASE),
  eligibility: programmeFields.eligibility.default(EligibilityRules.parse({})),
  priorityWeights: programmeFields.priorityWeights.default(PriorityWeights.parse({})),
  quotas: programmeFields.quotas.default([]),
});
export type ProgrammeCreate = z.input<typeof ProgrammeCreate>;

export const ProgrammeUpdate = z.object({
  name: programmeFields.name.optional(),
  regionCode: programmeFields.regionCode.optional(),
  periodStart: Month.optional(),
  periodEnd: Month.optional(),
  budget: Rupiah.optional(),
  includeJht: z.boolean().optional(),
  incomeBase: programmeFields.incomeBase.optional(),
  eligibility: EligibilityRules.optional(),
  priorityWeights: PriorityWeights.optional(),
  quotas: programmeFields.quotas.optional(),
  /** The version the editor read; a change made meanwhile by someone else is refused (409). */
  version: z.number().int().min(1).optional(),
});
export type ProgrammeUpdate = z.input<typeof ProgrammeUpdate>;

export const Programme = z.object({
  id: z.string(),
  sponsorId: z.string(),
  sponsorName: z.string(),
  sponsorKind: SponsorKind,
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  periodStart: Month,
  periodEnd: Month,
  /** How many months the period has, both ends counted. */
  months: z.number().int(),
  budget: z.number().int(),
  includeJht: z.boolean(),
  incomeBase: z.number().int(),
  eligibility: EligibilityRules,
  priorityWeights: PriorityWeights,
  quotas: z.array(Quota),
  status: ProgrammeStatus,
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof Programme>;

/** A programme in a list, with the money its enrolments hold. */
export const ProgrammeListItem = Programme.extend({
  committed: z.number().int(),
  remaining: z.number().int(),
});
export type ProgrammeListItem = z.infer<typeof ProgrammeListItem>;

export const ProgrammeQuery = z.object({
  status: ProgrammeStatus.optional(),
  sponsorId: Uuid.optional(),
});
export type ProgrammeQuery = z.input<typeof ProgrammeQuery>;

export const ProgrammeList = z.object({ items: z.array(ProgrammeListItem) });

const SummaryRow = z.object({ workers: z.number().int(), cost: z.number().int() });

/** Budget against what the programme's enrolments hold (proposed, submitted, active, ended). */
export const ProgrammeSummary = z.object({
  programmeId: z.string(),
  budget: z.number().int(),
  committed: z.number().int(),
  remaining: z.number().int(),
  workers: z.number().int(),
  byRegency: z.array(SummaryRow.extend({ regionCode: z.string(), name: z.string() })),
  byOccupation: z.array(SummaryRow.extend({ occupation: z.string(), label: z.string() })),
});
export type ProgrammeSummary = z.infer<typeof ProgrammeSummary>;
