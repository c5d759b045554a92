import type { Permission } from '../../contracts/roles.js';
import type { Actor, Role } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type AnyFeature, grantTable } from '../../platform/feature.js';

/**
 * What each role may do (DESIGN §2): each feature grants its own permissions in its manifest, and the
 * app installs the fold of them here once (`installPolicy`). Region scope is separate: a permission
 * says what kind of thing an actor may do, each resource's scope (`<module>/<resource>.scope.ts`) which
 * of them.
 */
export { type Permission, ROLE_LABELS, SCOPE_LEVELS } from '../../contracts/roles.js';

let grants: Record<Role, readonly Permission[]> | null = null;

/** Builds role → permissions from the features' grants (createApp does, before any request). */
export function installPolicy(features: readonly AnyFeature[]): void {
  grants = grantTable(features);
}

function grantsOf(role: Role): readonly Permission[] {
  if (!grants) throw new Error('No policy installed: createApp installs it from the features.');
  return grants[role];
}

export function can(actor: Actor, permission: Permission): boolean {
  return grantsOf(actor.role).includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...grantsOf(role)];
}

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('FORBIDDEN', 'Peran Anda tidak berwenang melakukan tindakan ini.', { permission });
  }
}
