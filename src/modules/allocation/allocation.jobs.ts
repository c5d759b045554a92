import type { AllocationSummary } from '../../contracts/allocation.js';
import type { RegionCatalog } from '../../contracts/regions.js';
import type { Actor, ServiceContext } from '../../platform/context.js';
import type { Database, Queryable } from '../../platform/db/index.js';
import { isUniqueViolation } from '../../platform/db/sql.js';
import { AppError } from '../../platform/errors.js';
import type { JobRun } from '../../platform/jobs/index.js';
import { authorize } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { insertProposedEnrolments, isDoubleFunding } from '../enrolments/index.js';
import { buildPool, chosenQuery } from './allocation.pool.js';
import { createAllocationRepo, type ProgrammeRow } from './allocation.repo.js';
import { allocationScope, mayAct } from './allocation.scope.js';
import { selectFromPool } from './allocation.select.js';
import { settingsOf, storedSettings, summaryOf } from './allocation.settings.js';

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

/**
 * Whether `ctx`'s actor may propose a roster of `budget` (the rest of the budget when none) for
 * programme `p`, as it stands now: the budget to use, or the refusal. Asked when the proposal is made
 * and again by the job, whose actor and programme may have changed since.
 */
export function checkProposal(ctx: ServiceContext, p: ProgrammeRow, budget?: number): number {
  authorize(ctx.actor, 'allocation.run');
  if (!mayAct(ctx.actor, 'allocation.run', p.region_code))
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

/** The whole proposal inside `tx`. */
export async function proposeIn(
  tx: Queryable,
  ctx: ServiceContext,
  catalog: RegionCatalog,
  input: { programmeId: string; budget: number; jobId: string | null; dbKind: Database['kind'] },
  progress: (p: ProposeProgress) => void = () => {},
): Promise<ProposeResult> {
  const repo = createAllocationRepo(tx);
  const programme = await repo.findProgramme(input.programmeId, allocationScope(ctx.actor));
  if (!programme) throw new AppError('ALLOCATION_PROGRAMME_NOT_FOUND', 'Program tidak ditemukan.');
  checkProposal(ctx, programme, input.budget);
  if (await repo.pendingRoster(programme.id)) throw pending();
  const s = settingsOf(programme);
  progress({ phase: 'pool' });
  const pool = await buildPool(tx, s, poolOptions(input.dbKind));
  progress({ phase: 'selecting', eligible: pool.eligible, ranked: 0 });
  const [sel] = await selectFromPool(tx, [input.budget], s.quotas, s.minCost, (ranked) =>
    progress({ phase: 'selecting', eligible: pool.eligible, ranked }),
  );
  const summary = summaryOf(sel!, pool.eligible, pool.byRegency, s.costPerWorker, catalog);
  progress({ phase: 'saving', eligible: pool.eligible });
  let rosterId: string;
  try {
    rosterId = await repo.insertRoster({
      programmeId: programme.id,
      sponsorId: programme.sponsor_id,
      regionCode: programme.region_code,
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
      sponsorId: programme.sponsor_id,
      firstMonth: `${s.firstMonth}-01`,
      lastMonth: `${s.lastMonth}-01`,
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
    regionCode: programme.region_code,
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

export function allocationJobHandlers(deps: { db: Database; catalog: RegionCatalog }) {
  const { db, catalog } = deps;
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
    return db.transaction((tx) =>
      proposeIn(
        tx,
        ctx,
        catalog,
        { programmeId: p.programmeId, budget: p.budget, jobId: run.id, dbKind: db.kind },
        (x) => {
          run.progress(x);
          run.local?.onProgress?.(x);
        },
      ),
    );
  }
  return { [PROPOSE]: { handler: propose, options: { maxAttempts: 3 } } };
}
