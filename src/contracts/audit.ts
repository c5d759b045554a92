import type { AuditLabel } from './common.js';

/** The permission module audit owns: reading the trail (its manifest declares it and grants it). */
export const AUDIT_PERMISSIONS = ['audit.read'] as const;
declare module './roles.js' {
  interface PermissionRegistry extends Record<(typeof AUDIT_PERMISSIONS)[number], true> {}
}

/**
 * The audit trail's own actions (module audit): reading it is audited too. Every feature declares its
 * labels beside its contracts and names them in its server manifest and its web registration
 * (`auditLabels`); the audit CSV and the audit viewer both read them from there.
 */
export const AUDIT_AUDIT_LABELS = {
  'audit.export': { id: 'Jejak audit diunduh', en: 'Audit trail downloaded' },
  'audit.read': { id: 'Jejak audit dibaca', en: 'Audit trail read' },
  'audit.view': { id: 'Nilai lengkap jejak audit dibuka', en: 'Audit event full values opened' },
  'audit.find': { id: 'Pekerja dicari di jejak audit', en: 'Worker looked up in the audit trail' },
} as const satisfies Record<string, AuditLabel>;
