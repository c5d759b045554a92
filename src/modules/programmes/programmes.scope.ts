import type { Actor } from '../../platform/context.js';
import {
  nothing,
  type ResourceScope,
  regionOverlap,
  regionScope,
  sponsorScope,
} from '../../platform/scope.js';
import { can } from '../access/index.js';
import type { ProgrammeRow } from './programmes.repo.js';

/** What the rule needs of a programme: where it covers workers and who pays. */
export type ProgrammePlace = Pick<ProgrammeRow, 'region_code' | 'sponsor_id'>;

/**
 * The programmes an actor may see: a sponsor officer its sponsor's only; a regency operator those whose
 * region covers its regency or lies within it (the province's programme pays for its workers too); the
 * other readers (administrator, auditor, BPJS liaison) those within their region.
 */
export function programmesScope(actor: Actor): ResourceScope<ProgrammePlace> {
  if (!can(actor, 'programme.read')) return nothing();
  const region = { column: 'region_code', regionOf: (p: ProgrammePlace) => p.region_code };
  switch (actor.role) {
    case 'sponsor_officer':
      return sponsorScope(actor.sponsorIds, { column: 'sponsor_id', sponsorOf: (p) => p.sponsor_id });
    case 'regency_operator':
      return regionOverlap(actor.regionCodes, region);
    default:
      return regionScope(actor.regionCodes, { kind: 'code', ...region });
  }
}
