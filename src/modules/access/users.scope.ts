import type { Actor } from '../../platform/context.js';
import { nothing, type RegionScope, regionScope } from '../../platform/scope.js';
import { can } from './policy.js';
import type { UserRow } from './users.repo.js';

/** Where a user works: its region codes (none for a user without a region). */
export type UserPlace = Pick<UserRow, 'region_codes'>;

/**
 * The users an actor may manage: for user managers, those whose every region lies within the
 * manager's (a user without regions too). A manager gives a user only regions it `covers`.
 */
export function usersScope(actor: Actor): RegionScope<UserPlace> {
  if (!can(actor, 'user.manage')) return nothing();
  return regionScope(actor.regionCodes, {
    kind: 'codes',
    column: 'region_codes',
    regionsOf: (u) => u.region_codes,
  });
}
