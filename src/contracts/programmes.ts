import { z } from 'zod';
import { RegionCode } from './regions.js';
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
