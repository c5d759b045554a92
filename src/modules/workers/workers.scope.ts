import type { Actor } from '../../platform/context.js';
import { anyOf, nothing, type RegionScope, type ResourceScope, regionScope } from '../../platform/scope.js';
import { can } from '../access/index.js';
import type { WorkerRow } from './workers.repo.js';

/**
 * Where a worker lives, as a row of `workers` carries it (its finest code: village, else district), and,
 * when the row was read with them, the sponsors paying for it (`sponsor_ids`: sponsors of its enrolments
 * sent to BPJS, active or ended). Without them a row in memory is not a sponsor's.
 */
export type WorkerPlace = Pick<WorkerRow, 'district_code' | 'village_code'> & {
  sponsor_ids?: readonly string[] | null;
};

/** Enrolment statuses through which a sponsor pays for a worker (a proposed one is not yet approved). */
const FUNDED_STATUSES = `('submitted', 'active', 'ended')`;

/**
 * Workers some enrolment of `sponsorIds` pays for: an EXISTS over `enrolments` (its worker index), and
 * the row's `sponsor_ids` in memory.
 */
export function workersFundedBy(sponsorIds: readonly string[]): ResourceScope<WorkerPlace> {
  if (sponsorIds.length === 0) return nothing();
  return {
    where: (alias, params) =>
      `EXISTS (SELECT FROM enrolments funded WHERE funded.worker_id = ${alias ? `${alias}.` : ''}id
                 AND funded.sponsor_id = ANY(${params.add(sponsorIds)}::uuid[])
                 AND funded.status IN ${FUNDED_STATUSES})`,
    allows: (w) => (w.sponsor_ids ?? []).some((id) => sponsorIds.includes(id)),
  };
}

/** The finest region a worker's row names. */
export const domicileOf = (w: WorkerPlace): string => w.village_code ?? w.district_code;

/** Workers living within `codes`, whoever asks (the scope's shape on `workers`). */
export function workersInRegions(codes: readonly string[]): RegionScope<WorkerPlace> {
  return regionScope(codes, { kind: 'hierarchy', regionOf: domicileOf });
}

/**
 * The workers an actor may see: those living within its regions, for roles that read the registry by
 * region, or those its sponsors' programmes pay for (a sponsor officer, whose regions give it nothing of
 * the registry); nobody without `worker.read`. A worker is written only where it may be seen by region
 * (`covers` its domicile): a sponsor's view never writes.
 */
export function workersScope(actor: Actor): RegionScope<WorkerPlace> {
  if (!can(actor, 'worker.read')) return nothing();
  const byRegion = workersInRegions(actor.role === 'sponsor_officer' ? [] : actor.regionCodes);
  if (actor.sponsorIds.length === 0) return byRegion;
  const either = anyOf(byRegion, workersFundedBy(actor.sponsorIds));
  return { ...byRegion, where: either.where, allows: either.allows };
}
