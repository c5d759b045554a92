import type { AllocationSummary } from '../../contracts/allocation.js';
import type { RegionCatalog } from '../../contracts/regions.js';
import { monthStart } from '../../domain/programmes.js';
import type { Actor, ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { isUniqueViolation } from '../../platform/db/sql.js';
import { dbFor, inTransaction, type TxContext } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import type { JobRun } from '../../platform/jobs/index.js';
import { authorize } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { insertProposedEnrolments, isDoubleFunding } from '../enrolments/index.js';
import { committedOf, type ProgrammeService } from '../programmes/index.js';
import type { RateService } from '../rates/index.js';
import { buildPool, chosenQuery } from './allocation.pool.js';
import { createAllocationRepo } from './allocation.repo.js';
import { allocationScope, mayAct } from './allocation.scope.js';
import { selectFromPool } from './allocation.select.js';
import { type AllocationProgramme, settingsOf, storedSettings, summaryOf } from './allocation.settings.js';

/**
 * Proposing a roster as a durable job (`allocation.propose`): one transaction builds the pool, chooses,
 * writes the roster and its enrolments and the audit event, so a run killed part-way leaves nothing and
 * is run again from the start; a re-run after it committed finds its roster (rosters.job_id).
 */
export const PROPOSE = 'allocation.propose';
export const proposeJobKey = (programmeId: string) => `allocation:${programmeId}`;

export interface ProposePayload {
  programmeId: string;
  /** The programme's place, so a poll is answered without the database (allocationScope().allows). */
  regionCode: string;
  sponsorId: string;
  budget: number;
  actor: Actor;
  requestId: string;
  now: string;
  origin?: string;
}

export interface ProposeProgress {
  phase: 'pool' | 'selecting' | 'saving' | 'done';
  eligible?: number;
  ranked?: number;
}

/** What a caller running the job in its own process may hear (the CLI, the benchmark). */
export interface ProposeLocal {
  onProgress?: (p: ProposeProgress) => void;
}

export interface ProposeResult {
  rosterId: string;
  summary: AllocationSummary;
}

export const conflict = () =>
  new AppError(
    'ALLOCATION_CONFLICT',
    'Sebagian pekerja terpilih baru saja ditanggung program lain untuk bulan yang sama (alokasi lain berjalan bersamaan). Tidak ada yang disimpan; jalankan alokasi lagi.',
  );

export const pending = () =>
  new AppError(
    'ROSTER_PENDING',
    'Program ini masih punya daftar peserta yang menunggu persetujuan. Setujui atau tolak dulu daftar itu.',
  );

/** What the allocation reads of the programmes feature. */
export type Programmes = Pick<ProgrammeService, 'get'>;

export const programmeNotFound = () =>
  new AppError('ALLOCATION_PROGRAMME_NOT_FOUND', 'Program tidak ditemukan.');

/**
 * A programme through the programmes feature's service, within the actor's allocation scope (narrower:
 * a regency operator allocates its regency's programmes, not the province's), with the money its
 * enrolments hold.
 */
export async function readProgramme(
  db: Database,
  programmes: Programmes,
  ctx: ServiceContext,
  id: string,
): Promise<AllocationProgramme> {
  const p = await programmes.get(ctx, id).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'PROGRAMME_NOT_FOUND' ? programmeNotFound() : e;
  });
  if (!allocationScope(ctx.actor).allows({ region_code: p.regionCode, sponsor_id: p.sponsorId }))
    throw programmeNotFound();
  return { ...p, committed: await committedOf(dbFor(db, ctx), p.id) };
}

/**
 * Whether `ctx`'s actor may propose a roster of `budget` (the rest of the budget when none) for
 * programme `p`, as it stands now: the budget to use, or the refusal. Asked when the proposal is made
 * and again by the job, whose actor and programme may have changed since.
 */
export function checkProposal(ctx: ServiceContext, p: AllocationProgramme, budget?: number): number {
  authorize(ctx.actor, 'allocation.run');
  if (!mayAct(ctx.actor, 'allocation.run', p.regionCode))
    throw new AppError('FORBIDDEN', 'Program ini di luar wilayah kerja Anda.', {
      permission: 'allocation.run',
    });
  if (p.status !== 'open')
    throw new AppError(
      'ALLOCATION_PROGRAMME_STATE',
      'Daftar peserta hanya dapat diusulkan untuk program yang berstatus dibuka (open).',
    );
  const rest = Math.max(0, p.budget - p.committed);
  const chosen = budget ?? rest;
  if (chosen > rest)
    throw new AppError(
      'ALLOCATION_OVER_BUDGET',
      `Anggaran Rp ${chosen.toLocaleString('id-ID')} melebihi sisa anggaran program Rp ${rest.toLocaleString('id-ID')}.`,
      { budget: chosen, available: rest },
    );
  return chosen;
}

