/**
 * Roles, the region levels each is scoped at, their labels and the permissions: the one source the server
 * and the web app share (DESIGN §2). Which role holds which permission is the server's (policy.ts).
 */
export const ROLES = [
  'province_admin',
  'regency_operator',
  'enumerator',
  'sponsor_officer',
  'bpjs_liaison',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export type ScopeLevel = 'province' | 'regency' | 'district';

/** Which region levels a role's scope is given in (checked when users are created). */
export const SCOPE_LEVELS: Record<Role, readonly ScopeLevel[]> = {
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

/**
 * Every permission's name. Each feature declares its own beside its contracts and adds them here by
 * declaration merging, so `Permission` is the precise union on the server and in the web app alike:
 *
 *   export const WORKER_PERMISSIONS = ['worker.read', …] as const;
 *   declare module './roles.js' {
 *     interface PermissionRegistry extends Record<(typeof WORKER_PERMISSIONS)[number], true> {}
 *   }
 *
 * The runtime list is the manifests' (`permissionList(FEATURES)`); test/repo/features.test.ts checks both agree.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the features' contracts (declaration merging)
export interface PermissionRegistry {}
export type Permission = keyof PermissionRegistry & string;
