import type { Permission } from '../../contracts/roles.js';
import type { Actor, Role } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { workersScope } from '../workers/workers.scope.js';

/**
 * What each role may do, in one place (DESIGN §2). Where is separate: a permission says what kind of
 * thing an actor may do, each resource's scope (`<module>/<resource>.scope.ts`) which of them.
 */
export { PERMISSIONS, type Permission, ROLE_LABELS, SCOPE_LEVELS } from '../../contracts/roles.js';

const GRANTS: Record<Role, readonly Permission[]> = {
  province_admin: ['worker.read', 'worker.readFull', 'worker.write', 'audit.read', 'user.manage'],
  regency_operator: ['worker.read', 'worker.readFull', 'worker.write'],
  enumerator: ['worker.read', 'worker.readFull', 'worker.write'],
  // Sees only the workers its programmes pay for; until programmes exist, none.
  sponsor_officer: [],
  bpjs_liaison: ['worker.read', 'worker.readFull'],
  auditor: ['worker.read', 'worker.readFull', 'audit.read'],
};

export function can(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('FORBIDDEN', 'Peran Anda tidak berwenang melakukan tindakan ini.', { permission });
  }
}

/**
 * Region codes an actor may see workers in: none without worker.read.
 * @deprecated Use workersScope (workers/workers.scope.ts); kept for the imports module's call sites.
 */
export function workerScope(actor: Actor): string[] {
  return [...workersScope(actor).regions];
}
