import { ACCESS_AUDIT_LABELS } from './access.js';
import type { AuditLabel } from './common.js';
import { IMPORT_AUDIT_LABELS } from './imports.js';
import { WORKER_AUDIT_LABELS } from './workers.js';

/** The audit trail's own actions (module audit): reading it is audited too. */
export const AUDIT_AUDIT_LABELS = {
  'audit.export': { id: 'Jejak audit diunduh', en: 'Audit trail downloaded' },
  'audit.read': { id: 'Jejak audit dibaca', en: 'Audit trail read' },
  'audit.view': { id: 'Nilai lengkap jejak audit dibuka', en: 'Full audit values opened' },
  'audit.find': { id: 'Pekerja dicari di jejak audit', en: 'Worker searched for in the audit trail' },
} as const satisfies Record<string, AuditLabel>;

/**
 * Every feature's audit labels, for the web app, which cannot read the server's manifests. Each feature
 * declares its labels beside its contracts and names them in its manifest (`auditLabels`); the server
 * reads them from the manifests (`auditLabelTable`), and test/repo/features.test.ts checks that this
 * list and the manifests agree.
 */
const ALL = {
  ...WORKER_AUDIT_LABELS,
  ...AUDIT_AUDIT_LABELS,
  ...ACCESS_AUDIT_LABELS,
  ...IMPORT_AUDIT_LABELS,
};

/**
 * What each audit action is called in Bahasa Indonesia: the audit viewer (web/src/messages/audit.ts)
 * and the audit CSV both name actions with these words, so a person reads the same label everywhere.
 */
export const AUDIT_ACTION_LABELS = Object.fromEntries(Object.entries(ALL).map(([k, v]) => [k, v.id])) as {
  readonly [K in keyof typeof ALL]: (typeof ALL)[K]['id'];
};

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The label of an action, or the action's own code for one without a label. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : action;
}

type Prefixed<T, P extends string> = { readonly [K in keyof T & string as `${P}${K}`]: T[K] };

/** The labels as message keys (`action.worker.create`) for the web app's typed dictionary. */
export function actionMessages<P extends string>(prefix: P): Prefixed<typeof AUDIT_ACTION_LABELS, P> {
  return Object.fromEntries(
    Object.entries(AUDIT_ACTION_LABELS).map(([k, v]) => [`${prefix}${k}`, v]),
  ) as Prefixed<typeof AUDIT_ACTION_LABELS, P>;
}
