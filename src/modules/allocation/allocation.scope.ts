import type { Actor } from '../../platform/context.js';
import { anyOf, nothing, type ResourceScope, regionScope, sponsorScope } from '../../platform/scope.js';
import { can } from '../access/index.js';

/** Where a programme or a roster belongs: its region and its sponsor (same columns on both tables). */
export interface AllocationPlace {
  region_code: string;
  sponsor_id: string;
}

/**
 * The programmes and rosters an actor may read for allocation: those whose region lies within its
 * regions (`allocation.read`: a regency operator sees its regency's programmes, not the province's),
 * and those of its own sponsors (`allocation.readSponsored`: a sponsor officer).
 */
export function allocationScope(actor: Actor): ResourceScope<AllocationPlace> {
  const parts: ResourceScope<AllocationPlace>[] = [];
  if (can(actor, 'allocation.read'))
    parts.push(
      regionScope(actor.regionCodes, { kind: 'code', column: 'region_code', regionOf: (r) => r.region_code }),
    );
  if (can(actor, 'allocation.readSponsored'))
    parts.push(sponsorScope(actor.sponsorIds, { column: 'sponsor_id', sponsorOf: (r) => r.sponsor_id }));
  return parts.length === 0 ? nothing() : anyOf(...parts);
}

/**
 * Where an actor may allocate (propose a roster) or approve one: a programme whose region lies within
 * the actor's regions, for the permission asked.
 */
export function mayAct(
  actor: Actor,
  permission: 'allocation.run' | 'allocation.approve',
  regionCode: string,
) {
  if (!can(actor, permission)) return false;
  return regionScope<AllocationPlace>(actor.regionCodes, {
    kind: 'code',
    column: 'region_code',
    regionOf: (r) => r.region_code,
  }).covers(regionCode);
}
