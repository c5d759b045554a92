import type { Actor } from '../../platform/context.js';
import { nothing, type ResourceScope, regionScope, sponsorScope } from '../../platform/scope.js';
import { can } from '../access/index.js';

/** Where an enrolment lies and who pays for it, as a row of `enrolments` carries them. */
export interface EnrolmentPlace {
  district_code: string;
  sponsor_id: string;
}

/**
 * The enrolments an actor may see: a sponsor officer those its sponsors pay for (wherever the worker
 * lives; its regions play no part), every other reader those of workers living within its regions
 * (the enrolment's district, copied from the worker's domicile when proposed). Nothing without
 * `enrolment.read`.
 */
export function enrolmentsScope(actor: Actor): ResourceScope<EnrolmentPlace> {
  if (!can(actor, 'enrolment.read')) return nothing();
  const bySponsor = sponsorScope<EnrolmentPlace>(actor.sponsorIds, {
    column: 'sponsor_id',
    sponsorOf: (e) => e.sponsor_id,
  });
  if (actor.role === 'sponsor_officer') return bySponsor;
  return regionScope<EnrolmentPlace>(actor.regionCodes, {
    kind: 'hierarchy',
    regionOf: (e) => e.district_code,
  });
}
