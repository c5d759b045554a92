import type { Actor } from '../../platform/context.js';
import { nothing, type ResourceScope, regionOverlap, sponsorScope } from '../../platform/scope.js';
import { can } from '../access/index.js';
import type { SponsorRow } from './sponsors.repo.js';

/** What the rule needs of a sponsor: its id and region. */
export type SponsorPlace = Pick<SponsorRow, 'id' | 'region_code'>;

/**
 * The sponsors an actor may see: a sponsor officer its own sponsor only; every other reader the
 * sponsors whose region lies within its own or contains it (the province's budget concerns a regency
 * operator too).
 */
export function sponsorsScope(actor: Actor): ResourceScope<SponsorPlace> {
  if (!can(actor, 'sponsor.read')) return nothing();
  if (actor.role === 'sponsor_officer') {
    return sponsorScope(actor.sponsorIds, { column: 'id', sponsorOf: (s) => s.id });
  }
  return regionOverlap(actor.regionCodes, { column: 'region_code', regionOf: (s) => s.region_code });
}
