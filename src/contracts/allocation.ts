import { z } from 'zod';
import type { AuditLabel } from './common.js';

/**
 * Allocation: whom a programme covers (eligibility, priority, the greedy choice within budget and
 * quotas), simulations, and rosters approved by a second person (maker–checker).
 *
 * Permissions: `allocation.read` reads rosters, simulations, eligibility and scores of programmes in
 * the reader's regions; `allocation.readSponsored` only the overview and the rosters' summaries (budget,
 * counts, cost) of the programmes of the reader's own sponsors (a sponsor officer: no simulation over
 * the registry, no roster's workers with their scores, no worker's eligibility); `allocation.run` proposes a roster for a programme within the actor's
 * regions; `allocation.approve` approves or rejects one proposed by someone else.
 */
export const ALLOCATION_PERMISSIONS = [
  'allocation.read',
  'allocation.readSponsored',
  'allocation.run',
  'allocation.approve',
] as const;
declare module './roles.js' {
  interface PermissionRegistry extends Record<(typeof ALLOCATION_PERMISSIONS)[number], true> {}
}

export const ALLOCATION_AUDIT_LABELS = {
  'roster.propose': { id: 'Daftar peserta diusulkan', en: 'Roster proposed' },
  'roster.approve': { id: 'Daftar peserta disetujui', en: 'Roster approved' },
  'roster.reject': { id: 'Daftar peserta ditolak', en: 'Roster rejected' },
  'allocation.eligibility': { id: 'Kelayakan pekerja diperiksa', en: 'Worker eligibility checked' },
} as const satisfies Record<string, AuditLabel>;

export const LIMITED_BY = ['budget', 'quota', 'eligible'] as const;
export const LimitedBy = z.enum(LIMITED_BY);

export const Text2 = z.object({ id: z.string(), en: z.string() });

export const RegencyAllocation = z.object({
  regencyCode: z.string(),
  regencyName: z.string(),
  eligible: z.number().int(),
  selected: z.number().int(),
  cost: z.number().int(),
});
export type RegencyAllocation = z.infer<typeof RegencyAllocation>;

export const CostClass = z.object({
  occupations: z.array(z.string()),
  monthly: z.number().int(),
  total: z.number().int(),
});

/** One allocation's summary (a simulation's run, or a roster's result). */
export const AllocationSummary = z.object({
  budget: z.number().int(),
  eligible: z.number().int(),
  selected: z.number().int(),
  totalCost: z.number().int(),
  remaining: z.number().int(),
  limitedBy: LimitedBy,
  /** The period's cost of one worker without a discount (rupiah); costClasses lists every cost. */
  costPerWorker: z.number().int(),
  byRegency: z.array(RegencyAllocation),
});
export type AllocationSummary = z.infer<typeof AllocationSummary>;

export const ProgrammeBrief = z.object({
  id: z.string(),
  name: z.string(),
  sponsorId: z.string(),
  sponsorName: z.string(),
  sponsorKind: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  status: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  months: z.number().int(),
  budget: z.number().int(),
  /** Total cost of the enrolments holding months in this programme (proposed and later). */
  committed: z.number().int(),
  includeJht: z.boolean(),
  incomeBase: z.number().int(),
});

/** What the allocation page shows of a programme before anything is run. */
export const AllocationOverview = z.object({
  programme: ProgrammeBrief,
  formula: Text2,
  tieBreak: Text2,
  costClasses: z.array(CostClass),
  /** The roster waiting for approval, if any. */
  pendingRosterId: z.string().nullable(),
  /** Whether the caller may propose and approve here. */
  canRun: z.boolean(),
  canApprove: z.boolean(),
});

export const SimulationRequest = z.object({
  budgets: z
    .array(z.number().int().min(0).max(1e15))
    .min(1, 'Isi minimal satu anggaran')
    .max(12, 'Paling banyak 12 anggaran sekaligus'),
});

export const Simulation = z.object({
  programmeId: z.string(),
  eligible: z.number().int(),
  costClasses: z.array(CostClass),
  formula: Text2,
  runs: z.array(AllocationSummary),
});
export type Simulation = z.infer<typeof Simulation>;

export const ProposeRequest = z.object({
  /** Rupiah; defaults to the programme's budget less what its enrolments already commit. */
  budget: z.number().int().min(0).max(1e15).optional(),
});

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export const AllocationJob = z.object({
  jobId: z.string(),
  programmeId: z.string(),
  state: z.enum(JOB_STATES),
  progress: z
    .object({ phase: z.string(), ranked: z.number().int().optional(), eligible: z.number().int().optional() })
    .nullable(),
  rosterId: z.string().nullable(),
  error: z.string().nullable(),
});
export type AllocationJob = z.infer<typeof AllocationJob>;

export const ROSTER_STATUSES = ['proposed', 'approved', 'rejected'] as const;

export const Roster = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  regionCode: z.string(),
  status: z.enum(ROSTER_STATUSES),
  budget: z.number().int(),
  result: AllocationSummary,
  formula: Text2,
  proposedBy: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Whether the caller may approve or reject it, and if not, why (maker–checker). */
  canDecide: z.boolean(),
  cannotDecideReason: z.string().nullable(),
});
export type Roster = z.infer<typeof Roster>;

export const RosterListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(500).optional(),
});
export type RosterListQuery = z.infer<typeof RosterListQuery>;

/** A page of a programme's rosters, newest first; `nextCursor` is null on the last page. */
export const RosterList = z.object({
  items: z.array(Roster.omit({ formula: true })),
  nextCursor: z.string().nullable(),
});

export const FactorPoints = z.object({
  factor: z.string(),
  weight: z.number().int(),
  points: z.number().int(),
  message: z.string(),
  messageEn: z.string(),
});

export const RosterWorker = z.object({
  rank: z.number().int(),
  workerId: z.string(),
  fullName: z.string(),
  nik: z.string(),
  regencyCode: z.string(),
  regencyName: z.string(),
  occupation: z.string(),
  score: z.number().int(),
  monthlyCost: z.number().int(),
  totalCost: z.number().int(),
  status: z.string(),
  /** Why this score: points per factor. */
  factors: z.array(FactorPoints),
});

export const RosterWorkersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The last rank of the previous page. */
  after: z.coerce.number().int().min(0).default(0),
});

export const RosterWorkerPage = z.object({
  items: z.array(RosterWorker),
  total: z.number().int(),
  nextAfter: z.number().int().nullable(),
});

export const RosterDecision = z.object({
  note: z.string().trim().max(500).optional(),
});
export const RosterRejection = z.object({
  note: z.string().trim().min(5, 'Tuliskan alasan penolakan (minimal 5 huruf)').max(500),
});

export const RuleResult = z.object({
  rule: z.string(),
  passed: z.boolean(),
  message: z.string(),
  messageEn: z.string(),
});

export const WorkerEligibility = z.object({
  programmeId: z.string(),
  workerId: z.string(),
  fullName: z.string(),
  eligible: z.boolean(),
  rules: z.array(RuleResult),
  coveredBy: z.array(
    z.object({
      programmeId: z.string(),
      programmeName: z.string(),
      firstMonth: z.string(),
      lastMonth: z.string(),
      status: z.string(),
    }),
  ),
  score: z.number().int(),
  factors: z.array(FactorPoints),
  formula: Text2,
});
export type WorkerEligibility = z.infer<typeof WorkerEligibility>;

export const EligibilityParams = z.object({
  id: z.string(),
  workerId: z.string(),
});
