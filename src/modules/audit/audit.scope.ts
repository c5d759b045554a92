import { levelOf } from '../../domain/regions.js';
import type { Actor } from '../../platform/context.js';
import { anyOf, nothing, type ResourceScope, regionScope, unplaced } from '../../platform/scope.js';
import { can } from '../access/index.js';
import type { AuditRow } from './audit.repo.js';

/** Where an audit event belongs: the region of what it records, or none (sign-ins, users, reads). */
export type AuditPlace = Pick<AuditRow, 'region_code'>;

/**
 * The audit events an actor may read: for readers of the trail, the events of their regions; events
 * without a region (sign-ins, users, the trail's own reads) only for readers of a whole province.
 */
export function auditScope(actor: Actor): ResourceScope<AuditPlace> {
  if (!can(actor, 'audit.read')) return nothing();
  const regionOf = (e: AuditPlace) => e.region_code;
  const inRegions = regionScope(actor.regionCodes, { kind: 'code', column: 'region_code', regionOf });
  const isProvinceWide = actor.regionCodes.some((c) => levelOf(c) === 'province');
  return isProvinceWide ? anyOf(inRegions, unplaced('region_code', regionOf)) : inRegions;
}