/** A PostgreSQL server sorts the pool in memory; PGlite keeps its small settings (decision 0007). */
export const poolOptions = (kind: Database['kind']) => (kind === 'postgres' ? { sortMemory: '256MB' } : {});

export interface ProposeDeps {
  db: Database;
  catalog: RegionCatalog;
  programmes: Programmes;
  /** The rate versions a programme's package is costed with. */
  rates: Pick<RateService, 'book'>;
}

/** The whole proposal inside `ctx`'s transaction. */
export async function proposeIn(
  ctx: TxContext,
  deps: ProposeDeps,
  input: { programmeId: string; budget: number; jobId: string | null },
  progress: (p: ProposeProgress) => void = () => {},
): Promise<ProposeResult> {
  const { tx } = ctx;
  const repo = createAllocationRepo(tx);
  const programme = await readProgramme(deps.db, deps.programmes, ctx, input.programmeId);
  checkProposal(ctx, programme, input.budget);
  if (await repo.pendingRoster(programme.id)) throw pending();
  const s = settingsOf(programme, await deps.rates.book(ctx));
  progress({ phase: 'pool' });
  const pool = await buildPool(tx, s, poolOptions(deps.db.kind));
  progress({ phase: 'selecting', eligible: pool.eligible, ranked: 0 });
  const [sel] = await selectFromPool(tx, [input.budget], s.quotas, s.minCost, (ranked) =>
    progress({ phase: 'selecting', eligible: pool.eligible, ranked }),
  );
  const summary = summaryOf(sel!, pool.eligible, pool.byRegency, s.costPerWorker, deps.catalog);
  progress({ phase: 'saving', eligible: pool.eligible });
  let rosterId: string;
  try {
    rosterId = await repo.insertRoster({
      programmeId: programme.id,
      sponsorId: programme.sponsorId,
      regionCode: programme.regionCode,
      budget: input.budget,
      settings: storedSettings(s, input.jobId),
      result: summary,
      proposedBy: ctx.actor.id,
      proposedByLabel: ctx.actor.label,
      at: ctx.now,
      jobId: input.jobId,
    });
    const written = await insertProposedEnrolments(tx, {
      rosterId,
      programmeId: programme.id,
      sponsorId: programme.sponsorId,
      firstMonth: monthStart(s.firstMonth),
      lastMonth: monthStart(s.lastMonth),
      actor: { id: ctx.actor.id, label: ctx.actor.label },
      at: ctx.now,
      chosen: chosenQuery(sel!.runs),
    });
    if (written !== sel!.selected) throw new Error(`roster wrote ${written} of ${sel!.selected}`);
  } catch (e) {
    if (isDoubleFunding(e)) throw conflict();
    if (isUniqueViolation(e, 'rosters_one_pending')) throw pending();
    throw e;
  }
  await recordAudit(tx, ctx, {
    action: 'roster.propose',
    entityType: 'roster',
    entityId: rosterId,
    regionCode: programme.regionCode,
    details: {
      programmeId: programme.id,
      budget: summary.budget,
      eligible: summary.eligible,
      selected: summary.selected,
      totalCost: summary.totalCost,
      limitedBy: summary.limitedBy,
    },
  });
  progress({ phase: 'done', eligible: pool.eligible });
  return { rosterId, summary };
}

export function allocationJobHandlers(deps: ProposeDeps) {
  const { db } = deps;
  async function propose(run: JobRun<ProposePayload, ProposeLocal>): Promise<ProposeResult> {
    const p = run.payload;
    const ctx: ServiceContext = {
      actor: { ...p.actor, sponsorIds: p.actor.sponsorIds ?? [] },
      now: new Date(p.now),
      requestId: p.requestId,
      ...(p.origin ? { origin: p.origin } : {}),
    };
    const done = await createAllocationRepo(db).rosterOfJob(run.id);
    if (done) {
      const r = await createAllocationRepo(db).findRoster(done, allocationScope(ctx.actor));
      return { rosterId: done, summary: r!.result as AllocationSummary };
    }
    return inTransaction(db, ctx, (tx) =>
      proposeIn(tx, deps, { programmeId: p.programmeId, budget: p.budget, jobId: run.id }, (x) => {
        run.progress(x);
        run.local?.onProgress?.(x);
      }),
    );
  }
  return { [PROPOSE]: { handler: propose, options: { maxAttempts: 3 } } };
}
