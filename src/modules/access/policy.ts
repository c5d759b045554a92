import type { Actor, Role } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';

/**
 * What each role may do, in one place (DESIGN §2). Region scope is separate: a permission says what kind
 * of thing an actor may do, `actor.regionCodes` says where.
 */
export const PERMISSIONS = [
  'worker.read',
  'worker.readFull',
  'worker.write',
  'audit.read',
  'user.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

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

/** Region codes an actor may see workers in: none without worker.read. */
export function workerScope(actor: Actor): string[] {
  return can(actor, 'worker.read') ? actor.regionCodes : [];
}

/** Which region levels a role's scope is expressed in (checked when users are created). */
export const SCOPE_LEVELS: Record<Role, readonly ('province' | 'regency' | 'district')[]> = {
  province_admin: ['province'],
  regency_operator: ['regency'],
  enumerator: ['district'],
  sponsor_officer: ['province', 'regency'],
  bpjs_liaison: ['province'],
  auditor: ['province', 'regency'],
};

export const ROLE_LABELS: Record<Role, string> = {
  province_admin: 'Administrator Provinsi',
  regency_operator: 'Operator Kabupaten/Kota',
  enumerator: 'Petugas Pendata',
  sponsor_officer: 'Petugas Pemberi Bantuan Iuran',
  bpjs_liaison: 'Penghubung BPJS Ketenagakerjaan',
  auditor: 'Auditor',
};
