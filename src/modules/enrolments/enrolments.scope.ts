import type { EnrolmentStatus } from '../../contracts/enrolments.js';
import type { Actor } from '../../platform/context.js';
import { nothing, type ResourceScope, regionScope, sponsorScope } from '../../platform/scope.js';
import { can } from '../access/index.js';

/** Where an enrolment lies, who pays for it and its status, as a row of `enrolments` carries them. */
export interface EnrolmentPlace {
  district_code: string;
  sponsor_id: string;
  status: EnrolmentStatus;
}

/**
 * The statuses in which a sponsor pays for a worker: sent to BPJS, active or ended. A proposed enrolment
 * is not yet approved and sent; a rejected or cancelled one was never paid for.
 */
export const FUNDED_STATUSES = ['submitted', 'active', 'ended'] as const satisfies readonly EnrolmentStatus[];

/**
 * The enrolments an actor may see: a sponsor officer those its sponsors pay for (`FUNDED_STATUSES`,
 * wherever the worker lives; its regions play no part), every other reader those of workers living
 * within its regions (the enrolment's district, copied from the worker's domicile when proposed).
 * Nothing without `enrolment.read`.
 */
export function enrolmentsScope(actor: Actor): ResourceScope<EnrolmentPlace> {
  if (!can(actor, 'enrolment.read')) return nothing();
  if (actor.role === 'sponsor_officer') {
    const bySponsor = sponsorScope<EnrolmentPlace>(actor.sponsorIds, {
      column: 'sponsor_id',
      sponsorOf: (e) => e.sponsor_id,
    });
    if (actor.sponsorIds.length === 0) return bySponsor;
    const funded: readonly string[] = FUNDED_STATUSES;
    return {
      where: (alias, params) =>
        `(${bySponsor.where(alias, params)} AND ${alias ? `${alias}.` : ''}status = ANY(${params.add([
          ...FUNDED_STATUSES,
        ])}::text[]))`,
      allows: (e) => bySponsor.allows(e) && funded.includes(e.status),
    };
  }
  return regionScope<EnrolmentPlace>(actor.regionCodes, {
    kind: 'hierarchy',
    regionOf: (e) => e.district_code,
  });
}
