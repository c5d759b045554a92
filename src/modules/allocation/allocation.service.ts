import { z } from 'zod';
import {
  type AllocationJob,
  type Roster,
  RosterDecision,
  type RosterListQuery,
  RosterRejection,
  type Simulation,
  type WorkerEligibility,
} from '../../contracts/allocation.js';
import { Uuid } from '../../contracts/common.js';
import type { Occupation } from '../../contracts/workers.js';
import { evaluateEligibility, type WorkerFacts } from '../../domain/eligibility.js';
import { maskNik } from '../../domain/mask.js';
import { explainScore, TIE_BREAK } from '../../domain/priority.js';
import { Gate } from '../../platform/admission.js';
import type { ServiceContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { JobKeyTaken, type JobRunner } from '../../platform/jobs/index.js';
import { authorize, can } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { cancelRosterEnrolments } from '../enrolments/index.js';
import { createWorkersRepo, domicileOf, type WorkerRow, workersScope } from '../workers/index.js';
import {
  checkProposal,
  PROPOSE,
  type ProposeDeps,
  type ProposeLocal,
  type ProposePayload,
  type ProposeProgress,
  type ProposeResult,
  pending,
  poolOptions,
  proposeIn,
  proposeJobKey,
  readProgramme,
} from './allocation.jobs.js';
import { buildPool } from './allocation.pool.js';
import { createAllocationRepo, type RosterRow } from './allocation.repo.js';
import { allocationScope, mayAct } from './allocation.scope.js';
import { selectFromPool } from './allocation.select.js';
import { type AllocationProgramme, formulaOf, settingsOf, summaryOf } from './allocation.settings.js';

/** The facts the score reads, from a row carrying the workers' columns. */
export function priorityFactsOf(w: {
  birth_date: string;
  occupation: string;
  declared_income: number | null;
  in_welfare_register: boolean;
  has_disability: boolean;
  is_female_head_of_household: boolean;
}) {
  return {
    birthDate: w.birth_date,
    occupation: w.occupation as Occupation,
    declaredIncome: w.declared_income,
    inWelfareRegister: w.in_welfare_register,
    hasDisability: w.has_disability,
    isFemaleHeadOfHousehold: w.is_female_head_of_household,
  };
}

/** The facts eligibility reads, from a row of `workers`. */
export function eligibilityFactsOf(w: WorkerRow): WorkerFacts {
  return {
    birthDate: w.birth_date,
    occupation: w.occupation as Occupation,
    domicileCode: domicileOf(w),
    declaredIncome: w.declared_income,
    inWelfareRegister: w.in_welfare_register,
    hasDisability: w.has_disability,
    hasConsent: w.consent_given_at !== null,
    isActive: w.is_active,
  };
}

export interface AllocationDeps extends ProposeDeps {
  jobs: JobRunner;
  /** How long a simulation may wait for its turn before the caller is told the server is busy. */
  maxWaitMs?: number;
}

const DECISION_ACTIONS = { approved: 'roster.approve', rejected: 'roster.reject' } as const;

/** A page of rosters ends at this pair: when its last roster was proposed (text, to the microsecond) and its id. */
const RosterCursor = z.object({ t: z.string().max(40), id: Uuid });

const rosterNotFound = () => new AppError('ROSTER_NOT_FOUND', 'Daftar peserta tidak ditemukan.');

function authorizeRead(ctx: ServiceContext) {
  if (!can(ctx.actor, 'allocation.read') && !can(ctx.actor, 'allocation.readSponsored'))
    authorize(ctx.actor, 'allocation.read');
}

/** Why this actor may not approve or reject the roster, or null when it may. */
export function cannotDecide(
  ctx: ServiceContext,
  r: Pick<RosterRow, 'status' | 'proposed_by' | 'region_code'>,
) {
  if (r.status !== 'proposed') return 'Daftar peserta ini sudah diputuskan.';
  if (!mayAct(ctx.actor, 'allocation.approve', r.region_code))
    return 'Peran Anda tidak berwenang menyetujui daftar peserta program ini.';
  if (r.proposed_by === ctx.actor.id)
    return 'Anda yang mengusulkan daftar ini; persetujuan harus oleh orang lain (prinsip empat mata).';
  return null;
}

export function createAllocationService(deps: AllocationDeps) {
  const { db, catalog, jobs } = deps;
  // A simulation ranks the programme's whole eligible pool (seconds over a million workers): a few at a
  // time in the process, a short queue, and 503 SERVER_BUSY beyond, so nobody can stack them up.
  const simulations = new Gate({
    maxActive: db.kind === 'pglite' ? 1 : 2,
    maxQueue: 4,
    maxWaitMs: deps.maxWaitMs ?? 10_000,
    what: 'simulasi alokasi',
  });

  async function programme(ctx: ServiceContext, id: string): Promise<AllocationProgramme> {
    authorizeRead(ctx);
    return readProgramme(db, deps.programmes, ctx, id);
  }

  function presentRoster(ctx: ServiceContext, r: RosterRow): Roster {
    const s = r.settings as Parameters<typeof formulaOf>[0];
    const why = cannotDecide(ctx, r);
    return {
      id: r.id,
      programmeId: r.programme_id,
      programmeName: r.programme_name,
      regionCode: r.region_code,
      status: r.status,
      budget: r.budget,
      result: r.result as Roster['result'],
      formula: formulaOf(s),
      proposedBy: r.proposed_by_label,
      proposedAt: r.proposed_at.toISOString(),
      decidedBy: r.decided_by_label,
      decidedAt: r.decided_at?.toISOString() ?? null,
      decisionNote: r.decision_note,
      canDecide: why === null,
      cannotDecideReason: why,
    };
  }

  async function roster(ctx: ServiceContext, id: string, lock = false): Promise<RosterRow> {
    authorizeRead(ctx);
    const r = await createAllocationRepo(dbFor(db, ctx)).findRoster(id, allocationScope(ctx.actor), lock);
    if (!r) throw rosterNotFound();
    return r;
  }

  async function assertCanPropose(ctx: ServiceContext, programmeId: string, budget?: number) {
    authorize(ctx.actor, 'allocation.run');
    const p = await programme(ctx, programmeId);
    const chosen = checkProposal(ctx, p, budget);
    if (await createAllocationRepo(dbFor(db, ctx)).pendingRoster(p.id)) throw pending();
    return { p, budget: chosen };
  }

  function payloadOf(ctx: ServiceContext, p: AllocationProgramme, budget: number): ProposePayload {
    return {
      programmeId: p.id,
      regionCode: p.regionCode,
      sponsorId: p.sponsorId,
      budget,
      actor: ctx.actor,
      requestId: ctx.requestId,
      now: ctx.now.toISOString(),
      ...(ctx.origin ? { origin: ctx.origin } : {}),
    };
  }

  const busy = () => new AppError('ALLOCATION_BUSY', 'Alokasi program ini sedang berjalan.');

  return {
    /** The programme as the allocation page shows it, the formula, costs and what the caller may do. */
    async overview(ctx: ServiceContext, programmeId: string) {
      const p = await programme(ctx, programmeId);
      const s = settingsOf(p, await deps.rates.book(ctx));
      return {
        programme: {
          id: p.id,
          name: p.name,
          sponsorId: p.sponsorId,
          sponsorName: p.sponsorName,
          sponsorKind: p.sponsorKind,
          regionCode: p.regionCode,
          regionName: p.regionName,
          status: p.status,
          periodStart: p.periodStart,
          periodEnd: p.periodEnd,
          months: p.months,
          budget: p.budget,
          committed: p.committed,
          includeJht: p.includeJht,
          incomeBase: p.incomeBase,
        },
        formula: formulaOf(s),
        tieBreak: { ...TIE_BREAK },
        costClasses: s.costClasses,
        pendingRosterId: await createAllocationRepo(dbFor(db, ctx)).pendingRoster(p.id),
        canRun: mayAct(ctx.actor, 'allocation.run', p.regionCode),
        canApprove: mayAct(ctx.actor, 'allocation.approve', p.regionCode),
      };
    },

    /** What several budgets would buy, nothing saved: the pool is built once, each budget chosen from it. */
    async simulate(
      ctx: ServiceContext,
      programmeId: string,
      budgets: readonly number[],
    ): Promise<Simulation> {
      // Counts of the whole eligible pool: the registry's, not what a sponsor officer's sponsor pays for.
      authorize(ctx.actor, 'allocation.read');
      const p = await programme(ctx, programmeId);
      const s = settingsOf(p, await deps.rates.book(ctx));
      return simulations.run(() =>
        inTransaction(db, ctx, async (tx) => {
          const pool = await buildPool(tx.tx, s, poolOptions(db.kind));
          const runs = await selectFromPool(tx.tx, budgets, s.quotas, s.minCost);
          await tx.tx.exec('DROP TABLE IF EXISTS allocation_ranked');
          return {
            programmeId: p.id,
            eligible: pool.eligible,
            costClasses: s.costClasses,
            formula: formulaOf(s),
            runs: runs.map((r) => summaryOf(r, pool.eligible, pool.byRegency, s.costPerWorker, catalog)),
          };
        }),
      );
    },

    /** Proposes a roster here and now (the CLI, tests), as a durable job run in this process. */
    async propose(
      ctx: ServiceContext,
      programmeId: string,
      opts: { budget?: number; onProgress?: (p: ProposeProgress) => void } = {},
    ): Promise<ProposeResult> {
      const { p, budget } = await assertCanPropose(ctx, programmeId, opts.budget);
      if (ctx.tx)
        return inTransaction(db, ctx, (tx) =>
          proposeIn(tx, deps, { programmeId: p.id, budget, jobId: null }, opts.onProgress),
        );
      try {
        return await jobs.runNow<ProposePayload, ProposeResult, ProposeLocal>(
          PROPOSE,
          payloadOf(ctx, p, budget),
          { key: proposeJobKey(p.id), createdBy: ctx.actor.label, regionCode: p.regionCode },
          opts.onProgress ? { onProgress: opts.onProgress } : {},
        );
      } catch (e) {
        if (e instanceof JobKeyTaken) throw busy();
        throw e;
      }
    },

    /** Queues the proposal (any server's runner takes it): the job to poll. */
    async startPropose(ctx: ServiceContext, programmeId: string, budget?: number): Promise<AllocationJob> {
      const { p, budget: chosen } = await assertCanPropose(ctx, programmeId, budget);
      try {
        const job = await jobs.enqueue(PROPOSE, payloadOf(ctx, p, chosen), {
          key: proposeJobKey(p.id),
          createdBy: ctx.actor.label,
          regionCode: p.regionCode,
        });
        return {
          jobId: job.id,
          programmeId: p.id,
          state: job.state,
          progress: null,
          rosterId: null,
          error: null,
        };
      } catch (e) {
        if (e instanceof JobKeyTaken) throw busy();
        throw e;
      }
    },

    /**
     * A proposal's job, for polling. While it runs in this process, from memory: on PGlite the job's
     * transaction holds the only connection, so the answer must not need the database.
     */
    async job(ctx: ServiceContext, jobId: string): Promise<AllocationJob> {
      authorizeRead(ctx);
      const notFound = () => new AppError('ALLOCATION_JOB_NOT_FOUND', 'Proses alokasi tidak ditemukan.');
      const here = jobs.runningHere(jobId);
      const stored = here ? null : await jobs.get(jobId);
      const kind = here?.kind ?? stored?.kind;
      const payload = (here?.payload ?? stored?.payload) as ProposePayload | undefined;
      if (!payload || kind !== PROPOSE) throw notFound();
      const place = { region_code: payload.regionCode, sponsor_id: payload.sponsorId };
      if (!allocationScope(ctx.actor).allows(place)) throw notFound();
      const common = { jobId, programmeId: payload.programmeId };
      if (here)
        return {
          ...common,
          state: 'running',
          progress: (here.progress as ProposeProgress | null) ?? null,
          rosterId: null,
          error: null,
        };
      const j = stored!;
      return {
        ...common,
        state: j.state,
        progress: (j.progress as ProposeProgress | null) ?? null,
        rosterId: (j.result as ProposeResult | null)?.rosterId ?? null,
        error: j.state === 'failed' || j.state === 'cancelled' ? j.lastError : null,
      };
    },

    /** A programme's rosters, newest first, a page at a time (keyset on when proposed and id). */
    async listRosters(ctx: ServiceContext, programmeId: string, q: RosterListQuery = { limit: 20 }) {
      const p = await programme(ctx, programmeId);
      const after = q.cursor ? decodeCursor(q.cursor, RosterCursor) : undefined;
      const rows = await createAllocationRepo(dbFor(db, ctx)).listRosters(p.id, allocationScope(ctx.actor), {
        limit: q.limit,
        after,
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => presentRoster(ctx, r)),
        nextCursor:
          rows.length > q.limit && last ? encodeCursor({ t: last.proposed_key, id: last.id }) : null,
      };
    },

    async roster(ctx: ServiceContext, id: string): Promise<Roster> {
      return presentRoster(ctx, await roster(ctx, id));
    },

    /** A roster's workers in rank order (names, masked NIK, score and why), a page after rank `after`. */
    async rosterWorkers(ctx: ServiceContext, id: string, q: { after: number; limit: number }) {
      // Occupations and the score's factors (welfare register, disability, income…) are the registry's
      // facts: a sponsor officer reads the programme's enrolments instead (name, masked NIK, coverage).
      authorize(ctx.actor, 'allocation.read');
      const r = await roster(ctx, id);
      const repo = createAllocationRepo(dbFor(db, ctx));
      const s = r.settings as Parameters<typeof formulaOf>[0];
      const rows = await repo.rosterWorkers(r.id, q.after, q.limit + 1);
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((w) => ({
          rank: w.rank,
          workerId: w.worker_id,
          fullName: w.full_name,
          nik: maskNik(w.nik),
          regencyCode: w.regency_code,
          regencyName: catalog.get(w.regency_code)?.name ?? w.regency_code,
          occupation: w.occupation,
          score: w.score,
          monthlyCost: w.monthly_cost,
          totalCost: w.total_cost,
          status: w.status,
          factors: explainScore(priorityFactsOf(w), s).factors,
        })),
        total: await repo.rosterSize(r.id),
        nextAfter: rows.length > q.limit ? page[page.length - 1]!.rank : null,
      };
    },

    /** Approves a roster someone else proposed (maker–checker). */
    async approve(ctx: ServiceContext, id: string, note?: string): Promise<Roster> {
      authorize(ctx.actor, 'allocation.approve');
      return decide(ctx, id, 'approved', RosterDecision.parse({ note }).note ?? null);
    },

    /** Rejects a roster someone else proposed: its enrolments are cancelled, their months free again. */
    async reject(ctx: ServiceContext, id: string, note: string): Promise<Roster> {
      authorize(ctx.actor, 'allocation.approve');
      return decide(ctx, id, 'rejected', RosterRejection.parse({ note }).note);
    },

    /** Whether a worker is eligible for a programme, rule by rule, with the worker's score explained. */
    async eligibility(
      ctx: ServiceContext,
      programmeId: string,
      workerId: string,
    ): Promise<WorkerEligibility> {
      authorize(ctx.actor, 'allocation.read');
      const p = await programme(ctx, programmeId);
      const s = settingsOf(p, await deps.rates.book(ctx));
      return inTransaction(db, ctx, async (tx) => {
        const w = await createWorkersRepo(tx.tx).findById(workerId, workersScope(ctx.actor));
        if (!w) throw new AppError('WORKER_NOT_FOUND', 'Pekerja tidak ditemukan.');
        const held = await createAllocationRepo(tx.tx).heldMonths(w.id);
        const e = evaluateEligibility(
          eligibilityFactsOf(w),
          {
            id: p.id,
            regionCode: p.regionCode,
            firstMonth: s.firstMonth,
            lastMonth: s.lastMonth,
            rules: s.rules,
          },
          held.map((h) => ({
            programmeId: h.programme_id,
            programmeName: h.programme_name,
            firstMonth: h.first_month,
            lastMonth: h.last_month,
            status: h.status,
          })),
        );
        const score = explainScore(priorityFactsOf(w), s);
        await recordAudit(tx.tx, tx, {
          action: 'allocation.eligibility',
          entityType: 'worker',
          entityId: w.id,
          regionCode: w.regency_code,
          details: { programmeId: p.id, eligible: e.eligible },
        });
        return {
          programmeId: p.id,
          workerId: w.id,
          fullName: w.full_name,
          eligible: e.eligible,
          rules: e.rules,
          coveredBy: e.coveredBy,
          score: score.score,
          factors: score.factors,
          formula: formulaOf(s),
        };
      });
    },
  };

  async function decide(
    ctx: ServiceContext,
    id: string,
    status: 'approved' | 'rejected',
    note: string | null,
  ): Promise<Roster> {
    return inTransaction(db, ctx, async (tx) => {
      const r = await roster(tx, id, true);
      const why = cannotDecide(ctx, r);
      if (why) {
        const code =
          r.status !== 'proposed'
            ? 'ROSTER_DECIDED'
            : r.proposed_by === ctx.actor.id
              ? 'ROSTER_SAME_PERSON'
              : 'FORBIDDEN';
        throw new AppError(code, why);
      }
      const repo = createAllocationRepo(tx.tx);
      await repo.decide(r.id, { status, by: ctx.actor.id, label: ctx.actor.label, at: ctx.now, note });
      const cancelled =
        status === 'rejected'
          ? await cancelRosterEnrolments(tx.tx, {
              rosterId: r.id,
              reason: `Daftar peserta ditolak: ${note}`,
              actor: { id: ctx.actor.id, label: ctx.actor.label },
              at: ctx.now,
            })
          : 0;
      await recordAudit(tx.tx, tx, {
        action: DECISION_ACTIONS[status],
        entityType: 'roster',
        entityId: r.id,
        regionCode: r.region_code,
        before: { status: r.status },
        after: { status },
        details: { programmeId: r.programme_id, note, cancelledEnrolments: cancelled },
      });
      return presentRoster(ctx, (await repo.findRoster(r.id, allocationScope(ctx.actor)))!);
    });
  }
}

export type AllocationService = ReturnType<typeof createAllocationService>;
